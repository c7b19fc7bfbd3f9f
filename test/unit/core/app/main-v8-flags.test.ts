import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAIN_V8_FLAGS } from '../../../../core/app/main-v8-flags';

describe('main-v8-flags', () => {
  // V8 ignores a flag it does not know without a word: one renamed or dropped in a V8 upgrade
  // would silently bring back the idle cost it was set for.
  it('names only flags this V8 knows', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    for (const flag of MAIN_V8_FLAGS) {
      const name = flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
      expect(known, flag).toMatch(new RegExp(`^\\s*--${name}\\s`, 'm'));
    }
  });
});
