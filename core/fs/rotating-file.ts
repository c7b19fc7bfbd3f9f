/**
 * An append-only text file that rotates by size (`name`, `name.1`, ... `name.(keep-1)`).
 * Appends are queued and written in batches off the caller's path; a failing disk is
 * remembered in `lastError` (until a write succeeds again) and told to `onWrite`, never
 * thrown at the caller. An append is all-or-nothing (appendWhole). The files are the steward's alone
 * (0600 in a 0700 folder) and a symbolic link in the file's place is refused, not followed.
 */
import { lstat, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorText } from '../../shared/error-text';
import { appendWhole } from './append-whole';
import { errorCode } from './errors';
import { ensurePrivateDir, openNoFollow, tightenFile, tightenFileAt } from './private-fs';

export interface RotatingFileOptions {
  path: string;
  /** Rotate before a write would take the file past this size (default 5 MB). */
  maxBytes?: number;
  /** Files kept including the current one (default 3). */
  keep?: number;
  /** Each batch's outcome: the failure, or null once a batch was written. */
  onWrite?: (failure: unknown) => void;
}

export class RotatingFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private queue: string[] = [];
  private size: number | null = null;
  private writing: Promise<void> | null = null;
  private closed = false;
  private tightened = false;
  lastError: string | null = null;
  private readonly onWrite: ((failure: unknown) => void) | undefined;

  constructor(options: RotatingFileOptions) {
    this.onWrite = options.onWrite;
    this.path = options.path;
    this.maxBytes = Math.max(1, options.maxBytes ?? 5 * 1024 * 1024);
    this.keep = Math.max(1, Math.floor(options.keep ?? 3));
  }

  /** Queue one line (a newline is added). Returns at once. */
  append(line: string): void {
    if (this.closed) return;
    this.queue.push(line.endsWith('\n') ? line : `${line}\n`);
    // Start a write on the next tick so lines appended together are written together.
    this.writing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  /** Resolve once everything queued so far is on disk (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const lines = this.queue;
        this.queue = [];
        await this.writeLines(lines);
      }
      this.lastError = null;
      this.onWrite?.(null);
    } catch (e) {
      this.lastError = errorText(e);
      this.onWrite?.(e);
      this.queue = [];
      this.size = null; // re-read the size next time: the disk may have changed under us
    } finally {
      this.writing = null;
    }
  }

  private async writeLines(lines: string[]): Promise<void> {
    if (this.size === null) {
      await ensurePrivateDir(dirname(this.path));
      this.size = await fileSize(this.path);
    }
    let chunk = '';
    let chunkBytes = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line);
      if (this.size + chunkBytes > 0 && this.size + chunkBytes + bytes > this.maxBytes) {
        if (chunk) await this.appendChunk(chunk);
        await this.rotate();
        this.size = 0;
        chunk = '';
        chunkBytes = 0;
      }
      chunk += line;
      chunkBytes += bytes;
    }
    if (chunk) await this.appendChunk(chunk);
    this.size += chunkBytes;
  }

  private async appendChunk(text: string): Promise<void> {
    const fh = await openNoFollow(this.path, 'append');
    try {
      if (!this.tightened) {
        // A log left by an older Steward (0644) is narrowed once, its rotated files too; rotation keeps the mode.
        await tightenFile(fh);
        for (let i = 1; i < this.keep; i++) await tightenFileAt(`${this.path}.${i}`);
        this.tightened = true;
      }
      await appendWhole(fh, text);
    } finally {
      await fh.close();
    }
  }

  private async rotate(): Promise<void> {
    const name = (i: number): string => (i === 0 ? this.path : `${this.path}.${i}`);
    await ignoreMissing(unlink(name(this.keep - 1)));
    for (let i = this.keep - 2; i >= 0; i--) await ignoreMissing(rename(name(i), name(i + 1)));
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await lstat(path)).size;
  } catch (e) {
    if (isMissing(e)) return 0;
    throw e;
  }
}

async function ignoreMissing(p: Promise<void>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
}

function isMissing(e: unknown): boolean {
  return errorCode(e) === 'ENOENT';
}
