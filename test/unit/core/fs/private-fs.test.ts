import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrivateDir, openNoFollow, SymlinkRefusedError } from '../../../../core/fs/private-fs';

const posix = process.platform !== 'win32';
const mode = (path: string): number => statSync(path).mode & 0o777;
let umask: number;
beforeAll(() => {
  umask = process.umask(0o022); // a permissive umask, as on most desktops
});
afterAll(() => {
  process.umask(umask);
});

describe.skipIf(!posix)('ensurePrivateDir', () => {
  it('makes every folder it creates 0700, whatever the umask', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-private-'));
    await ensurePrivateDir(join(root, 'a', 'b', 'c'));
    expect([mode(join(root, 'a')), mode(join(root, 'a', 'b')), mode(join(root, 'a', 'b', 'c'))]).toEqual([0o700, 0o700, 0o700]);
    expect(mode(root)).toBe(0o700); // mkdtemp's own; untouched
  });

  it('narrows an existing folder only when asked (one Steward alone uses)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-private-'));
    mkdirSync(join(root, 'chosen'));
    mkdirSync(join(root, 'ours'));
    // Set, not asked of mkdir (whose mode the umask narrows): both must start 0755 for the test to mean anything.
    chmodSync(join(root, 'chosen'), 0o755);
    chmodSync(join(root, 'ours'), 0o755);
    expect([mode(join(root, 'chosen')), mode(join(root, 'ours'))]).toEqual([0o755, 0o755]);
    await ensurePrivateDir(join(root, 'chosen'));
    await ensurePrivateDir(join(root, 'ours'), { tighten: true });
    expect(mode(join(root, 'chosen'))).toBe(0o755);
    expect(mode(join(root, 'ours'))).toBe(0o700);
  });
});

describe.skipIf(!posix)('openNoFollow', () => {
  it('refuses a symbolic link in plain words and leaves its target alone', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-private-'));
    const target = join(root, 'elsewhere.txt');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, join(root, 'log.txt'));
    const error = await openNoFollow(join(root, 'log.txt'), 'append').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SymlinkRefusedError);
    expect((error as Error).message).toMatch(/log\.txt is a symbolic link; Steward does not follow links/);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
  });

  it('creates a missing file 0600 and refuses what is not a regular file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-private-'));
    const fh = await openNoFollow(join(root, 'new.log'), 'append');
    await fh.close();
    expect(mode(join(root, 'new.log'))).toBe(0o600);
    await expect(openNoFollow('/dev/null', 'read')).rejects.toThrow(/not a regular file/);
  });
});
