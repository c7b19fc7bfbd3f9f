/**
 * What Steward remembers per profile about how the window was left: sort, filters, chart range
 * (bound by comfort-b) and theme, pane width, columns (bound by the layout/theme stores). Main keeps
 * it in the profile's folder as prefs.json; every field is optional so an older or newer file
 * still reads, and the renderer ignores a value it does not know.
 */
import { z } from 'zod';
import { ProfileIdSchema } from './profile';

const Name = z.string().min(1).max(64);

export const PrefsSchema = z.object({
  sort: z.object({ key: Name, dir: z.enum(['asc', 'desc']) }).strict().optional(),
  filters: z
    .object({ status: Name.nullable(), capability: z.string().max(200).nullable(), search: z.string().max(500) })
    .strict()
    .optional(),
  chartRange: Name.optional(),
  // The theme, pane and column stores' choices (renderer/src/state/pref-bindings.ts layoutPrefs).
  theme: z.enum(['system', 'light', 'dark']).optional(),
  paneWidth: z.number().int().min(0).max(10_000).optional(),
  paneCollapsed: z.boolean().optional(),
  columns: z
    .object({
      hidden: z.array(Name).max(64).optional(),
      widths: z.record(Name, z.number().min(0).max(5_000)).optional(),
    })
    .strict()
    .optional(),
});
export type Prefs = z.infer<typeof PrefsSchema>;
export type PrefKey = keyof Prefs;

/** The file: the same fields; unknown keys (a newer Steward's) are dropped, not an error. */
export const PrefsFileSchema = PrefsSchema.strip();

export const PrefsViewSchema = z.object({
  profileId: ProfileIdSchema,
  prefs: PrefsSchema,
  /** prefs.json could not be used (the words); defaults stand meanwhile. */
  warning: z.string().nullable(),
});
export type PrefsView = z.infer<typeof PrefsViewSchema>;

/** Fields given replace the stored ones; `profileId` names whose prefs, so a late save never lands on the next profile. */
export const SetPrefsSchema = z.object({ profileId: ProfileIdSchema, prefs: PrefsSchema.strict() }).strict();
export type SetPrefs = z.infer<typeof SetPrefsSchema>;
