import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrefsHandlers, PREFS_FILE } from '../../../../core/app/prefs-store';

function rig(active = 'alpha') {
  const dir = mkdtempSync(join(tmpdir(), 'steward-prefs-'));
  const state = { active };
  const dirFor = async (id: string) => {
    const d = join(dir, id);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const handlers = createPrefsHandlers({
    dirFor,
    activeId: () => state.active,
    assertExists: (id) => {
      if (!['alpha', 'bravo'].includes(id)) throw new Error(`no profile ${id}`);
    },
  });
  return { dir, state, handlers };
}

describe('prefs per profile', () => {
  it('answers defaults with no warning when nothing was remembered yet', async () => {
    const { handlers } = rig();
    expect(await handlers.getPrefs(undefined)).toEqual({ profileId: 'alpha', prefs: {}, warning: null });
  });

  it('remembers fields per profile across a restart, merging each save over the last', async () => {
    const { dir, state, handlers } = rig();
    await handlers.setPrefs({ profileId: 'alpha', prefs: { sort: { key: 'name', dir: 'desc' } } });
    await handlers.setPrefs({ profileId: 'alpha', prefs: { chartRange: '24h' } });
    await handlers.setPrefs({ profileId: 'bravo', prefs: { chartRange: '7d' } });
    // A new store over the same folders is a restart.
    const again = createPrefsHandlers({ dirFor: async (id) => join(dir, id), activeId: () => state.active, assertExists: () => undefined });
    expect((await again.getPrefs(undefined)).prefs).toEqual({ sort: { key: 'name', dir: 'desc' }, chartRange: '24h' });
    state.active = 'bravo';
    expect((await again.getPrefs(undefined)).prefs).toEqual({ chartRange: '7d' });
  });

  it('keeps saves of one profile in order: the last one wins on disk', async () => {
    const { dir, handlers } = rig();
    await Promise.all(['1h', '24h', '7d'].map((chartRange) => handlers.setPrefs({ profileId: 'alpha', prefs: { chartRange } })));
    expect(JSON.parse(readFileSync(join(dir, 'alpha', PREFS_FILE), 'utf8'))).toEqual({ chartRange: '7d' });
  });

  it('a damaged file gives defaults and words saying so, and is kept aside rather than lost', async () => {
    const { dir, handlers } = rig();
    mkdirSync(join(dir, 'alpha'));
    writeFileSync(join(dir, 'alpha', PREFS_FILE), '{"sort": {"key": 5}');
    const view = await handlers.getPrefs(undefined);
    expect(view.prefs).toEqual({});
    expect(view.warning).toMatch(/could not use its remembered view settings.*starts from the defaults/);
    expect(readdirSync(join(dir, 'alpha')).some((f) => f.startsWith(`${PREFS_FILE}.corrupt-`))).toBe(true);
  });

  it('a file that is JSON but the wrong shape is refused the same way', async () => {
    const { dir, handlers } = rig();
    mkdirSync(join(dir, 'alpha'));
    writeFileSync(join(dir, 'alpha', PREFS_FILE), JSON.stringify({ sort: { key: 'name', dir: 'sideways' } }));
    const view = await handlers.getPrefs(undefined);
    expect(view).toMatchObject({ prefs: {}, warning: expect.stringContaining('sort.dir') });
  });

  it('drops keys it does not know (a newer Steward’s) instead of refusing the file', async () => {
    const { dir, handlers } = rig();
    mkdirSync(join(dir, 'alpha'));
    writeFileSync(join(dir, 'alpha', PREFS_FILE), JSON.stringify({ chartRange: '24h', future: true }));
    expect(await handlers.getPrefs(undefined)).toEqual({ profileId: 'alpha', prefs: { chartRange: '24h' }, warning: null });
  });

  it('refuses to save for a profile that does not exist', async () => {
    const { handlers } = rig();
    await expect(handlers.setPrefs({ profileId: 'ghost', prefs: {} })).rejects.toThrow(/no profile ghost/);
  });
});
