/**
 * Reading a whole file that should be small (a key, a settings file) without trusting it to
 * be: at most `maxBytes` are ever held, and only a regular file is read. A named pipe would
 * hold the open until someone writes to it and a device (/dev/zero) may never end, so the file
 * is opened without waiting (O_NONBLOCK) and what the handle itself is (fstat, so it cannot be
 * swapped after a check) decides. A file that grows while read is still stopped at the cap.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { formatBytes } from '../../shared/format-bytes';

const PIECE_BYTES = 64 * 1024;

/** The file holds more than the cap; the message names the cap in plain units. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  readonly code = 'EFBIG';
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(`${path} is larger than ${formatBytes(maxBytes)}, the most Steward reads from such a file`);
  }
}

/** The error code for a path that is not a regular file. */
export const NOT_REGULAR = 'ENOTREGULAR';

/** The file's bytes; a FileTooLargeError past `maxBytes`, an EISDIR error for a folder, NOT_REGULAR for a pipe, device or socket. */
export async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  // O_NONBLOCK does not exist on Windows, where opening a pipe this way does not wait either.
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await fh.stat();
    if (info.isDirectory()) throw Object.assign(new Error(`${path} is a folder, not a file`), { code: 'EISDIR' });
    if (!info.isFile()) throw Object.assign(new Error(`${path} is not a regular file (a pipe, a device or a socket)`), { code: NOT_REGULAR });
    // A regular file says its size: refuse before reading a byte.
    if (info.size > maxBytes) throw new FileTooLargeError(path, maxBytes);
    // Read in pieces until EOF or one byte beyond the cap (which tells "exactly the cap" from "more").
    const pieces: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const piece = Buffer.alloc(Math.min(PIECE_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(piece, 0, piece.length, null);
      if (bytesRead === 0) break;
      pieces.push(piece.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) throw new FileTooLargeError(path, maxBytes);
    return Buffer.concat(pieces, total);
  } finally {
    await fh.close();
  }
}
