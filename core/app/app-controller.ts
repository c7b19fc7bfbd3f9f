/**
 * What Electron's IPC talks to: the profiles, the key vault and the active profile's
 * service. Service methods go to the open service's dispatch; the profile and key methods
 * are answered here. Same contract as every dispatch: input checked, never throws, and no
 * private key or token in any answer.
 */
import type { DialectSetting } from '../../shared/model';
import { isServiceMethod, type ExportHandlers, type IpcResult, type PrefsHandlers, type ProfileHandlers } from '../../shared/ipc-contract';
import { BUILT_IN_PROFILE_ID, type KeyInfo, type KeyRef, type Profile, type ProfileDraft, type ProfileView } from '../../shared/profile';
import { ActiveService, type CreateService } from './active-service';
import { foreignHost, testConnection, type ConnectionTestOptions } from './connection-test';
import { createDispatch } from './dispatch';
import { KeyVault, type KeyFilePicker, type PublicKeySaver, type SecretCipher, type StoreKeyOptions } from '../profiles/key-vault';
import { ensureProfileDataDir, serviceLimitsFor, signerClaimsFor } from './profile-config';
import { ProfileStore } from '../profiles/profile-store';
import { createEventHub, type ServiceEventListener } from './events';
import { createStewardService, type ServiceConfig, type StewardService } from './service';
import { appIpcError, SettingsError } from '../profiles/settings-error';
import { errorText } from '../../shared/error-text';
import { createExportHandlers, type ChooseSavePath } from './exports';
import { createPrefsHandlers } from './prefs-store';

/** The sandbox Steward started for the built-in profile: its address and the key it trusts. */
export interface EmbeddedSandbox {
  orchestratorUrl: string;
  privateKeyPem: string;
  dialect: DialectSetting;
}

/** Service settings a profile does not hold (injected in tests). */
export type ServiceExtras = Partial<Pick<ServiceConfig, 'fleetWorkerFile' | 'probeWorkerFile' | 'fetch' | 'timeoutMs' | 'retry' | 'liveUpdates' | 'now' | 'sleep' | 'liveness' | 'chooseSavePath'>>;

export interface AppControllerOptions {
  /** The app's data folder: profiles.json, keys/, profiles/<id>/ (logs, history). */
  dataDir: string;
  appVersion: string;
  embedded: EmbeddedSandbox;
  cipher: SecretCipher;
  picker?: KeyFilePicker;
  saver?: PublicKeySaver;
  serviceExtras?: ServiceExtras;
  connectionTest?: ConnectionTestOptions;
  /** Without it, a keyed profile's URL cannot move to another host (its key would sign for it unasked). */
  confirmKeyMove?: ConfirmKeyMove;
  createService?: CreateService;
  /** The native save dialog exports go through; without it, exports answer that they cannot. */
  chooseSavePath?: ChooseSavePath;
}

/** Asks the steward (a native dialog naming the host) whether a profile's key may go with it to `host`. */
export type ConfirmKeyMove = (host: string, profileName: string) => Promise<boolean>;

export interface AppController {
  dispatch(method: string, input: unknown): Promise<IpcResult<unknown>>;
  onEvent(listener: ServiceEventListener): () => void;
  readonly handlers: ProfileHandlers & ExportHandlers & PrefsHandlers;
  /** The open service (null only after close or a failed recovery). */
  service(): StewardService | null;
  activeProfileId(): string | null;
  readonly warnings: readonly string[];
  close(): Promise<void>;
}

const EMBEDDED_KEY_NOTE = 'Made by Steward for this run; the embedded sandbox trusts it. It is never written to disk.';

export async function createAppController(opts: AppControllerOptions): Promise<AppController> {
  const store = await ProfileStore.open({ dataDir: opts.dataDir });
  const vault = new KeyVault({ dataDir: opts.dataDir, cipher: opts.cipher, picker: opts.picker });
  const embeddedKey = vault.keepForSession(opts.embedded.privateKeyPem, EMBEDDED_KEY_NOTE);
  const warnings: string[] = [...store.warnings];
  try {
    await vault.tightenFolder();
  } catch (e) {
    warnings.push(`The keys folder could not be made private to you (${errorText(e)}); Steward narrows it again when it next stores a key.`);
  }

  const events = createEventHub();
  const emit = events.emit;
  const active = new ActiveService(opts.createService ?? createStewardService, emit);

  /** The built-in profile's URL, dialect and key are the embedded sandbox's, whatever is stored. */
  const live = (p: Profile): Profile =>
    p.builtIn ? { ...p, orchestratorUrl: opts.embedded.orchestratorUrl, dialect: opts.embedded.dialect, key: refOf(embeddedKey) } : p;

  async function privateKeyFor(p: Profile): Promise<string> {
    if (p.builtIn) return opts.embedded.privateKeyPem;
    if (!p.key) throw new SettingsError('bad_input', `The profile “${p.name}” has no private key yet.`, 'Import a key or generate one in its key section.');
    return vault.load(p.key);
  }

  async function configFor(id: string): Promise<ServiceConfig> {
    const p = live(store.get(id));
    return {
      profileName: p.name,
      orchestratorUrl: p.orchestratorUrl,
      dialect: p.dialect,
      identityDropletId: p.identityDropletId,
      ...(p.steward ? { steward: p.steward } : {}),
      privateKeyPem: await privateKeyFor(p),
      tokenLifetimeSeconds: p.tokenLifetimeSeconds,
      claims: signerClaimsFor(p.claims),
      pollIntervalMs: p.pollIntervalMs,
      ...serviceLimitsFor(p.limits),
      dataDir: await ensureProfileDataDir(opts.dataDir, p.id),
      embeddedSandbox: p.builtIn,
      appVersion: opts.appVersion,
      ...opts.serviceExtras,
    };
  }

  async function view(p: Profile): Promise<ProfileView> {
    const shown = live(p);
    const key: KeyInfo | null = p.builtIn ? embeddedKey : shown.key ? await vault.describe(shown.key) : null;
    return { ...shown, key, active: p.id === active.profileId() };
  }

  /** (Re)opens a profile and tells the renderer to start afresh. */
  async function open(id: string): Promise<void> {
    await active.switchTo(id, () => configFor(id));
    emit('profileChanged', { profileId: id, name: store.get(id).name });
  }

  /** After a settings or key change to the open profile, reopen it; a failure is reported, the save stands. */
  async function reopenIfActive(id: string): Promise<void> {
    if (active.profileId() !== id) return;
    // What the profile's start found (a damaged history kept aside) is still worth reading after a save.
    const before = active.service();
    const found = before ? before.warnings.filter((w) => w !== before.storageWarning && !warnings.includes(w)) : [];
    warnings.push(...found);
    try {
      await open(id);
    } catch (e) {
      warnings.push(`The profile “${store.get(id).name}” was saved, but could not be reopened with its new settings: ${appIpcError(e).message}`);
    }
  }

  /** Forgets a private key no profile signs with any more, nor one set aside to be mended. */
  async function forgetIfUnused(ref: KeyRef | null): Promise<void> {
    if (!ref || ref.fingerprint === embeddedKey.fingerprint || store.keyUsers(ref.fingerprint).length > 0) return;
    if (await store.keyNamedAside(ref.fingerprint)) return;
    await vault.forget(ref.fingerprint);
  }

  /**
   * A saved profile's key signs for whatever URL the profile holds: moving a keyed profile to
   * another origin lends the key to that host, so it needs the steward's yes first, as a test
   * connection does. Refused (or with no way to ask), nothing is saved.
   */
  async function requireKeyMoveConsent(draft: ProfileDraft): Promise<void> {
    const stored = draft.id === undefined ? undefined : store.find(draft.id);
    if (!stored?.key || stored.builtIn) return;
    let url: URL;
    try {
      url = new URL(draft.orchestratorUrl);
    } catch {
      return; // the store names what is wrong with it
    }
    const host = foreignHost(url, stored.orchestratorUrl);
    if (host === null || (opts.confirmKeyMove && (await opts.confirmKeyMove(host, stored.name)))) return;
    throw new SettingsError(
      'bad_input',
      `Not saved: you did not allow the key of “${stored.name}” to sign for ${host}.`,
      'Keep the saved URL, or give this address a profile and key of its own (Duplicate, then change the URL and import or generate a key).',
      [{ field: 'orchestratorUrl', msg: `The key of this profile signs for ${host} only if you allow it.` }],
    );
  }

  async function setKey(profileId: string, info: KeyInfo): Promise<KeyInfo> {
    const before = store.get(profileId).key;
    await store.setKey(profileId, refOf(info));
    if (before?.fingerprint !== info.fingerprint) await forgetIfUnused(before);
    await reopenIfActive(profileId);
    return info;
  }

  function keyTarget(profileId: string): Profile {
    const p = store.get(profileId);
    if (p.builtIn) {
      throw new SettingsError('bad_input', `The ${p.name} profile signs with the key Steward made for its sandbox.`, 'Duplicate the profile to use a key of your own.');
    }
    return p;
  }

  const keyOptions = (allowPlaintextBackend: boolean | undefined): StoreKeyOptions => ({ allowPlaintextBackend: allowPlaintextBackend === true });

  const handlers: ProfileHandlers = {
    getWarnings: async () => {
      const service = active.service();
      const own = (service?.warnings ?? []).filter((w) => !warnings.includes(w));
      return { warnings: [...warnings, ...own], storage: service?.storageWarning ?? null };
    },
    listProfiles: async () => ({
      activeId: active.profileId() ?? store.activeId(),
      profiles: await Promise.all(store.list().map(view)),
    }),
    saveProfile: async (draft: ProfileDraft) => {
      await requireKeyMoveConsent(draft);
      const saved = await store.save(draft);
      await reopenIfActive(saved.id);
      return view(saved);
    },
    duplicateProfile: async ({ profileId }) => {
      const source = store.get(profileId);
      // A copy of the built-in keeps this run's sandbox address and key (a session-only key).
      const copy = await store.duplicate(profileId, source.builtIn ? { orchestratorUrl: opts.embedded.orchestratorUrl, dialect: opts.embedded.dialect, key: refOf(embeddedKey) } : {});
      return view(copy);
    },
    deleteProfile: async ({ profileId }) => {
      // The store refuses the built-in; deleting the open profile falls back to the built-in.
      const { activeId, deleted } = await store.delete(profileId);
      if (active.profileId() === profileId) await open(BUILT_IN_PROFILE_ID);
      await forgetIfUnused(deleted.key);
      return { activeId };
    },
    switchProfile: async ({ profileId }) => {
      store.get(profileId); // not found before anything closes
      await open(profileId);
      await store.setActive(profileId);
      return view(store.get(profileId));
    },
    testConnection: async (input) => {
      let base: Profile;
      let home: Profile | null;
      if (input.draft) {
        const { id, ...settings } = input.draft;
        const stored = id === undefined ? undefined : store.find(id);
        // The draft says where to connect; a stored key signs only the token its profile would (its droplet and claims).
        base = stored
          ? { ...stored, ...settings, identityDropletId: stored.identityDropletId, steward: stored.steward, claims: stored.claims, tokenLifetimeSeconds: stored.tokenLifetimeSeconds }
          : { id: 'draft', builtIn: false, key: null, ...settings };
        home = stored ? live(stored) : null;
      } else {
        base = store.get(input.profileId ?? '');
        home = live(base);
      }
      const target = live(base);
      const keyHome = home?.key ? { profileName: home.name, savedUrl: home.orchestratorUrl } : null;
      return testConnection({ ...target, privateKey: () => privateKeyFor(target), keyHome }, opts.connectionTest);
    },
    importKey: async ({ profileId, allowPlaintextBackend }) => {
      keyTarget(profileId);
      const info = await vault.importFromPicker(keyOptions(allowPlaintextBackend));
      return info ? setKey(profileId, info) : null;
    },
    generateKey: async ({ profileId, algorithm, allowPlaintextBackend }) => {
      keyTarget(profileId);
      return setKey(profileId, await vault.generate(algorithm, keyOptions(allowPlaintextBackend)));
    },
    exportPublicKey: async ({ profileId, saveAs }) => {
      const p = live(store.get(profileId));
      if (!p.key) throw new SettingsError('bad_input', `The profile “${p.name}” has no key yet.`, 'Import a key or generate one first.');
      const savedTo = saveAs && opts.saver ? await opts.saver.save(p.key.publicKeyPem, `${fileSlug(p.name)}.pub.pem`) : null;
      return { pem: p.key.publicKeyPem, savedTo };
    },
    getKeyStorage: () => vault.storage(),
  };

  // Start with the profile last used; if it will not open, with the built-in.
  const startId = store.activeId();
  try {
    await active.switchTo(startId, () => configFor(startId));
  } catch (e) {
    if (startId === BUILT_IN_PROFILE_ID) throw e;
    warnings.push(`The profile “${store.find(startId)?.name ?? startId}” could not be opened (${appIpcError(e).message}); Steward opened the Local sandbox instead.`);
    await active.switchTo(BUILT_IN_PROFILE_ID, () => configFor(BUILT_IN_PROFILE_ID));
  }

  const exportHandlers = createExportHandlers({
    chooseSavePath: opts.chooseSavePath,
    service: () => active.service(),
    profileName: () => store.get(active.profileId() ?? store.activeId()).name,
  });
  const prefsHandlers = createPrefsHandlers({
    dirFor: (id) => ensureProfileDataDir(opts.dataDir, id),
    activeId: () => active.profileId() ?? store.activeId(),
    assertExists: (id) => void store.get(id),
  });
  const allHandlers = { ...handlers, ...exportHandlers, ...prefsHandlers };
  const profileDispatch = createDispatch(allHandlers, appIpcError);
  return {
    dispatch: (method, input) => (isServiceMethod(method) ? active.dispatch(method, input) : profileDispatch(method, input)),
    onEvent: events.on,
    handlers: allHandlers,
    service: () => active.service(),
    activeProfileId: () => active.profileId(),
    warnings,
    async close() {
      await active.close();
      events.clear();
    },
  };
}

function refOf(k: KeyRef): KeyRef {
  return { fingerprint: k.fingerprint, algorithm: k.algorithm, publicKeyPem: k.publicKeyPem };
}

function fileSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'steward';
}
