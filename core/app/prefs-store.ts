/**
 * The window's remembered state, per profile: prefs.json in the profile's own folder. Read
 * through zod; a file that cannot be used is kept aside and answers defaults with words saying
 * so, never a crash. Writes are atomic and merge the fields given over what is stored.
 */
import { join } from 'node:path';
import type { PrefsHandlers } from '../../shared/ipc-contract';
import { PrefsFileSchema, type Prefs, type PrefsView } from '../../shared/prefs';
import { readJsonFile, writeFileAtomic } from '../fs/atomic-file';

export const PREFS_FILE = 'prefs.json';

export interface PrefsStoreOptions {
  /** The profile's folder, created if needed (profile-config's ensureProfileDataDir). */
  dirFor(profileId: string): Promise<string>;
  /** The open profile. */
  activeId(): string;
  /** Throws (not found) for a profile that does not exist, before anything is written. */
  assertExists(profileId: string): void;
}

export function createPrefsHandlers(opts: PrefsStoreOptions): PrefsHandlers {
  // What each profile's file held when last read or written: a save merges over it without a read.
  const known = new Map<string, Prefs>();
  // Writes of one profile in order, so an older save never lands after a newer one.
  const queues = new Map<string, Promise<unknown>>();

  async function load(profileId: string): Promise<PrefsView> {
    const path = join(await opts.dirFor(profileId), PREFS_FILE);
    const read = await readJsonFile(path, PrefsFileSchema);
    if (read.ok) {
      known.set(profileId, read.value);
      return { profileId, prefs: read.value, warning: null };
    }
    known.set(profileId, {});
    const warning = read.reason === 'missing' ? null : `Steward could not use its remembered view settings for this profile (${read.message}); it starts from the defaults.`;
    return { profileId, prefs: {}, warning };
  }

  return {
    getPrefs: async () => load(opts.activeId()),
    setPrefs: async ({ profileId, prefs }) => {
      opts.assertExists(profileId);
      const run = (queues.get(profileId) ?? Promise.resolve()).catch(() => undefined).then(async () => {
        const before = known.get(profileId) ?? (await load(profileId)).prefs;
        const merged: Prefs = { ...before, ...prefs };
        await writeFileAtomic(join(await opts.dirFor(profileId), PREFS_FILE), `${JSON.stringify(merged, null, 2)}\n`);
        known.set(profileId, merged);
        return { profileId, prefs: merged, warning: null };
      });
      queues.set(profileId, run);
      return run;
    },
  };
}
