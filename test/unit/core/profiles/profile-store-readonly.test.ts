/** Save profile on a folder that cannot be written: plain words naming the folder, nothing changed. */
import { mkdtempSync, readFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { PROFILES_FILE, ProfileStore } from '../../../../core/profiles/profile-store';
import { appIpcError } from '../../../../core/profiles/settings-error';
import type { ProfileDraft } from '../../../../shared/profile';

/** Tests run as root, which writes anywhere: the read-only disk is simulated at open. */
const disk = vi.hoisted(() => ({ code: null as string | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const open: typeof real.open = async (path, ...rest) => {
    if (disk.code && String(path).endsWith('.tmp')) {
      throw Object.assign(new Error(`${disk.code}: read-only file system, open '${String(path)}'`), { code: disk.code });
    }
    return real.open(path, ...rest);
  };
  return { ...real, open, default: { ...real, open } };
});

const DRAFT: ProfileDraft = {
  name: 'Production',
  orchestratorUrl: 'https://orchestrator.example:8000',
  identityDropletId: 7,
  steward: 'Haythem',
  claims: { permissions: ['read', 'heartbeat'], iss: 'steward', sub: 'droplet-{droplet_id}', extra: { team: 'ops' } },
  tokenLifetimeSeconds: 300,
  dialect: 'auto',
  pollIntervalMs: 5_000,
};

it.each([
  ['EROFS', 'read-only'],
  ['ENOSPC', 'disk full'],
  ['EACCES', 'no permission'],
])('%s: Save profile says the folder and the reason in plain words', async (code, reason) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-profiles-'));
  const store = await ProfileStore.open({ dataDir });
  await store.save(DRAFT);
  const before = readFileSync(join(dataDir, PROFILES_FILE), 'utf8');
  disk.code = code;
  try {
    const e = await store.save({ ...DRAFT, name: 'Second' }).then(() => null, (x: unknown) => x);
    const shown = appIpcError(e);
    expect(shown.message).toBe(`Your profiles cannot be saved to ${dataDir}: ${reason}.`);
    expect(`${shown.message} ${shown.hint}`).not.toMatch(/\.tmp|E[A-Z]{3,}|open '/);
  } finally {
    disk.code = null;
  }
  expect(readFileSync(join(dataDir, PROFILES_FILE), 'utf8')).toBe(before);
  expect(store.list().map((p) => p.name)).not.toContain('Second');
});
