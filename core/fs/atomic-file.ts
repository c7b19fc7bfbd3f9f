/**
 * Crash-safe file writes and careful JSON reads. A write goes to a temp file in the same
 * directory (so the rename cannot cross filesystems), is fsynced, then renamed over the
 * target: readers see the old content or the new, never half of either. A file that cannot
 * be read is moved aside, never silently replaced, so a steward can still recover it.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, copyFile, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ZodType } from 'zod';
import { FileTooLargeError, readFileCapped } from './capped-read';
import { formatBytes } from '../../shared/format-bytes';
import { errorText } from '../../shared/error-text';
import { errorCode } from './errors';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-fs';

export interface WriteOptions {
  /** File mode for a new file; 0o600 because profiles hold private material. */
  mode?: number;
  /** The file system calls a write makes, in order; node's own unless a test records them. */
  fs?: AtomicFs;
}

/** The open file a write uses (node's `FileHandle` satisfies it). */
export interface AtomicFileHandle {
  chmod(mode: number): Promise<void>;
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The calls an atomic write makes, so their order can be checked without crashing a disk. */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

const nodeFs: AtomicFs = { open, rename, unlink };

/** `data` may be a list of chunks, so a large file needs no single giant string. */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, opts: WriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? nodeFs;
  const dir = dirname(path);
  await ensurePrivateDir(dir);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const mode = opts.mode ?? PRIVATE_FILE_MODE;
    const fh = await fs.open(tmp, 'wx', mode);
    try {
      await fh.chmod(mode); // open's mode is masked by the umask
      if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
      else for (const chunk of data) await fh.writeFile(chunk); // each continues at the current position
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir, fs);
}

/** Make the rename itself durable. Not possible on every platform (Windows), hence best effort. */
async function syncDir(dir: string, fs: AtomicFs): Promise<void> {
  try {
    const fh = await fs.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // EISDIR/EPERM on platforms that cannot open or fsync a directory.
  }
}

export type ReadJsonResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'missing' | 'unreadable' | 'corrupt'; message: string; backupPath?: string };

/** Far more than any settings file Steward writes; a bigger one is not Steward's. */
export const MAX_JSON_FILE_BYTES = 8 * 1024 * 1024;

export async function readJsonFile<T>(path: string, schema: ZodType<T>, opts: { maxBytes?: number } = {}): Promise<ReadJsonResult<T>> {
  const maxBytes = opts.maxBytes ?? MAX_JSON_FILE_BYTES;
  let text: string | null;
  try {
    text = (await readFileCapped(path, maxBytes)).toString('utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { ok: false, reason: 'missing', message: `${path} does not exist` };
    if (!(e instanceof FileTooLargeError)) return { ok: false, reason: 'unreadable', message: `Cannot read ${path}: ${errorText(e)}` };
    text = null;
  }
  const checked = text === null ? { problem: `too large (more than ${formatBytes(maxBytes)}, far beyond what Steward writes)` } : parseJson(text, schema);
  if ('value' in checked) return { ok: true, value: checked.value };
  const { problem } = checked;
  try {
    const backupPath = await moveAside(path);
    return { ok: false, reason: 'corrupt', message: `${path} is ${problem}; kept as ${backupPath}`, backupPath };
  } catch (e) {
    return { ok: false, reason: 'corrupt', message: `${path} is unusable (${problem}) and could not be moved aside: ${errorText(e)}` };
  }
}

function parseJson<T>(text: string, schema: ZodType<T>): { value: T } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problem: `not valid JSON (${errorText(e)})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { value: parsed.data };
  return { problem: `invalid: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}` };
}

/**
 * Keep `path` as `<path>.corrupt-<timestamp>` (a free name) and answer that name. `copy`
 * leaves the original in place, for callers that will atomically replace it next (no
 * moment without a file).
 */
export async function moveAside(path: string, opts: { copy?: boolean; now?: Date } = {}): Promise<string> {
  const candidate = await freeSideName(path, 'corrupt', opts.now);
  if (opts.copy) await copyFile(path, candidate, fsConstants.COPYFILE_EXCL);
  else await rename(path, candidate);
  return candidate;
}

/** `<path>.<tag>-<timestamp>`, numbered if that is taken: a name for something kept beside `path`. */
export async function freeSideName(path: string, tag: string, now: Date = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '-');
  let candidate = `${path}.${tag}-${stamp}`;
  for (let n = 1; await exists(candidate); n++) candidate = `${path}.${tag}-${stamp}-${n}`;
  return candidate;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
