import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES_FILE, ProfileStore } from '../../../../core/profiles/profile-store';
import { SettingsError } from '../../../../core/profiles/settings-error';
import { BUILT_IN_PROFILE_ID, DEFAULT_CLAIMS, DEFAULT_LIMITS, ProfileDraftSchema, type ProfileDraft } from '../../../../shared/profile';

const dir = () => mkdtempSync(join(tmpdir(), 'steward-profiles-'));

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

function onDisk(dataDir: string): { activeId: string; profiles: { id: string; name: string }[] } {
  return JSON.parse(readFileSync(join(dataDir, PROFILES_FILE), 'utf8')) as { activeId: string; profiles: { id: string; name: string }[] };
}

async function rejection(p: Promise<unknown>): Promise<SettingsError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof SettingsError)) throw new Error(`expected a SettingsError, got ${String(e)}`);
  return e;
}

describe('ProfileStore', () => {
  it('starts with only the built-in Local sandbox when there is no file, and writes nothing', async () => {
    const d = dir();
    const store = await ProfileStore.open({ dataDir: d });
    expect(store.list().map((p) => [p.id, p.name, p.builtIn])).toEqual([[BUILT_IN_PROFILE_ID, 'Local sandbox', true]]);
    expect(store.activeId()).toBe(BUILT_IN_PROFILE_ID);
    expect(store.warnings).toEqual([]);
    expect(existsSync(join(d, PROFILES_FILE))).toBe(false);
  });

  it('creates, edits, duplicates, switches and deletes, every change on disk', async () => {
    const d = dir();
    const store = await ProfileStore.open({ dataDir: d });
    const created = await store.save(DRAFT);
    expect(created).toMatchObject({ ...DRAFT, builtIn: false, key: null });
    expect(created.id).toMatch(/^p-[0-9a-f]{10}$/);
    expect(onDisk(d).profiles.map((p) => p.name)).toEqual(['Local sandbox', 'Production']);

    const edited = await store.save({ ...DRAFT, id: created.id, name: 'Prod', pollIntervalMs: 2_000 });
    expect(edited).toMatchObject({ id: created.id, name: 'Prod', pollIntervalMs: 2_000 });
    expect(store.list()).toHaveLength(2);

    const copy = await store.duplicate(created.id);
    expect(copy).toMatchObject({ name: 'Prod (copy)', orchestratorUrl: DRAFT.orchestratorUrl, builtIn: false });
    expect(copy.id).not.toBe(created.id);
    expect((await store.duplicate(created.id)).name).toBe('Prod (copy 2)');

    await store.setActive(copy.id);
    expect(onDisk(d).activeId).toBe(copy.id);
    // Deleting the active profile makes the built-in active.
    expect((await store.delete(copy.id)).activeId).toBe(BUILT_IN_PROFILE_ID);
    expect(onDisk(d).activeId).toBe(BUILT_IN_PROFILE_ID);
    expect(store.find(copy.id)).toBeUndefined();

    // A fresh store reads back what was written.
    const again = await ProfileStore.open({ dataDir: d });
    expect(again.list().map((p) => p.name)).toEqual(['Local sandbox', 'Prod', 'Prod (copy 2)']);
    expect(again.get(created.id)).toEqual(edited);
  });

  it('never deletes the built-in profile, and keeps its URL, dialect and key when edited', async () => {
    const d = dir();
    const store = await ProfileStore.open({ dataDir: d });
    const e = await rejection(store.delete(BUILT_IN_PROFILE_ID));
    expect(e.kind).toBe('bad_input');
    expect(e.message).toBe('The Local sandbox profile is built in and cannot be deleted.');
    const saved = await store.save({ ...DRAFT, id: BUILT_IN_PROFILE_ID, name: 'My sandbox' });
    expect(saved).toMatchObject({ builtIn: true, name: 'My sandbox', orchestratorUrl: 'http://127.0.0.1', dialect: 'guide', key: null, pollIntervalMs: 5_000 });
    // A file without it (edited by hand) gets it back.
    writeFileSync(join(d, PROFILES_FILE), JSON.stringify({ version: 1, activeId: 'gone', profiles: [] }));
    const reread = await ProfileStore.open({ dataDir: d });
    expect(reread.list().map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID]);
    expect(reread.activeId()).toBe(BUILT_IN_PROFILE_ID);
  });

  it('validates every field with its own message', async () => {
    const store = await ProfileStore.open({ dataDir: dir() });
    const e = await rejection(
      store.save({
        ...DRAFT,
        name: ' ',
        orchestratorUrl: 'ftp://x',
        identityDropletId: 0,
        pollIntervalMs: 500,
        tokenLifetimeSeconds: 1.5,
        claims: { ...DRAFT.claims, extra: { exp: 1 } },
      }),
    );
    expect(e.kind).toBe('validation');
    expect(Object.fromEntries(e.fields.map((f) => [f.field, f.msg]))).toEqual({
      name: 'Name is required',
      orchestratorUrl: 'Orchestrator URL must start with http:// or https://, not ftp://',
      identityDropletId: 'Identity droplet id must be a positive number',
      pollIntervalMs: 'Poll interval must be at least 2 seconds (2000 ms)',
      tokenLifetimeSeconds: 'Token lifetime must be a whole number of seconds',
      'claims.extra': 'Extra claims cannot set exp: Steward sets it on every token',
    });
    const parsed = ProfileDraftSchema.safeParse({ ...DRAFT, orchestratorUrl: 'http://user:pw@host', dialect: 'x' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.message)).toEqual([
      'Orchestrator URL must not contain a user name or password',
      'Dialect must be guide, deployed or auto',
    ]);
  });

  it('refuses a second profile with the same name, on the name field', async () => {
    const store = await ProfileStore.open({ dataDir: dir() });
    await store.save(DRAFT);
    const e = await rejection(store.save({ ...DRAFT, name: 'production ' }));
    expect(e.fields).toEqual([{ field: 'name', msg: 'Another profile already has this name' }]);
    expect(store.list()).toHaveLength(2);
  });

  it('answers not_found for a profile that is not there', async () => {
    const store = await ProfileStore.open({ dataDir: dir() });
    expect(() => store.get('p-nope')).toThrow(/There is no profile with id p-nope/);
    expect((await rejection(store.save({ ...DRAFT, id: 'p-nope' }))).kind).toBe('not_found');
    expect((await rejection(store.delete('p-nope'))).kind).toBe('not_found');
  });

  it('writes atomically: valid JSON after every change, no temp files left, mode 0600', async () => {
    const d = dir();
    const store = await ProfileStore.open({ dataDir: d });
    // Concurrent changes are queued, each against the state the previous one left.
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.save({ ...DRAFT, name: `P${i}` })));
    const file = onDisk(d);
    expect(file.profiles).toHaveLength(13);
    expect(new Set(file.profiles.map((p) => p.name)).size).toBe(13);
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(join(d, PROFILES_FILE)).mode & 0o777).toBe(0o600);
  });

  it('reports a corrupt file, keeps it aside as a backup and starts from the defaults', async () => {
    const d = dir();
    writeFileSync(join(d, PROFILES_FILE), '{"version": 1, "activeId": "p-1", "profiles": [');
    const store = await ProfileStore.open({ dataDir: d });
    expect(store.list().map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID]);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toMatch(/Your profiles could not be read: .*not valid JSON.*kept as .*profiles\.json\.corrupt-/);
    const backups = readdirSync(d).filter((f) => f.startsWith(`${PROFILES_FILE}.corrupt-`));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(d, backups[0]!), 'utf8')).toBe('{"version": 1, "activeId": "p-1", "profiles": [');
    // The next save writes a fresh file; the backup stays.
    await store.save(DRAFT);
    expect(onDisk(d).profiles).toHaveLength(2);
    expect(readdirSync(d).filter((f) => f.startsWith(`${PROFILES_FILE}.corrupt-`))).toHaveLength(1);
  });

  it('treats a file whose frame breaks the schema as corrupt too, naming the problem', async () => {
    const d = dir();
    writeFileSync(join(d, PROFILES_FILE), JSON.stringify({ version: 1, activeId: BUILT_IN_PROFILE_ID, profiles: { id: 'x', name: 'X' } }));
    const store = await ProfileStore.open({ dataDir: d });
    expect(store.warnings[0]).toMatch(/is invalid: profiles: /);
    expect(readdirSync(d).some((f) => f.startsWith(`${PROFILES_FILE}.corrupt-`))).toBe(true);
  });

  it('sets one profile with a wrong-typed field aside, naming it, and loads the others', async () => {
    const d = dir();
    const good = { ...DRAFT, id: 'p-good', builtIn: false, key: null, limits: DEFAULT_LIMITS };
    const bad = { ...DRAFT, id: 'p-bad', name: 'Staging', builtIn: false, key: null, pollIntervalMs: '5000' };
    const twin = { ...good, name: 'Twin' };
    writeFileSync(join(d, PROFILES_FILE), JSON.stringify({ version: 1, activeId: 'p-bad', profiles: [good, bad, twin] }));
    const store = await ProfileStore.open({ dataDir: d });
    expect(store.list().map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID, 'p-good']);
    expect(store.activeId()).toBe(BUILT_IN_PROFILE_ID);
    expect(store.warnings).toHaveLength(2);
    expect(store.warnings[0]).toMatch(/^The profile “Staging” \(p-bad\) in profiles\.json was set aside: pollIntervalMs: Poll interval must be a number.*kept in .*profiles\.json\.rejected-.*your other profiles loaded\.$/);
    expect(store.warnings[1]).toMatch(/“Twin” \(p-good\).*its id p-good is already used/);
    // Nothing is lost: the rejected entries are kept beside the file, 0600; the file holds the rest.
    const aside = readdirSync(d).filter((f) => f.startsWith(`${PROFILES_FILE}.rejected-`));
    expect(aside).toHaveLength(1);
    const kept = JSON.parse(readFileSync(join(d, aside[0]!), 'utf8')) as { profiles: { problem: string; profile: unknown }[] };
    expect(kept.profiles.map((r) => r.profile)).toEqual([bad, twin]);
    if (process.platform !== 'win32') expect(statSync(join(d, aside[0]!)).mode & 0o777).toBe(0o600);
    expect(onDisk(d).profiles.map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID, 'p-good']);
    // The next start is clean.
    expect((await ProfileStore.open({ dataDir: d })).warnings).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('creates a missing data folder 0700 and profiles.json 0600 under a permissive umask', async () => {
    const d = join(dir(), 'Steward');
    const umask = process.umask(0o022);
    try {
      const store = await ProfileStore.open({ dataDir: d });
      await store.save(DRAFT);
    } finally {
      process.umask(umask);
    }
    expect(statSync(d).mode & 0o777).toBe(0o700);
    expect(statSync(join(d, PROFILES_FILE)).mode & 0o777).toBe(0o600);
  });

  it('sets aside a profiles.json far larger than Steward writes without reading it whole', async () => {
    const d = dir();
    writeFileSync(join(d, PROFILES_FILE), ' '.repeat(9 * 1024 * 1024));
    const store = await ProfileStore.open({ dataDir: d });
    expect(store.warnings[0]).toMatch(/is too large \(more than 8 MB/);
    expect(store.list().map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID]);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('moves an unreadable file aside rather than ever overwriting it', async () => {
    const d = dir();
    writeFileSync(join(d, PROFILES_FILE), JSON.stringify({ version: 1, activeId: BUILT_IN_PROFILE_ID, profiles: [] }));
    chmodSync(join(d, PROFILES_FILE), 0o000);
    const store = await ProfileStore.open({ dataDir: d });
    expect(store.warnings[0]).toMatch(/could not be read .* kept as/);
    expect(existsSync(join(d, PROFILES_FILE))).toBe(false);
  });

  it('loads a profiles.json from before limits existed with the default limits, losing no profile', async () => {
    const d = dir();
    const { limits: _limits, ...oldBuiltIn } = (await ProfileStore.open({ dataDir: dir() })).get(BUILT_IN_PROFILE_ID);
    const old = { ...DRAFT, id: 'p-old', builtIn: false, key: null };
    writeFileSync(join(d, PROFILES_FILE), JSON.stringify({ version: 1, activeId: 'p-old', profiles: [oldBuiltIn, old] }));
    const store = await ProfileStore.open({ dataDir: d });
    expect(store.warnings).toEqual([]);
    expect(store.activeId()).toBe('p-old');
    expect(store.get('p-old')).toEqual({ ...old, limits: DEFAULT_LIMITS });
    expect(store.get(BUILT_IN_PROFILE_ID).limits).toEqual(DEFAULT_LIMITS);
    expect(readdirSync(d)).toEqual([PROFILES_FILE]);
  });

  it('saves limits a steward changes, and checks each with its own message', async () => {
    const d = dir();
    const store = await ProfileStore.open({ dataDir: d });
    const limits = { historySamplesPerDroplet: 1_440, historyTotalSamples: 50_000, logEntriesInMemory: 500, logFileMegabytes: 20 };
    const saved = await store.save({ ...DRAFT, limits });
    expect(saved.limits).toEqual(limits);
    expect((await ProfileStore.open({ dataDir: d })).get(saved.id).limits).toEqual(limits);

    const e = await rejection(store.save({ ...DRAFT, name: 'Other', limits: { historySamplesPerDroplet: 59, historyTotalSamples: 20_000_001, logEntriesInMemory: 2.5, logFileMegabytes: 0 } }));
    expect(Object.fromEntries(e.fields.map((f) => [f.field, f.msg]))).toEqual({
      'limits.historySamplesPerDroplet': 'History per droplet must be at least 60 samples',
      'limits.historyTotalSamples': 'History in total must be at most 20000000 samples (about 1 GB)',
      'limits.logEntriesInMemory': 'Log entries kept in memory must be a whole number',
      'limits.logFileMegabytes': 'Log file size must be at least 1 MB',
    });
  });

  it('keeps default claims separate per profile', async () => {
    const store = await ProfileStore.open({ dataDir: dir() });
    const a = store.get(BUILT_IN_PROFILE_ID);
    a.claims.permissions.push('mutated');
    expect(store.get(BUILT_IN_PROFILE_ID).claims).toEqual(DEFAULT_CLAIMS);
  });
});
