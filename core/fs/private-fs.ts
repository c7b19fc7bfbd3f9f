/**
 * Steward's own folders and files are for the steward alone: folders 0700, files 0600,
 * whatever the umask. A file Steward appends to (a log, the history) is opened without
 * following a symbolic link, so a link planted in its place cannot redirect the write.
 */
import { constants as fsConstants } from 'node:fs';
import { chmod, lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { errorCode } from './errors';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** A link where Steward expects its own file; said in plain words, never followed. */
export class SymlinkRefusedError extends Error {
  override readonly name = 'SymlinkRefusedError';
  readonly code = 'ELOOP';
  constructor(readonly path: string) {
    super(`${path} is a symbolic link; Steward does not follow links in place of its own files. Remove the link and Steward will create the file.`);
  }
}

/**
 * Makes `dir` (and any missing parent) with mode 0700, set explicitly because mkdir's mode
 * is masked by the umask. `tighten` also narrows an existing `dir` wider than 0700, for a
 * folder only Steward uses (never the data folder a steward chose).
 */
export async function ensurePrivateDir(dir: string, opts: { tighten?: boolean } = {}): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first !== undefined) {
    // Every folder from the first one created down to `dir` is Steward's.
    let path = first;
    await chmod(path, PRIVATE_DIR_MODE);
    for (const part of relative(first, dir).split(sep).filter(Boolean)) {
      path = join(path, part);
      await chmod(path, PRIVATE_DIR_MODE);
    }
  } else if (opts.tighten) {
    await tightenDir(dir);
  }
}

/** Narrows a folder of ours to 0700; a link, someone else's folder or Windows is left alone. */
async function tightenDir(dir: string): Promise<void> {
  const info = await lstat(dir);
  if (!info.isDirectory() || (info.mode & 0o077) === 0 || !ownedByUs(info.uid)) return;
  await chmod(dir, PRIVATE_DIR_MODE);
}

/** Narrows a folder of ours to 0700 if it exists (at start, before anything is written in it). */
export async function tightenDirIfPresent(dir: string): Promise<void> {
  try {
    await tightenDir(dir);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT') throw e;
  }
}

/**
 * Narrows the file of ours at `path` to 0600 if it is there: opened without following a link
 * (a link planted there, or anything but a regular file, is left alone) and changed through
 * the handle, so what is narrowed is what was checked.
 */
export async function tightenFileAt(path: string): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await openNoFollow(path, 'read');
  } catch (e) {
    if (e instanceof SymlinkRefusedError || ['ENOENT', 'ENOTREG'].includes(errorCode(e) ?? '')) return;
    throw e;
  }
  try {
    await tightenFile(fh);
  } finally {
    await fh.close();
  }
}

/** Narrows an open file of ours to 0600 (one written by an older Steward, or under a loose umask). */
export async function tightenFile(fh: FileHandle): Promise<void> {
  const info = await fh.stat();
  if (!info.isFile() || (info.mode & 0o077) === 0 || !ownedByUs(info.uid)) return;
  await fh.chmod(PRIVATE_FILE_MODE);
}

function ownedByUs(uid: number): boolean {
  const me = process.getuid?.();
  return me !== undefined && process.platform !== 'win32' && uid === me;
}

const NOFOLLOW = fsConstants.O_NOFOLLOW as number | undefined;

/**
 * Opens `path` refusing a symbolic link: O_NOFOLLOW where the platform has it, an lstat
 * check first elsewhere (Windows). `append` creates a missing file 0600, and may read too
 * (appendWhole looks at the last byte for a torn line). Anything but a
 * regular file is refused too.
 */
export async function openNoFollow(path: string, how: 'append' | 'read'): Promise<FileHandle> {
  const fh = await openRefusingLinks(path, how === 'append' ? fsConstants.O_RDWR | fsConstants.O_APPEND | fsConstants.O_CREAT : fsConstants.O_RDONLY);
  // A device or pipe in the file's place is not Steward's file either.
  if (!(await fh.stat()).isFile()) {
    await fh.close();
    throw Object.assign(new Error(`${path} is not a regular file; Steward reads and writes only its own plain files there.`), { code: 'ENOTREG' });
  }
  return fh;
}

async function openRefusingLinks(path: string, flags: number): Promise<FileHandle> {
  if (NOFOLLOW === undefined) {
    const info = await lstat(path).catch((e: unknown) => (errorCode(e) === 'ENOENT' ? null : Promise.reject(e)));
    if (info?.isSymbolicLink()) throw new SymlinkRefusedError(path);
    return open(path, flags, PRIVATE_FILE_MODE);
  }
  try {
    // O_NONBLOCK only so that a FIFO in the file's place cannot hang the open; regular files ignore it.
    return await open(path, flags | NOFOLLOW | fsConstants.O_NONBLOCK, PRIVATE_FILE_MODE);
  } catch (e) {
    if (errorCode(e) === 'ELOOP') throw new SymlinkRefusedError(path);
    throw e;
  }
}
