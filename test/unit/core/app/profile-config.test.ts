import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureProfileDataDir, profileDataDir } from '../../../../core/app/profile-config';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('ensureProfileDataDir', () => {
  it('creates profiles/ and the profile folder 0700 under a permissive umask', async () => {
    const data = mkdtempSync(join(tmpdir(), 'steward-data-'));
    const umask = process.umask(0o022);
    try {
      expect(await ensureProfileDataDir(data, 'p-1')).toBe(profileDataDir(data, 'p-1'));
    } finally {
      process.umask(umask);
    }
    expect([mode(join(data, 'profiles')), mode(join(data, 'profiles', 'p-1'))]).toEqual([0o700, 0o700]);
  });

  it('narrows the folders an older Steward made 0755, but not the data folder the steward chose', async () => {
    const data = mkdtempSync(join(tmpdir(), 'steward-data-'));
    mkdirSync(join(data, 'profiles', 'p-1'), { recursive: true });
    // Set, not asked of mkdir (whose mode the umask narrows): the test must start from 0755.
    for (const d of [join(data, 'profiles'), join(data, 'profiles', 'p-1')]) chmodSync(d, 0o755);
    expect([mode(join(data, 'profiles')), mode(join(data, 'profiles', 'p-1'))]).toEqual([0o755, 0o755]);
    const chosen = mode(data);
    await ensureProfileDataDir(data, 'p-1');
    expect([mode(join(data, 'profiles')), mode(join(data, 'profiles', 'p-1'))]).toEqual([0o700, 0o700]);
    expect(mode(data)).toBe(chosen);
  });
});
