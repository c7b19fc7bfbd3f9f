/**
 * The connection profiles, kept in `<dataDir>/profiles.json`. Every change is written
 * atomically (temp file, fsync, rename) before it counts. A file that cannot be read or
 * parsed is moved aside and reported, never silently overwritten; Steward then starts from
 * the built-in "Local sandbox" profile, which is always present and cannot be deleted. A
 * single bad profile is set aside on its own (profiles-file.ts); the others load.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import {
  BUILT_IN_PROFILE_ID,
  BUILT_IN_PROFILE_NAME,
  DEFAULT_CLAIMS,
  DEFAULT_LIMITS,
  ProfileDraftSchema,
  type KeyRef,
  type Profile,
  type ProfileDraft,
} from '../../shared/profile';
import { moveAside, readJsonFile, writeFileAtomic } from '../fs/atomic-file';
import { writeFailureReason } from '../fs/write-failure';
import { keepRejected, keyNamedAside, ProfilesFrameSchema, sortProfiles, type ProfilesFile, type ProfilesFrame, type RejectedProfile } from './profiles-file';
import { SettingsError } from './settings-error';
import { errorText } from '../../shared/error-text';

export const PROFILES_FILE = 'profiles.json';

/** The built-in profile's defaults; its URL and key are filled in at run time from the embedded sandbox. */
export function builtInProfile(): Profile {
  return {
    id: BUILT_IN_PROFILE_ID,
    builtIn: true,
    name: BUILT_IN_PROFILE_NAME,
    orchestratorUrl: 'http://127.0.0.1',
    identityDropletId: 1,
    steward: null,
    key: null,
    claims: structuredClone(DEFAULT_CLAIMS),
    tokenLifetimeSeconds: 300,
    dialect: 'guide',
    pollIntervalMs: 10_000,
    limits: { ...DEFAULT_LIMITS },
  };
}

export interface ProfileStoreOptions {
  dataDir: string;
  newId?: () => string;
}

export class ProfileStore {
  readonly path: string;
  /** What went wrong reading the file, for the steward (empty when nothing did). */
  readonly warnings: string[] = [];
  private state: ProfilesFile;
  /** Set when the file exists but could be neither read nor moved aside: never overwrite it. */
  private readOnlyReason: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly newId: () => string;

  private constructor(opts: ProfileStoreOptions) {
    this.path = join(opts.dataDir, PROFILES_FILE);
    this.newId = opts.newId ?? (() => `p-${randomBytes(5).toString('hex')}`);
    this.state = { version: 1, activeId: BUILT_IN_PROFILE_ID, profiles: [builtInProfile()] };
  }

  static async open(opts: ProfileStoreOptions): Promise<ProfileStore> {
    const store = new ProfileStore(opts);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    const read = await readJsonFile(this.path, ProfilesFrameSchema);
    if (read.ok) {
      await this.loadProfiles(read.value);
      return;
    }
    if (read.reason === 'missing') return;
    if (read.reason === 'corrupt') {
      this.warnings.push(`Your profiles could not be read: ${read.message}. Steward started with the built-in Local sandbox profile; the old file is kept so nothing is lost.`);
      if (!read.backupPath) this.readOnlyReason = read.message;
      return;
    }
    // Unreadable (permissions, I/O): keep it aside too, so a later save cannot replace it.
    try {
      const backup = await moveAside(this.path);
      this.warnings.push(`Your profiles could not be read (${read.message}); the file was kept as ${backup}. Steward started with the built-in Local sandbox profile.`);
    } catch (e) {
      this.readOnlyReason = read.message;
      this.warnings.push(`Your profiles could not be read (${read.message}) and the file could not be moved aside (${errorText(e)}). Steward will not change it; fix its permissions and restart.`);
    }
  }

  /** Keeps the valid profiles; each invalid one is set aside beside the file and named in a warning. */
  private async loadProfiles(frame: ProfilesFrame): Promise<void> {
    const { kept, rejected } = sortProfiles(frame.profiles);
    const activeId = typeof frame.activeId === 'string' ? frame.activeId : BUILT_IN_PROFILE_ID;
    this.state = withBuiltIn({ version: 1, activeId, profiles: kept });
    if (rejected.length === 0) return;
    let aside: string;
    try {
      aside = await keepRejected(this.path, rejected);
    } catch (e) {
      // The file still holds profiles Steward could not keep elsewhere: it must not be overwritten.
      this.readOnlyReason = `${rejected.length === 1 ? 'a profile' : 'profiles'} in it could not be read nor kept aside`;
      this.warnings.push(`${describeRejected(rejected)} could not be kept aside (${errorText(e)}). Steward will not change ${PROFILES_FILE}; fix the folder's permissions and restart.`);
      return;
    }
    for (const r of rejected) {
      this.warnings.push(`The profile ${r.label} in ${PROFILES_FILE} was set aside: ${r.problem}. It is kept in ${aside}; your other profiles loaded.`);
    }
    try {
      // Written now, so the next start does not set the same profiles aside again.
      await writeFileAtomic(this.path, serialise(this.state), { mode: 0o600 });
    } catch {
      // Harmless: the next change writes the file, and the rejected copy is already safe.
    }
  }

  list(): Profile[] {
    return this.state.profiles.map((p) => structuredClone(p));
  }

  find(id: string): Profile | undefined {
    const p = this.state.profiles.find((x) => x.id === id);
    return p ? structuredClone(p) : undefined;
  }

  get(id: string): Profile {
    const p = this.find(id);
    if (!p) throw new SettingsError('not_found', `There is no profile with id ${id}.`, 'It may have been deleted; the profile list shows those there are.');
    return p;
  }

  activeId(): string {
    return this.state.activeId;
  }

  /** Other profiles that sign with this key (so deleting one does not delete a shared key). */
  keyUsers(fingerprint: string, exceptId?: string): Profile[] {
    return this.state.profiles.filter((p) => p.id !== exceptId && p.key?.fingerprint === fingerprint).map((p) => structuredClone(p));
  }

  /** Whether a profile set aside (profiles.json.rejected-*) names this key: it is still wanted. */
  keyNamedAside(fingerprint: string): Promise<boolean> {
    return keyNamedAside(this.path, fingerprint);
  }

  /** Creates a profile (draft without id) or edits one. The built-in keeps its URL, dialect and key. */
  save(draft: ProfileDraft): Promise<Profile> {
    const checked = ProfileDraftSchema.safeParse(draft);
    if (!checked.success) return Promise.reject(draftError(checked.error));
    return this.change((state) => {
      const { id, ...settings } = checked.data;
      const existing = id === undefined ? undefined : state.profiles.find((p) => p.id === id);
      if (id !== undefined && !existing) throw new SettingsError('not_found', `There is no profile with id ${id} to edit.`, 'It may have been deleted meanwhile.');
      checkNameFree(state, settings.name, id);
      let saved: Profile;
      if (existing?.builtIn) {
        saved = { ...existing, ...settings, orchestratorUrl: existing.orchestratorUrl, dialect: existing.dialect, key: existing.key };
      } else if (existing) {
        saved = { ...existing, ...settings };
      } else {
        saved = { ...settings, id: this.freshId(state), builtIn: false, key: null };
      }
      const profiles = existing ? state.profiles.map((p) => (p.id === saved.id ? saved : p)) : [...state.profiles, saved];
      return { next: { ...state, profiles }, result: saved };
    });
  }

  /** A copy named "<name> (copy)"; `overrides` fill in what only the caller knows (the built-in's live URL and key). */
  duplicate(id: string, overrides: Partial<Pick<Profile, 'orchestratorUrl' | 'dialect' | 'key'>> = {}): Promise<Profile> {
    return this.change((state) => {
      const source = state.profiles.find((p) => p.id === id);
      if (!source) throw new SettingsError('not_found', `There is no profile with id ${id} to duplicate.`);
      const copy: Profile = { ...structuredClone(source), ...overrides, id: this.freshId(state), builtIn: false, name: copyName(state, source.name) };
      return { next: { ...state, profiles: [...state.profiles, copy] }, result: copy };
    });
  }

  /** Deletes a profile; when it was active, the built-in becomes active. Answers the active id. */
  delete(id: string): Promise<{ activeId: string; deleted: Profile }> {
    return this.change((state) => {
      const target = state.profiles.find((p) => p.id === id);
      if (!target) throw new SettingsError('not_found', `There is no profile with id ${id} to delete.`);
      if (target.builtIn) throw new SettingsError('bad_input', `The ${target.name} profile is built in and cannot be deleted.`, 'Duplicate it if you want a profile to change freely.');
      const activeId = state.activeId === id ? BUILT_IN_PROFILE_ID : state.activeId;
      return { next: { ...state, activeId, profiles: state.profiles.filter((p) => p.id !== id) }, result: { activeId, deleted: target } };
    });
  }

  setActive(id: string): Promise<Profile> {
    return this.change((state) => {
      const target = state.profiles.find((p) => p.id === id);
      if (!target) throw new SettingsError('not_found', `There is no profile with id ${id}.`);
      return { next: { ...state, activeId: id }, result: target };
    });
  }

  setKey(id: string, key: KeyRef | null): Promise<Profile> {
    return this.change((state) => {
      const target = state.profiles.find((p) => p.id === id);
      if (!target) throw new SettingsError('not_found', `There is no profile with id ${id}.`);
      const saved: Profile = { ...target, key };
      return { next: { ...state, profiles: state.profiles.map((p) => (p.id === id ? saved : p)) }, result: saved };
    });
  }

  /** Runs one change at a time against the latest state; it counts only once written. */
  private change<T>(fn: (state: ProfilesFile) => { next: ProfilesFile; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.readOnlyReason) {
        throw new SettingsError('internal', `Steward will not overwrite profiles.json, which it could not read: ${this.readOnlyReason}.`, 'Fix the file or its permissions, then restart Steward.');
      }
      const { next, result } = fn(this.state);
      try {
        await writeFileAtomic(this.path, serialise(next), { mode: 0o600 });
      } catch (e) {
        // "EROFS: read-only file system, open '.../.profiles.json.123.ab.tmp'" is not for the steward.
        throw new SettingsError('internal', `Your profiles cannot be saved to ${dirname(this.path)}: ${writeFailureReason(e)}.`, 'Nothing was changed; save again once the folder can be written to.');
      }
      this.state = next;
      return structuredClone(result);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private freshId(state: ProfilesFile): string {
    for (;;) {
      const id = this.newId();
      if (!state.profiles.some((p) => p.id === id)) return id;
    }
  }
}

/** The file as read, with the built-in restored if someone removed it and a valid active id. */
function withBuiltIn(file: ProfilesFile): ProfilesFile {
  const hasBuiltIn = file.profiles.some((p) => p.id === BUILT_IN_PROFILE_ID);
  // Only the built-in id may be built in, whatever the file says.
  const profiles = file.profiles.map((p) => ({ ...p, builtIn: p.id === BUILT_IN_PROFILE_ID }));
  const all = hasBuiltIn ? profiles : [builtInProfile(), ...profiles];
  const activeId = all.some((p) => p.id === file.activeId) ? file.activeId : BUILT_IN_PROFILE_ID;
  return { version: 1, activeId, profiles: all };
}

function serialise(file: ProfilesFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function describeRejected(rejected: readonly RejectedProfile[]): string {
  const which = rejected.map((r) => `${r.label} (${r.problem})`).join(', ');
  return `The profile${rejected.length === 1 ? '' : 's'} ${which} in ${PROFILES_FILE} could not be read and`;
}

function draftError(error: z.ZodError): SettingsError {
  const fields = error.issues.map((i) => ({ field: i.path.map(String).join('.'), msg: i.message }));
  const words = fields.map((f) => (f.field ? `${f.field}: ${f.msg}` : f.msg)).join('; ');
  return new SettingsError('validation', `The profile was not saved: ${words}.`, null, fields);
}

function checkNameFree(state: ProfilesFile, name: string, exceptId: string | undefined): void {
  const taken = state.profiles.some((p) => p.id !== exceptId && p.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (taken) {
    throw new SettingsError('validation', `A profile named “${name.trim()}” already exists.`, 'Choose another name.', [
      { field: 'name', msg: 'Another profile already has this name' },
    ]);
  }
}

function copyName(state: ProfilesFile, name: string): string {
  const names = new Set(state.profiles.map((p) => p.name.trim().toLowerCase()));
  const base = `${name} (copy)`.slice(0, 80);
  if (!names.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, 70)} (copy ${n})`;
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}
