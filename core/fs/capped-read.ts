/**
 * Reading a whole file that should be small (a key, a settings file) without trusting it to
 * be: at most `maxBytes` are ever held. A device (/dev/zero) or a pipe reports no size, so the
 * cap is enforced on what is read, not on what stat says.
 */
import { open, stat } from 'node:fs/promises';

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

/** The file's bytes; a FileTooLargeError past `maxBytes`, an EISDIR error for a folder. */
export async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error(`${path} is a folder, not a file`), { code: 'EISDIR' });
  // A regular file says its size: refuse before reading a byte.
  if (info.isFile() && info.size > maxBytes) throw new FileTooLargeError(path, maxBytes);
  const fh = await open(path, 'r');
  try {
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

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}
