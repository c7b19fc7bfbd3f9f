/** A `window.steward` for the profiles view: profiles and keys in memory, every call recorded. */
import type { IpcError, IpcResult, MethodInput, ProfileMethodName, StewardBridge } from '../../shared/ipc-contract';
import { attentionBridge, createFakeAttention } from './attention-fake-steward';
import { BUILT_IN_PROFILE_ID, DEFAULT_CLAIMS, DEFAULT_LIMITS, type ConnectionTestResult, type KeyInfo, type KeyStorage, type ProfileView } from '../../shared/profile';

export function ipcError(message: string, kind: IpcError['kind'] = 'internal', fields: IpcError['fields'] = []): IpcError {
  return { kind, message, hint: null, status: null, traceId: null, fields, exchangeId: null };
}

const notInThisTest = (): Promise<IpcResult<never>> => Promise.resolve({ ok: false, error: ipcError('Not in this test.') });
const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });
const fail = (error: IpcError): Promise<IpcResult<never>> => Promise.resolve({ ok: false, error });

/** The profile methods, each failing: for fakes of other views that must still satisfy StewardBridge. */
export function profileMethodStubs(): Pick<StewardBridge, ProfileMethodName> {
  return {
    getWarnings: notInThisTest,
    listProfiles: notInThisTest,
    saveProfile: notInThisTest,
    duplicateProfile: notInThisTest,
    deleteProfile: notInThisTest,
    switchProfile: notInThisTest,
    testConnection: notInThisTest,
    importKey: notInThisTest,
    generateKey: notInThisTest,
    exportPublicKey: notInThisTest,
    getKeyStorage: notInThisTest,
  };
}

export const EC_KEY: KeyInfo = {
  fingerprint: 'SHA256:q1w2e3r4t5y6u7i8o9p0asdfghjklzxcvbnm+/QWERT',
  algorithm: 'ES256',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n',
  storage: 'encrypted',
  note: 'Encrypted at rest by the OS secret store (gnome_libsecret).',
};

export function builtIn(over: Partial<ProfileView> = {}): ProfileView {
  return {
    id: BUILT_IN_PROFILE_ID,
    builtIn: true,
    name: 'Local sandbox',
    orchestratorUrl: 'http://127.0.0.1:45123',
    identityDropletId: 1,
    steward: null,
    claims: DEFAULT_CLAIMS,
    tokenLifetimeSeconds: 300,
    dialect: 'guide',
    pollIntervalMs: 10_000,
    limits: { ...DEFAULT_LIMITS },
    key: { ...EC_KEY, algorithm: 'RS256', storage: 'session-only', note: 'Made by Steward for this run.' },
    active: true,
    ...over,
  };
}

export function custom(id: string, name: string, over: Partial<ProfileView> = {}): ProfileView {
  return { ...builtIn(), id, name, builtIn: false, orchestratorUrl: 'https://orch.example:8000', dialect: 'auto', key: null, active: false, ...over };
}

export interface Calls {
  saveProfile: MethodInput<'saveProfile'>[];
  testConnection: MethodInput<'testConnection'>[];
  generateKey: MethodInput<'generateKey'>[];
  importKey: MethodInput<'importKey'>[];
  deleteProfile: MethodInput<'deleteProfile'>[];
  switchProfile: MethodInput<'switchProfile'>[];
}

export interface FakeProfilesSteward {
  bridge: StewardBridge;
  calls: Calls;
  /** What saveProfile answers next (an error, or null to save). */
  failSave(e: IpcError | null): void;
  setTestResult(r: ConnectionTestResult): void;
}

export function fakeProfilesSteward(opts: { profiles: ProfileView[]; storage?: KeyStorage; warnings?: string[] }): FakeProfilesSteward {
  let profiles = opts.profiles;
  let saveError: IpcError | null = null;
  let testResult: ConnectionTestResult = { ok: true, steps: [], failedStep: null };
  const calls: Calls = { saveProfile: [], testConnection: [], generateKey: [], importKey: [], deleteProfile: [], switchProfile: [] };
  const find = (id: string) => profiles.find((p) => p.id === id);
  const activeId = () => profiles.find((p) => p.active)?.id ?? BUILT_IN_PROFILE_ID;
  let n = 0;

  const bridge: StewardBridge = {
    getAppInfo: notInThisTest,
    setTheme: notInThisTest,
    listDroplets: notInThisTest,
    getDroplet: notInThisTest,
    previewRegistration: notInThisTest,
    registerDroplet: notInThisTest,
    sendHeartbeat: notInThisTest,
    getHistory: notInThisTest,
    getChartHistory: notInThisTest,
    getExtraMetric: notInThisTest,
    getCommsLog: notInThisTest,
    startKeepAlive: notInThisTest,
    stopKeepAlive: notInThisTest,
    listKeepAlive: notInThisTest,
    ...attentionBridge(createFakeAttention()),
    exportFleet: notInThisTest,
    exportHistory: notInThisTest,
    exportCommsLog: notInThisTest,
    getPrefs: notInThisTest,
    setPrefs: notInThisTest,
    getProbeSummary: notInThisTest,
    getProbeDetails: notInThisTest,
    getDependencyMap: notInThisTest,
    getProbeSettings: () => ok({ enabled: true, scope: 'all' as const, capabilities: [], ids: [], fastIntervalSeconds: 60, slowIntervalSeconds: 600 }),
    setProbeSettings: notInThisTest,
    probeNow: notInThisTest,
    getWarnings: () => ok({ warnings: opts.warnings ?? [] }),
    listProfiles: () => ok({ activeId: activeId(), profiles }),
    saveProfile: (draft) => {
      calls.saveProfile.push(draft);
      if (saveError) return fail(saveError);
      const { id, limits, ...rest } = draft;
      const settings = { ...rest, limits: { ...DEFAULT_LIMITS, ...limits } };
      const existing = id ? find(id) : undefined;
      const saved: ProfileView = existing ? { ...existing, ...settings } : { ...custom(`p-${++n}`, settings.name), ...settings };
      profiles = existing ? profiles.map((p) => (p.id === saved.id ? saved : p)) : [...profiles, saved];
      return ok(saved);
    },
    duplicateProfile: ({ profileId }) => {
      const source = find(profileId);
      if (!source) return fail(ipcError('No such profile.', 'not_found'));
      const copy = { ...source, id: `p-${++n}`, name: `${source.name} (copy)`, builtIn: false, active: false };
      profiles = [...profiles, copy];
      return ok(copy);
    },
    deleteProfile: (input) => {
      calls.deleteProfile.push(input);
      profiles = profiles.filter((p) => p.id !== input.profileId);
      return ok({ activeId: activeId() });
    },
    switchProfile: (input) => {
      calls.switchProfile.push(input);
      profiles = profiles.map((p) => ({ ...p, active: p.id === input.profileId }));
      return ok(find(input.profileId)!);
    },
    testConnection: (input) => {
      calls.testConnection.push(input);
      return ok(testResult);
    },
    importKey: (input) => {
      calls.importKey.push(input);
      return ok(null);
    },
    generateKey: (input) => {
      calls.generateKey.push(input);
      const info: KeyInfo = { ...EC_KEY, algorithm: input.algorithm, storage: input.allowPlaintextBackend ? 'plaintext-consented' : 'session-only' };
      profiles = profiles.map((p) => (p.id === input.profileId ? { ...p, key: info } : p));
      return ok(info);
    },
    exportPublicKey: ({ profileId }) => ok({ pem: find(profileId)?.key?.publicKeyPem ?? '', savedTo: null }),
    getKeyStorage: () => ok(opts.storage ?? { available: true, backend: 'gnome_libsecret', secure: true }),
    on: () => () => undefined,
  };

  return {
    bridge,
    calls,
    failSave: (e) => {
      saveError = e;
    },
    setTestResult: (r) => {
      testResult = r;
    },
  };
}
