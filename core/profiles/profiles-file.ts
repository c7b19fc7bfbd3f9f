/**
 * profiles.json read profile by profile: one entry with a wrong field is set aside (kept in
 * `profiles.json.rejected-<time>` beside it, never lost) and named, and the others load. Only
 * a file whose frame is broken (not JSON, no profiles list) is set aside whole.
 */
import { z } from 'zod';
import { ProfileSchema, type Profile } from '../../shared/profile';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { freeSideName, writeFileAtomic } from '../fs/atomic-file';
import { readFileCapped } from '../fs/capped-read';

export interface ProfilesFile {
  version: 1;
  activeId: string;
  profiles: Profile[];
}

/** The frame only; each profile is checked on its own by sortProfiles. */
export const ProfilesFrameSchema = z.object({ version: z.literal(1), activeId: z.unknown(), profiles: z.array(z.unknown()) });
export type ProfilesFrame = z.infer<typeof ProfilesFrameSchema>;

export interface RejectedProfile {
  /** How the steward knows it: `“Prod” (p-1a2b)`, or its place in the list when it has neither. */
  label: string;
  /** The fields that are wrong, e.g. `pollIntervalMs: Poll interval must be a number of milliseconds`. */
  problem: string;
  entry: unknown;
}

/** The valid profiles, in file order, and the rest with what is wrong with each. */
export function sortProfiles(entries: readonly unknown[]): { kept: Profile[]; rejected: RejectedProfile[] } {
  const kept: Profile[] = [];
  const rejected: RejectedProfile[] = [];
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const parsed = ProfileSchema.safeParse(entry);
    const label = labelOf(entry, index);
    if (!parsed.success) {
      const problem = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(the entry)'}: ${i.message}`).join('; ');
      rejected.push({ label, problem, entry });
    } else if (ids.has(parsed.data.id)) {
      rejected.push({ label, problem: `its id ${parsed.data.id} is already used by an earlier profile`, entry });
    } else {
      ids.add(parsed.data.id);
      kept.push(parsed.data);
    }
  });
  return { kept, rejected };
}

function labelOf(entry: unknown, index: number): string {
  const field = (name: string): string | null => {
    if (typeof entry !== 'object' || entry === null || !(name in entry)) return null;
    const v: unknown = (entry as Record<string, unknown>)[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 80) : null;
  };
  const name = field('name');
  const id = field('id');
  if (name && id) return `“${name}” (${id})`;
  if (name) return `“${name}”`;
  if (id) return id;
  return `number ${index + 1} in the list`;
}

/** Writes the rejected entries beside `path` (0600, atomically) and answers where. */
export async function keepRejected(path: string, rejected: readonly RejectedProfile[], now: Date = new Date()): Promise<string> {
  const aside = await freeSideName(path, 'rejected', now);
  const record = { steward: 'rejected-profiles', from: path, at: now.toISOString(), profiles: rejected.map((r) => ({ problem: r.problem, profile: r.entry })) };
  await writeFileAtomic(aside, `${JSON.stringify(record, null, 2)}\n`);
  return aside;
}

/** As much of a rejected file as is read when looking for a key in it (profiles.json's own cap). */
const ASIDE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Whether a profile set aside beside `path` (`<path>.rejected-*`, this run's or an earlier one's)
 * names the key `fingerprint`: the steward may mend it and put it back, so its key must stay.
 * The text is searched, not parsed, since a rejected entry may be any shape; a file that cannot
 * be read counts as naming it (keeping a key too long is the safe mistake).
 */
export async function keyNamedAside(path: string, fingerprint: string): Promise<boolean> {
  const prefix = `${basename(path)}.rejected-`;
  let names: string[];
  try {
    names = (await readdir(dirname(path))).filter((n) => n.startsWith(prefix));
  } catch {
    return false;
  }
  for (const name of names) {
    try {
      if ((await readFileCapped(join(dirname(path), name), ASIDE_MAX_BYTES)).includes(fingerprint)) return true;
    } catch {
      return true;
    }
  }
  return false;
}
