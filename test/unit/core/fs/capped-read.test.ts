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

  it.skipIf(!existsSync('/dev/zero'))('stops a device that never ends one byte past the cap', async () => {
    await expect(readFileCapped('/dev/zero', 64 * 1024)).rejects.toThrow(/larger than 64 KB/);
  });
});
