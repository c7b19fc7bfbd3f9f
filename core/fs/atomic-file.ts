/**
 * Crash-safe file writes and careful JSON reads. A write goes to a temp file in the same
 * directory (so the rename cannot cross filesystems), is fsynced, then renamed over the
 * target: readers see the old content or the new, never half of either. A file that cannot
 * be read is moved aside, never silently replaced, so a steward can still recover it.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, copyFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ZodType } from 'zod';
import { errorText } from '../../shared/error-text';

export interface WriteOptions {
  /** File mode for a new file; 0o600 because profiles hold private material. */
  mode?: number;
}

/** `data` may be a list of chunks, so a large file needs no single giant string. */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, opts: WriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', opts.mode ?? 0o600);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
      else for (const chunk of data) await fh.writeFile(chunk); // each continues at the current position
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/** Make the rename itself durable. Not possible on every platform (Windows), hence best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
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

export async function readJsonFile<T>(path: string, schema: ZodType<T>): Promise<ReadJsonResult<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { ok: false, reason: 'missing', message: `${path} does not exist` };
    return { ok: false, reason: 'unreadable', message: `Cannot read ${path}: ${errorText(e)}` };
  }
  let problem: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text) as unknown);
    if (parsed.success) return { ok: true, value: parsed.data };
    problem = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  } catch (e) {
    problem = `not valid JSON (${errorText(e)})`;
  }
  try {
    const backupPath = await moveAside(path);
    return { ok: false, reason: 'corrupt', message: `${path} is ${problem.startsWith('not valid') ? problem : `invalid: ${problem}`}; kept as ${backupPath}`, backupPath };
  } catch (e) {
    return { ok: false, reason: 'corrupt', message: `${path} is unusable (${problem}) and could not be moved aside: ${errorText(e)}` };
  }
}

/**
 * Keep `path` as `<path>.corrupt-<timestamp>` (a free name) and answer that name. `copy`
 * leaves the original in place, for callers that will atomically replace it next (no
 * moment without a file).
 */
export async function moveAside(path: string, opts: { copy?: boolean; now?: Date } = {}): Promise<string> {
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace('.', '-');
  let candidate = `${path}.corrupt-${stamp}`;
  for (let n = 1; await exists(candidate); n++) candidate = `${path}.corrupt-${stamp}-${n}`;
  if (opts.copy) await copyFile(path, candidate, fsConstants.COPYFILE_EXCL);
  else await rename(path, candidate);
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

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
