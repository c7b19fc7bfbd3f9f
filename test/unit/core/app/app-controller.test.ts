import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppController, type AppController, type AppControllerOptions } from '../../../../core/app/app-controller';
import { testConnection } from '../../../../core/app/connection-test';
import type { SecretCipher } from '../../../../core/profiles/key-vault';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createStewardService, HISTORY_FILE, type StewardService } from '../../../../core/app/service';
import { profileDataDir } from '../../../../core/app/profile-config';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { AppInfo, CommsEntry, KeepAlive, Sample } from '../../../../shared/model';
import type { FleetSnapshot } from '../../../../shared/fleet-update';
import { BUILT_IN_PROFILE_ID, DEFAULT_CLAIMS, DEFAULT_LIMITS, type ConnectionTestResult, type KeyInfo, type ProfileDraft, type ProfileView } from '../../../../shared/profile';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';
import { closedPort, json, tinyServer, type TinyServer } from '../../../support/tiny-server';

const KEY_A = generateKeyPair('RS256');
const KEY_B = generateKeyPair('ES256');

function fakeCipher(backend = 'gnome_libsecret'): SecretCipher {
  const flip = (b: Uint8Array) => b.map((x) => x ^ 0x33);
  return {
    isAvailable: async () => true,
    backend: async () => backend,
    encrypt: async (plain) => flip(new TextEncoder().encode(plain)),
    decrypt: async (data) => new TextDecoder().decode(flip(data)),
  };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function sandbox(publicKeyPem: string): Promise<RunningSandbox> {
  const s = await startSandbox({ port: 0, publicKeyPem });
  open.push(s);
  return s;
}

interface Rig {
  controller: AppController;
  dataDir: string;
  a: RunningSandbox;
  services: StewardService[];
  closed: StewardService[];
  events: [string, unknown][];
  /** What the file picker answers next. */
  pick: { path: string | null };
}

async function rig(over: Partial<AppControllerOptions> & { dataDir?: string; a?: RunningSandbox } = {}): Promise<Rig> {
  const a = over.a ?? (await sandbox(KEY_A.publicKeyPem));
  const dataDir = over.dataDir ?? mkdtempSync(join(tmpdir(), 'steward-app-'));
  const services: StewardService[] = [];
  const closed: StewardService[] = [];
  const pick = { path: null as string | null };
  const controller = await createAppController({
    dataDir,
    appVersion: '0.1.0-test',
    embedded: { orchestratorUrl: a.url, privateKeyPem: KEY_A.privateKeyPem, dialect: 'guide' },
    cipher: fakeCipher(),
    picker: { pick: async () => pick.path },
    serviceExtras: { liveUpdates: false, sleep: async () => undefined },
    createService: async (config) => {
      const s = await createStewardService(config);
      const close = s.close.bind(s);
      services.push(s);
      return Object.assign(s, { close: () => (closed.push(s), close()) });
    },
    ...over,
  });
  open.push(controller);
  const events: [string, unknown][] = [];
  controller.onEvent((e, p) => events.push([e, p]));
  return { controller, dataDir, a, services, closed, events, pick };
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}
function err(r: IpcResult<unknown>) {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

function draft(url: string, name = 'Bravo'): ProfileDraft {
  return { name, orchestratorUrl: url, identityDropletId: 1, steward: 'Haythem', claims: DEFAULT_CLAIMS, tokenLifetimeSeconds: 300, dialect: 'auto', pollIntervalMs: 5_000 };
}

/** A saved profile for `url` signing with `pem`, imported through the picker. */
async function profileWithKey(r: Rig, url: string, pem: string, name = 'Bravo'): Promise<{ profile: ProfileView; key: KeyInfo }> {
  const profile = ok<ProfileView>(await r.controller.dispatch('saveProfile', draft(url, name)));
  const file = join(r.dataDir, `${name}.pem`);
  writeFileSync(file, pem);
  r.pick.path = file;
  const key = ok<KeyInfo>(await r.controller.dispatch('importKey', { profileId: profile.id }));
  return { profile, key };
}

const REG = (id: number, name: string) => ({ id, name, endpoint: 'http://localhost:8002', capabilities: ['udc_compliance'] });

describe('AppController', () => {
  it('opens the built-in Local sandbox when there is no profiles.json', async () => {
    const r = await rig();
    const info = ok<AppInfo>(await r.controller.dispatch('getAppInfo', undefined));
    expect(info).toMatchObject({ profileName: 'Local sandbox', orchestratorUrl: r.a.url, embeddedSandbox: true });
    const list = ok<{ activeId: string; profiles: ProfileView[] }>(await r.controller.dispatch('listProfiles', undefined));
    expect(list.activeId).toBe(BUILT_IN_PROFILE_ID);
    expect(list.profiles).toHaveLength(1);
    expect(list.profiles[0]).toMatchObject({ id: BUILT_IN_PROFILE_ID, builtIn: true, active: true, orchestratorUrl: r.a.url, key: { algorithm: 'RS256', storage: 'session-only' } });
    expect(ok<{ warnings: string[] }>(await r.controller.dispatch('getWarnings', undefined)).warnings).toEqual([]);
    expect(readdirSync(r.dataDir)).not.toContain('profiles.json');
  });

  it('switches profiles: closes the old service and its keep-alives, and answers from the new Orchestrator', async () => {
    const r = await rig();
    const b = await sandbox(KEY_B.publicKeyPem);
    ok(await r.controller.dispatch('registerDroplet', REG(11, 'only-on-a')));
    ok(await r.controller.dispatch('startKeepAlive', { id: 11, status: 'active' }));
    expect(ok<KeepAlive[]>(await r.controller.dispatch('listKeepAlive', undefined))).toHaveLength(1);

    const { profile, key } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);
    expect(key).toMatchObject({ algorithm: 'ES256', storage: 'encrypted' });
    const first = r.services[0]!;
    const switched = ok<ProfileView>(await r.controller.dispatch('switchProfile', { profileId: profile.id }));
    expect(switched).toMatchObject({ id: profile.id, active: true });
    expect(r.closed).toEqual([first]);
    expect(r.events).toContainEqual(['profileChanged', { profileId: profile.id, name: 'Bravo' }]);

    const fleet = ok<FleetSnapshot>(await r.controller.dispatch('listDroplets', {}));
    expect(fleet.droplets.map((d) => d.id)).not.toContain(11);
    ok(await r.controller.dispatch('registerDroplet', REG(22, 'only-on-b')));
    expect(b.store.get(22)?.name).toBe('only-on-b');
    expect(r.a.store.get(22)).toBeUndefined();
    expect(ok<KeepAlive[]>(await r.controller.dispatch('listKeepAlive', undefined))).toEqual([]);
    expect(ok<AppInfo>(await r.controller.dispatch('getAppInfo', undefined))).toMatchObject({ profileName: 'Bravo', orchestratorUrl: b.url, embeddedSandbox: false });

    // Switching back answers from the first sandbox again.
    ok(await r.controller.dispatch('switchProfile', { profileId: BUILT_IN_PROFILE_ID }));
    expect(ok<FleetSnapshot>(await r.controller.dispatch('listDroplets', {})).droplets.map((d) => d.id)).toContain(11);
  });

  it('tells the renderer which keep-alives closing a profile stopped, before the profile change; and says nothing when none ran', async () => {
    const r = await rig();
    const b = await sandbox(KEY_B.publicKeyPem);
    ok(await r.controller.dispatch('registerDroplet', REG(11, 'eleven')));
    ok(await r.controller.dispatch('registerDroplet', REG(12, 'twelve')));
    ok(await r.controller.dispatch('startKeepAlive', { id: 12, status: 'active' }));
    ok(await r.controller.dispatch('startKeepAlive', { id: 11, status: 'maintenance' }));
    const { profile } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);

    r.events.length = 0;
    ok(await r.controller.dispatch('switchProfile', { profileId: profile.id }));
    const names = r.events.map(([e]) => e);
    expect(r.events.filter(([e]) => e === 'keepAlivesStopped')).toEqual([['keepAlivesStopped', { profileName: 'Local sandbox', dropletIds: [11, 12] }]]);
    expect(names.indexOf('keepAlivesStopped')).toBeLessThan(names.indexOf('profileChanged'));

    // Saving the open profile's settings reopens it, which stops its keep-alives too.
    ok(await r.controller.dispatch('registerDroplet', REG(21, 'on-b')));
    ok(await r.controller.dispatch('startKeepAlive', { id: 21, status: 'active' }));
    r.events.length = 0;
    ok(await r.controller.dispatch('saveProfile', { ...draft(b.url), id: profile.id, pollIntervalMs: 7_000 }));
    expect(r.events.filter(([e]) => e === 'keepAlivesStopped')).toEqual([['keepAlivesStopped', { profileName: 'Bravo', dropletIds: [21] }]]);

    // Nothing kept alive: no word.
    r.events.length = 0;
    ok(await r.controller.dispatch('switchProfile', { profileId: BUILT_IN_PROFILE_ID }));
    expect(r.events.map(([e]) => e)).toContain('profileChanged');
    expect(r.events.map(([e]) => e)).not.toContain('keepAlivesStopped');
  });

  it('remembers the active profile, reopening it next time with its key decrypted from disk', async () => {
    const r = await rig();
    const b = await sandbox(KEY_B.publicKeyPem);
    const { profile } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);
    ok(await r.controller.dispatch('switchProfile', { profileId: profile.id }));
    await r.controller.close();

    const again = await rig({ dataDir: r.dataDir, a: r.a });
    expect(again.controller.activeProfileId()).toBe(profile.id);
    ok<FleetSnapshot>(await again.controller.dispatch('listDroplets', {}));
  });

  it('falls back to the built-in, with a warning, when the last profile cannot open', async () => {
    const r = await rig({ cipher: fakeCipher('basic_text') });
    const b = await sandbox(KEY_B.publicKeyPem);
    const { profile, key } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);
    expect(key.storage).toBe('session-only');
    ok(await r.controller.dispatch('switchProfile', { profileId: profile.id }));
    await r.controller.close();

    const again = await rig({ dataDir: r.dataDir, a: r.a, cipher: fakeCipher('basic_text') });
    expect(again.controller.activeProfileId()).toBe(BUILT_IN_PROFILE_ID);
    const { warnings } = ok<{ warnings: string[] }>(await again.controller.dispatch('getWarnings', undefined));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^The profile “Bravo” could not be opened \(The private key SHA256:.* is not available\..*\); Steward opened the Local sandbox instead\.$/);
    const views = ok<{ profiles: ProfileView[] }>(await again.controller.dispatch('listProfiles', undefined)).profiles;
    expect(views.find((p) => p.id === profile.id)?.key?.storage).toBe('missing');
    // Switching to it now says why not, and leaves the built-in open.
    const e = err(await again.controller.dispatch('switchProfile', { profileId: profile.id }));
    expect(e).toMatchObject({ kind: 'auth' });
    ok<FleetSnapshot>(await again.controller.dispatch('listDroplets', {}));
  });

  it('reports a corrupt profiles.json through getWarnings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-app-'));
    writeFileSync(join(dataDir, 'profiles.json'), 'not json at all');
    const r = await rig({ dataDir });
    const { warnings } = ok<{ warnings: string[] }>(await r.controller.dispatch('getWarnings', undefined));
    expect(warnings[0]).toMatch(/Your profiles could not be read: .*kept as .*profiles\.json\.corrupt-/);
    expect(readdirSync(dataDir).some((f) => f.startsWith('profiles.json.corrupt-'))).toBe(true);
  });

  it('refuses a profile that has no key yet, before closing anything', async () => {
    const r = await rig();
    const p = ok<ProfileView>(await r.controller.dispatch('saveProfile', draft('http://127.0.0.1:1')));
    const e = err(await r.controller.dispatch('switchProfile', { profileId: p.id }));
    expect(e).toMatchObject({ kind: 'bad_input', message: 'The profile “Bravo” has no private key yet.' });
    expect(r.closed).toEqual([]);
    expect(r.controller.activeProfileId()).toBe(BUILT_IN_PROFILE_ID);
  });

  it('reopens the active profile when its settings are saved', async () => {
    const r = await rig();
    const builtIn = ok<{ profiles: ProfileView[] }>(await r.controller.dispatch('listProfiles', undefined)).profiles[0]!;
    const { id, name: _n, key: _k, active: _a, builtIn: _b, ...settings } = builtIn;
    ok(await r.controller.dispatch('saveProfile', { ...settings, id, name: 'Sandbox', pollIntervalMs: 3_000 }));
    expect(r.closed).toHaveLength(1);
    expect(ok<AppInfo>(await r.controller.dispatch('getAppInfo', undefined))).toMatchObject({ profileName: 'Sandbox', pollIntervalMs: 3_000, orchestratorUrl: r.a.url });
    expect(r.events.at(-1)).toEqual(['profileChanged', { profileId: BUILT_IN_PROFILE_ID, name: 'Sandbox' }]);
  });

  it('bounds the history and the communications log by the limits saved with the profile', async () => {
    // A clock that never repeats a millisecond: every beat has its own time, with no sleeping.
    let last = 0;
    const r = await rig({ serviceExtras: { liveUpdates: false, sleep: async () => undefined, now: () => (last = Math.max(Date.now(), last + 1)) } });
    const limits = { historySamplesPerDroplet: 60, historyTotalSamples: 10_000, logEntriesInMemory: 100, logFileMegabytes: 1 };
    const profile = ok<ProfileView>(await r.controller.dispatch('saveProfile', { ...draft(r.a.url), limits }));
    expect(profile.limits).toEqual(limits);
    const file = join(r.dataDir, 'bravo.pem');
    writeFileSync(file, KEY_A.privateKeyPem);
    r.pick.path = file;
    ok(await r.controller.dispatch('importKey', { profileId: profile.id }));
    ok(await r.controller.dispatch('switchProfile', { profileId: profile.id }));

    ok(await r.controller.dispatch('registerDroplet', REG(21, 'bounded')));
    const beats = 130;
    for (let i = 0; i < beats; i++) {
      ok(await r.controller.dispatch('sendHeartbeat', { id: 21, status: 'active', metrics: { cpu_percent: i } }));
    }
    const { samples } = ok<{ samples: Sample[] }>(await r.controller.dispatch('getHistory', { id: 21, sinceMs: 0 }));
    expect(samples).toHaveLength(60);
    expect(samples.map((x) => x.cpu_percent)).toEqual(Array.from({ length: 60 }, (_, i) => beats - 60 + i));
    const { entries } = ok<{ entries: CommsEntry[] }>(await r.controller.dispatch('getCommsLog', undefined));
    expect(entries).toHaveLength(100);
    expect(entries.every((e) => e.method === 'POST' && e.dropletId === 21 && e.path.includes('heartbeat'))).toBe(true);

    // The built-in, saved without limits, keeps the defaults.
    ok(await r.controller.dispatch('switchProfile', { profileId: BUILT_IN_PROFILE_ID }));
    const views = ok<{ profiles: ProfileView[] }>(await r.controller.dispatch('listProfiles', undefined)).profiles;
    expect(views.find((p) => p.builtIn)?.limits).toEqual(DEFAULT_LIMITS);
  });

  it('validates saveProfile input per field at the boundary', async () => {
    const r = await rig();
    const e = err(await r.controller.dispatch('saveProfile', { ...draft('nope'), pollIntervalMs: 100, identityDropletId: -1 }));
    expect(e.kind).toBe('bad_input');
    expect(Object.fromEntries(e.fields.map((f) => [f.field, f.msg]))).toEqual({
      orchestratorUrl: 'Orchestrator URL must be a full URL, such as http://localhost:8000',
      identityDropletId: 'Identity droplet id must be a positive number',
      pollIntervalMs: 'Poll interval must be at least 2 seconds (2000 ms)',
    });
    const dup = err(await r.controller.dispatch('saveProfile', draft('http://x', 'local SANDBOX')));
    expect(dup).toMatchObject({ kind: 'validation', fields: [{ field: 'name', msg: 'Another profile already has this name' }] });
  });

  it('duplicates and deletes; the built-in cannot be deleted or given another key', async () => {
    const r = await rig();
    const copy = ok<ProfileView>(await r.controller.dispatch('duplicateProfile', { profileId: BUILT_IN_PROFILE_ID }));
    expect(copy).toMatchObject({ name: 'Local sandbox (copy)', builtIn: false, orchestratorUrl: r.a.url, key: { storage: 'session-only' } });
    // The copy signs with the sandbox's key for this session, so it can be switched to.
    ok(await r.controller.dispatch('switchProfile', { profileId: copy.id }));
    ok<FleetSnapshot>(await r.controller.dispatch('listDroplets', {}));
    // Deleting the open profile goes back to the built-in.
    expect(ok(await r.controller.dispatch('deleteProfile', { profileId: copy.id }))).toEqual({ activeId: BUILT_IN_PROFILE_ID });
    expect(r.controller.activeProfileId()).toBe(BUILT_IN_PROFILE_ID);
    expect(err(await r.controller.dispatch('deleteProfile', { profileId: BUILT_IN_PROFILE_ID }))).toMatchObject({
      kind: 'bad_input',
      message: 'The Local sandbox profile is built in and cannot be deleted.',
    });
    expect(err(await r.controller.dispatch('generateKey', { profileId: BUILT_IN_PROFILE_ID, algorithm: 'ES256' })).hint).toBe('Duplicate the profile to use a key of your own.');
    expect(err(await r.controller.dispatch('deleteProfile', { profileId: 'p-none' })).kind).toBe('not_found');
  });

  it('deletes a private key with the last profile that used it, not before', async () => {
    const r = await rig();
    const b = await sandbox(KEY_B.publicKeyPem);
    const { profile } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);
    const copy = ok<ProfileView>(await r.controller.dispatch('duplicateProfile', { profileId: profile.id }));
    const keys = () => readdirSync(join(r.dataDir, 'keys'));
    expect(keys()).toHaveLength(1);
    ok(await r.controller.dispatch('deleteProfile', { profileId: profile.id }));
    expect(keys()).toHaveLength(1);
    ok(await r.controller.dispatch('deleteProfile', { profileId: copy.id }));
    expect(keys()).toEqual([]);
  });

  it('keeps a private key a profile set aside in profiles.json.rejected-* still names', async () => {
    const first = await rig();
    const b = await sandbox(KEY_B.publicKeyPem);
    const { profile } = await profileWithKey(first, b.url, KEY_B.privateKeyPem);
    const copy = ok<ProfileView>(await first.controller.dispatch('duplicateProfile', { profileId: profile.id }));
    await first.controller.close();
    // The copy gets a wrong-typed field: the next start sets it aside, with its key reference.
    const path = join(first.dataDir, 'profiles.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { profiles: Record<string, unknown>[] };
    for (const p of file.profiles) if (p.id === copy.id) p.pollIntervalMs = 'often';
    writeFileSync(path, JSON.stringify(file));
    const r = await rig({ dataDir: first.dataDir, a: first.a });
    expect(readdirSync(r.dataDir).some((f) => f.startsWith('profiles.json.rejected-'))).toBe(true);
    ok(await r.controller.dispatch('deleteProfile', { profileId: profile.id }));
    expect(readdirSync(join(r.dataDir, 'keys'))).toHaveLength(1);
  });

  describe("moving a keyed profile to another host", () => {
    async function otherHost(): Promise<TinyServer> {
      const s = await tinyServer((_req, res) => json(res, 200, { status: 'ok' }));
      open.push(s);
      return s;
    }
    const urlOf = async (r: Rig, id: string) => ok<{ profiles: ProfileView[] }>(await r.controller.dispatch('listProfiles', undefined)).profiles.find((p) => p.id === id)!.orchestratorUrl;

    it('refused, is not saved and says why; with no way to ask, the answer is no', async () => {
      const asked: [string, string][] = [];
      const r = await rig({ confirmKeyMove: async (host, name) => (asked.push([host, name]), false) });
      const b = await sandbox(KEY_B.publicKeyPem);
      const { profile } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);
      const other = await otherHost();
      const e = err(await r.controller.dispatch('saveProfile', { ...draft(other.url), id: profile.id }));
      const host = new URL(other.url).host;
      expect(asked).toEqual([[host, 'Bravo']]);
      expect(e.message).toBe(`Not saved: you did not allow the key of “Bravo” to sign for ${host}.`);
      expect(e.fields.map((f) => f.field)).toEqual(['orchestratorUrl']);
      expect(await urlOf(r, profile.id)).toBe(profile.orchestratorUrl);
      // The same host (another name, a path) needs no question.
      ok(await r.controller.dispatch('saveProfile', { ...draft(b.url, 'Bravo 2'), id: profile.id }));
      expect(asked).toHaveLength(1);

      const unasked = await rig({ a: r.a });
      const p2 = (await profileWithKey(unasked, b.url, KEY_B.privateKeyPem)).profile;
      expect(err(await unasked.controller.dispatch('saveProfile', { ...draft(other.url), id: p2.id })).kind).toBe('bad_input');
      expect(await urlOf(unasked, p2.id)).toBe(p2.orchestratorUrl);
    });

    it('allowed, is saved with the new address', async () => {
      const asked: string[] = [];
      const r = await rig({ confirmKeyMove: async (host) => (asked.push(host), true) });
      const b = await sandbox(KEY_B.publicKeyPem);
      const { profile } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);
      const other = await otherHost();
      ok(await r.controller.dispatch('saveProfile', { ...draft(other.url), id: profile.id }));
      expect(asked).toEqual([new URL(other.url).host]);
      expect(new URL(await urlOf(r, profile.id)).host).toBe(new URL(other.url).host);
    });

    it('needs no question for a profile without a key', async () => {
      const asked: string[] = [];
      const r = await rig({ confirmKeyMove: async (host) => (asked.push(host), false) });
      const b = await sandbox(KEY_B.publicKeyPem);
      const profile = ok<ProfileView>(await r.controller.dispatch('saveProfile', draft(b.url)));
      const other = await otherHost();
      ok(await r.controller.dispatch('saveProfile', { ...draft(other.url), id: profile.id }));
      expect(asked).toEqual([]);
    });
  });

  it.skipIf(process.platform === 'win32')('narrows a keys/ folder found 0755 at start, before any key is written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-app-'));
    mkdirSync(join(dataDir, 'keys'));
    chmodSync(join(dataDir, 'keys'), 0o755);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o755);
    await rig({ dataDir });
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
  });

  it('generates keys, exports the public half, and never lets a private key out', async () => {
    const saved: [string, string][] = [];
    const r = await rig({ saver: { save: async (pem, name) => (saved.push([pem, name]), `/tmp/${name}`) } });
    const p = ok<ProfileView>(await r.controller.dispatch('saveProfile', draft('http://127.0.0.1:1', 'Edge Fleet')));
    const rsa = ok<KeyInfo>(await r.controller.dispatch('generateKey', { profileId: p.id, algorithm: 'RS256' }));
    const ec = ok<KeyInfo>(await r.controller.dispatch('generateKey', { profileId: p.id, algorithm: 'ES256' }));
    expect([rsa.algorithm, ec.algorithm, ec.storage]).toEqual(['RS256', 'ES256', 'encrypted']);
    // The replaced RSA key is forgotten: no profile uses it.
    expect(readdirSync(join(r.dataDir, 'keys'))).toHaveLength(1);
    const exported = ok<{ pem: string; savedTo: string | null }>(await r.controller.dispatch('exportPublicKey', { profileId: p.id }));
    expect(exported).toEqual({ pem: ec.publicKeyPem, savedTo: null });
    expect(ok(await r.controller.dispatch('exportPublicKey', { profileId: p.id, saveAs: true }))).toEqual({ pem: ec.publicKeyPem, savedTo: '/tmp/edge-fleet.pub.pem' });
    expect(saved).toEqual([[ec.publicKeyPem, 'edge-fleet.pub.pem']]);
    expect(ok(await r.controller.dispatch('getKeyStorage', undefined))).toEqual({ available: true, backend: 'gnome_libsecret', secure: true });

    r.pick.path = null;
    expect(ok(await r.controller.dispatch('importKey', { profileId: p.id }))).toBeNull();

    const answers = await Promise.all([
      r.controller.dispatch('listProfiles', undefined),
      r.controller.dispatch('testConnection', { profileId: p.id }),
      r.controller.dispatch('getAppInfo', undefined),
    ]);
    for (const a of [...answers, rsa, ec, exported]) expect(JSON.stringify(a)).not.toMatch(/PRIVATE KEY|eyJ[A-Za-z0-9_-]+\.eyJ/);
  });
});

describe('testConnection', () => {
  const steps = (t: ConnectionTestResult) => t.steps.map((s) => [s.step, s.ok]);

  it('passes every step against a sandbox that trusts the key', async () => {
    const r = await rig();
    const b = await sandbox(KEY_B.publicKeyPem);
    const { profile } = await profileWithKey(r, b.url, KEY_B.privateKeyPem);
    const t = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { profileId: profile.id }));
    expect(steps(t)).toEqual([
      ['url', true],
      ['reachability', true],
      ['version', true],
      ['authenticated', true],
    ]);
    expect(t).toMatchObject({ ok: true, failedStep: null });
    expect(t.steps[3]!.message).toMatch(/^Signed a token for droplet 1 with ES256 key SHA256:.*; the Orchestrator listed 0 droplets \(guide dialect\)\.$/);
    for (const s of t.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    // The built-in tests against the embedded sandbox.
    expect(ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { profileId: BUILT_IN_PROFILE_ID })).ok).toBe(true);
  });

  it('fails at reachability for a closed port, saying the connection was refused', async () => {
    const r = await rig();
    const port = await closedPort();
    const t = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { draft: draft(`http://127.0.0.1:${port}`) }));
    expect(t).toMatchObject({ ok: false, failedStep: 'reachability' });
    expect(steps(t)).toEqual([
      ['url', true],
      ['reachability', false],
    ]);
    expect(t.steps[1]!.message).toMatch(/refused/);
  });

  it('fails at the authenticated step with a key the Orchestrator does not trust', async () => {
    const r = await rig();
    const b = await sandbox(KEY_B.publicKeyPem);
    const { profile } = await profileWithKey(r, b.url, KEY_A.privateKeyPem, 'Wrong key');
    const t = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { profileId: profile.id }));
    expect(t).toMatchObject({ ok: false, failedStep: 'authenticated' });
    expect(steps(t)).toEqual([
      ['url', true],
      ['reachability', true],
      ['version', true],
      ['authenticated', false],
    ]);
    expect(t.steps[3]!.message).toMatch(/^The Orchestrator refused the token/);
    expect(t.steps[3]!.hint).toMatch(/trusts this profile's public key \(SHA256:.*\).*signed a fresh token and tried again/);
  });

  it('tests an unsaved draft with the key of the profile it edits, and says when there is no key', async () => {
    const r = await rig({ connectionTest: { confirmForeignHost: async () => true } });
    const b = await sandbox(KEY_B.publicKeyPem);
    const { profile } = await profileWithKey(r, 'http://127.0.0.1:1', KEY_B.privateKeyPem);
    // The draft fixes the URL; the stored key is used.
    const edited = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { draft: { ...draft(b.url), id: profile.id } }));
    expect(edited.ok).toBe(true);
    const keyless = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { draft: draft(b.url, 'New') }));
    expect(keyless.failedStep).toBe('authenticated');
    expect(keyless.steps[3]).toMatchObject({ ok: false, message: 'The profile “New” has no private key yet.' });
  });

  describe('lending a stored key to a draft', () => {
    /** A host that is not the profile's: answers the public routes and records every request. */
    async function foreignOrchestrator(): Promise<TinyServer> {
      const s = await tinyServer((req, res) => json(res, req.url === '/droplets' ? 401 : 200, { status: 'ok', version: '9' }));
      open.push(s);
      return s;
    }
    const jwtPayload = (authorization: string | undefined): Record<string, unknown> =>
      JSON.parse(Buffer.from((authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    /** The saved profile's token settings, and a draft that asks for others. */
    const SAVED_CLAIMS = { permissions: ['read'], iss: 'steward', sub: 'droplet-{droplet_id}', extra: { team: 'blue' } };
    const greedy = (url: string, id: string): ProfileDraft => ({
      ...draft(url),
      id,
      identityDropletId: 99,
      steward: 'Mallory',
      tokenLifetimeSeconds: 86_400,
      claims: { permissions: ['admin'], iss: null, sub: null, extra: { role: 'root' } },
    });

    async function savedProfile(r: Rig, url: string): Promise<ProfileView> {
      const { profile } = await profileWithKey(r, url, KEY_B.privateKeyPem);
      return ok<ProfileView>(await r.controller.dispatch('saveProfile', { ...draft(url), id: profile.id, identityDropletId: 4, claims: SAVED_CLAIMS }));
    }

    it('refused, sends nothing to the other host and says so plainly', async () => {
      const asked: [string, string][] = [];
      const r = await rig({ connectionTest: { confirmForeignHost: async (host, name) => (asked.push([host, name]), false) } });
      const b = await sandbox(KEY_B.publicKeyPem);
      const profile = await savedProfile(r, b.url);
      const foreign = await foreignOrchestrator();
      const t = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { draft: greedy(foreign.url, profile.id) }));
      const host = new URL(foreign.url).host;
      expect(asked).toEqual([[host, 'Bravo']]);
      expect(foreign.seen).toEqual([]);
      expect(t).toMatchObject({ ok: false, failedStep: 'url' });
      expect(t.steps).toHaveLength(1);
      expect(t.steps[0]!.message).toBe(`Not tested: you did not allow the key for ${host}.`);
      // With no way to ask, the answer is no.
      const unasked = await rig({ a: r.a });
      const p2 = await savedProfile(unasked, b.url);
      expect(ok<ConnectionTestResult>(await unasked.controller.dispatch('testConnection', { draft: greedy(foreign.url, p2.id) })).failedStep).toBe('url');
      expect(foreign.seen).toEqual([]);
    });

    it('allowed, sends one short-lived token carrying only the saved profile claims', async () => {
      const asked: string[] = [];
      const r = await rig({ connectionTest: { confirmForeignHost: async (host) => (asked.push(host), true) } });
      const b = await sandbox(KEY_B.publicKeyPem);
      const profile = await savedProfile(r, b.url);
      const foreign = await foreignOrchestrator();
      const t = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', { draft: greedy(foreign.url, profile.id) }));
      expect(asked).toEqual([new URL(foreign.url).host]);
      expect(t.steps.map((s) => s.step)).toEqual(['url', 'reachability', 'version', 'authenticated']);
      const signed = foreign.seen.filter((q) => q.headers.authorization);
      expect(signed.length).toBeGreaterThan(0);
      for (const q of signed) {
        const { iat, exp, ...claims } = jwtPayload(q.headers.authorization);
        expect(Number(exp) - Number(iat)).toBeLessThanOrEqual(60);
        expect(claims).toEqual({ steward: 'Haythem', permissions: ['read'], iss: 'steward', sub: 'droplet-4', team: 'blue', droplet_id: 4 });
      }
    });

    it("needs no question for the profile's own URL, and keeps test tokens short there too", async () => {
      const asked: string[] = [];
      const own = await foreignOrchestrator();
      const r = await rig({ connectionTest: { confirmForeignHost: async (host) => (asked.push(host), false) } });
      const profile = await savedProfile(r, own.url);
      await r.controller.dispatch('saveProfile', { ...draft(own.url), id: profile.id, identityDropletId: 4, claims: SAVED_CLAIMS, tokenLifetimeSeconds: 86_400 });
      for (const input of [{ profileId: profile.id }, { draft: greedy(own.url, profile.id) }]) {
        const t = ok<ConnectionTestResult>(await r.controller.dispatch('testConnection', input));
        expect(t.steps.map((s) => s.step)).toEqual(['url', 'reachability', 'version', 'authenticated']);
      }
      expect(asked).toEqual([]);
      const signed = own.seen.filter((q) => q.headers.authorization);
      expect(signed.length).toBeGreaterThanOrEqual(2);
      for (const q of signed) {
        const { iat, exp } = jwtPayload(q.headers.authorization);
        expect(Number(exp) - Number(iat)).toBeLessThanOrEqual(60);
      }
    });
  });

  it('stops at the URL step for a URL it cannot use', async () => {
    const t = await testConnection({ ...draft('ftp://host/x'), privateKey: async () => KEY_A.privateKeyPem });
    expect(t).toMatchObject({ ok: false, failedStep: 'url' });
    expect(t.steps).toHaveLength(1);
    expect(t.steps[0]!.message).toBe('Orchestrator URL must start with http:// or https://, not ftp://');
    const plain = await testConnection({ ...draft('http://10.0.0.9:1'), privateKey: async () => KEY_A.privateKeyPem }, { timeoutMs: 200 });
    expect(plain.steps[0]).toMatchObject({ ok: true, hint: expect.stringMatching(/^Plain http: tokens cross the network unencrypted/) });
  });
});

describe('testConnection input', () => {
  it('names the draft field that is wrong, and wants exactly one of profileId and draft', async () => {
    const r = await rig();
    const e = err(await r.controller.dispatch('testConnection', { draft: { ...draft('http://x'), pollIntervalMs: 10 } }));
    expect(e.fields.map((f) => [f.field, f.msg])).toEqual([['draft.pollIntervalMs', 'Poll interval must be at least 2 seconds (2000 ms)']]);
    expect(err(await r.controller.dispatch('testConnection', {})).message).toMatch(/Give either profileId or draft/);
    expect(err(await r.controller.dispatch('testConnection', { profileId: BUILT_IN_PROFILE_ID, draft: draft('http://x') })).kind).toBe('bad_input');
  });

  it('keeps what the profile’s start found among the warnings after the profile is saved, and answers no storage warning while writes work', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-app-'));
    const historyDir = profileDataDir(dataDir, BUILT_IN_PROFILE_ID);
    mkdirSync(historyDir, { recursive: true });
    writeFileSync(join(historyDir, HISTORY_FILE), 'not a history\n');
    const r = await rig({ dataDir });
    const first = ok<{ warnings: string[]; storage: string | null }>(await r.controller.dispatch('getWarnings', undefined));
    expect(first.warnings).toEqual([expect.stringMatching(/is not a Steward history file/)]);
    expect(first.storage).toBeNull();
    ok(await r.controller.dispatch('saveProfile', { ...draft(r.a.url), id: BUILT_IN_PROFILE_ID, name: 'My sandbox' }));
    expect(r.services).toHaveLength(2); // reopened with its new settings
    const after = ok<{ warnings: string[] }>(await r.controller.dispatch('getWarnings', undefined));
    expect(after.warnings).toEqual(first.warnings);
  });
});
