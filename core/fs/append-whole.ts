/**
 * All-or-nothing appends. A full disk can take half of a write and then refuse the rest; a
 * retry would then glue a whole line onto the half one, mid-file. So an append is cut back to
 * the size it started from when any part of it fails, and one that finds the file ending in
 * a torn line (a crash mid-write) starts on a fresh line.
 */
import type { FileHandle } from 'node:fs/promises';

/** The part of a FileHandle an append uses (a test hands in one whose writes fail). */
export type AppendTarget = Pick<FileHandle, 'stat' | 'read' | 'write' | 'truncate'>;

const NEWLINE = 0x0a;

/** Appends `text` to a file opened for appending, or leaves it as it was and throws. */
export async function appendWhole(fh: AppendTarget, text: string): Promise<void> {
  const start = (await fh.stat()).size;
  let data = Buffer.from(text, 'utf8');
  if (start > 0 && !(await endsWithNewline(fh, start))) data = Buffer.concat([Buffer.from('\n'), data]);
  let done = 0;
  try {
    // O_APPEND puts every write at the end, whatever the position.
    while (done < data.length) done += (await fh.write(data, done, data.length - done)).bytesWritten;
  } catch (e) {
    // Best effort: if even this fails, the torn line is at the end, where the next append starts afresh.
    await fh.truncate(start).catch(() => undefined);
    throw e;
  }
}

async function endsWithNewline(fh: AppendTarget, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  const { bytesRead } = await fh.read(last, 0, 1, size - 1);
  return bytesRead === 1 && last[0] === NEWLINE;
}
