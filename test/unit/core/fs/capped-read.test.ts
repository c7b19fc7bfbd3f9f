import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLargeError, readFileCapped } from '../../../../core/fs/capped-read';

describe('readFileCapped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'steward-capped-'));

  it('reads a file up to exactly the cap', async () => {
    writeFileSync(join(dir, 'exact'), 'x'.repeat(100));
    expect((await readFileCapped(join(dir, 'exact'), 100)).toString()).toBe('x'.repeat(100));
  });

  it('refuses a regular file beyond the cap, naming the cap', async () => {
    writeFileSync(join(dir, 'big'), 'x'.repeat(2049));
    const e = await readFileCapped(join(dir, 'big'), 2048).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FileTooLargeError);
    expect((e as Error).message).toMatch(/big is larger than 2 KB/);
  });

  it.skipIf(!existsSync('/dev/zero'))('refuses a device that never ends without reading it', async () => {
    await expect(readFileCapped('/dev/zero', 64 * 1024)).rejects.toMatchObject({ code: 'ENOTREGULAR', message: expect.stringMatching(/\/dev\/zero is not a regular file/) });
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe no one writes to, rather than waiting for a writer', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(readFileCapped(fifo, 1024)).rejects.toMatchObject({ code: 'ENOTREGULAR', message: expect.stringContaining('pipe is not a regular file') });
  });

  it('refuses a folder', async () => {
    await expect(readFileCapped(dir, 1024)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
