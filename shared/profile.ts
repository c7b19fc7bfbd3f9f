/**
 * Connection profiles and key descriptions, as stored in `profiles.json` and as they cross
 * IPC. Every field carries its own message so a form can show it next to the field. The
 * private key itself never appears here: a profile names its key by fingerprint.
 */
import { z } from 'zod';
import { DialectSettingSchema } from './model';

export const BUILT_IN_PROFILE_ID = 'local-sandbox';
export const BUILT_IN_PROFILE_NAME = 'Local sandbox';

export const MIN_POLL_INTERVAL_MS = 2_000;
export const MAX_POLL_INTERVAL_MS = 3_600_000;
export const MIN_TOKEN_LIFETIME_SECONDS = 10;
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
/** Claims the signer sets itself; a template naming them would be silently overridden. */
export const RESERVED_CLAIMS = ['droplet_id', 'iat', 'exp'] as const;

export const ProfileIdSchema = z
  .string({ error: 'Profile id must be text' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Profile id must be lower-case letters, digits and dashes');

export const SigningAlgorithmSchema = z.enum(['RS256', 'ES256'], { error: 'Algorithm must be RS256 (RSA) or ES256 (EC P-256)' });
export type SigningAlgorithmName = z.infer<typeof SigningAlgorithmSchema>;

/** Which key a profile signs with. Public material only. */
export const KeyRefSchema = z.object({
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]+$/, 'Fingerprint must look like SHA256:…'),
  algorithm: SigningAlgorithmSchema,
  publicKeyPem: z.string().includes('-----BEGIN PUBLIC KEY-----', { message: 'Public key must be an SPKI PEM' }),
});
export type KeyRef = z.infer<typeof KeyRefSchema>;

export function orchestratorUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Orchestrator URL must be a full URL, such as http://localhost:8000';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Orchestrator URL must start with http:// or https://, not ${url.protocol}//`;
  // Credentials in the URL would end up in logs and the communications log.
  if (url.username || url.password) return 'Orchestrator URL must not contain a user name or password';
  if (url.search || url.hash) return 'Orchestrator URL must not contain a query (?…) or fragment (#…)';
  return null;
}

const OrchestratorUrlSchema = z
  .string({ error: 'Orchestrator URL is required' })
  .trim()
  .min(1, 'Orchestrator URL is required')
  .superRefine((v, ctx) => {
    const problem = v ? orchestratorUrlProblem(v) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ClaimTemplateSchema = z.object({
  /** Empty: no `permissions` claim is sent at all. */
  permissions: z
    .array(z.string().trim().min(1, 'A permission cannot be empty').max(100, 'A permission is at most 100 characters'), { error: 'Permissions must be a list' })
    .max(50, 'At most 50 permissions'),
  iss: z.string({ error: 'iss must be text' }).trim().max(200, 'iss is at most 200 characters').nullable(),
  /** May contain `{droplet_id}`, replaced per token. */
  sub: z.string({ error: 'sub must be text' }).trim().max(200, 'sub is at most 200 characters').nullable(),
  extra: z
    .record(z.string(), z.json(), { error: 'Extra claims must be a JSON object, such as {"role": "ops"}' })
    .superRefine((extra, ctx) => {
      const reserved = RESERVED_CLAIMS.filter((k) => Object.hasOwn(extra, k));
      if (reserved.length) ctx.addIssue({ code: 'custom', message: `Extra claims cannot set ${reserved.join(', ')}: Steward sets ${reserved.length > 1 ? 'them' : 'it'} on every token` });
      if (JSON.stringify(extra).length > 8_000) ctx.addIssue({ code: 'custom', message: 'Extra claims are at most 8000 characters of JSON' });
    }),
});
export type ClaimTemplate = z.infer<typeof ClaimTemplateSchema>;

export const DEFAULT_CLAIMS: ClaimTemplate = { permissions: [], iss: null, sub: null, extra: {} };

/**
 * How much history and communications log a profile's service keeps, on disk and in memory.
 * Defaults: 7 days of one-minute beats per droplet, ~100 MB of samples in total, 2000 log
 * entries in memory and a 5 MB log file (kept with 2 rotated ones, so 3 files at most).
 */
export const DEFAULT_LIMITS = {
  historySamplesPerDroplet: 10_080,
  historyTotalSamples: 2_000_000,
  logEntriesInMemory: 2_000,
  logFileMegabytes: 5,
} as const;
/** Log files kept: the current one and the rotated ones, each at most logFileMegabytes. */
export const LOG_FILES_KEPT = 3;

export const LimitsSchema = z.object({
  historySamplesPerDroplet: z
    .number({ error: 'History per droplet must be a number of samples' })
    .int('History per droplet must be a whole number of samples')
    .min(60, 'History per droplet must be at least 60 samples')
    .max(100_000, 'History per droplet must be at most 100000 samples')
    .default(DEFAULT_LIMITS.historySamplesPerDroplet),
  historyTotalSamples: z
    .number({ error: 'History in total must be a number of samples' })
    .int('History in total must be a whole number of samples')
    .min(10_000, 'History in total must be at least 10000 samples')
    .max(20_000_000, 'History in total must be at most 20000000 samples (about 1 GB)')
    .default(DEFAULT_LIMITS.historyTotalSamples),
  logEntriesInMemory: z
    .number({ error: 'Log entries kept in memory must be a number' })
    .int('Log entries kept in memory must be a whole number')
    .min(100, 'Log entries kept in memory must be at least 100')
    .max(100_000, 'Log entries kept in memory must be at most 100000')
    .default(DEFAULT_LIMITS.logEntriesInMemory),
  logFileMegabytes: z
    .number({ error: 'Log file size must be a number of megabytes' })
    .int('Log file size must be a whole number of megabytes')
    .min(1, 'Log file size must be at least 1 MB')
    .max(500, 'Log file size must be at most 500 MB')
    .default(DEFAULT_LIMITS.logFileMegabytes),
});
export type Limits = z.infer<typeof LimitsSchema>;

/** What a steward edits in the profile form. */
export const ProfileSettingsSchema = z.object({
  name: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(80, 'Name is at most 80 characters'),
  orchestratorUrl: OrchestratorUrlSchema,
  identityDropletId: z
    .number({ error: 'Identity droplet id must be a number' })
    .int('Identity droplet id must be a whole number')
    .positive('Identity droplet id must be a positive number'),
  steward: z.string({ error: 'Steward name must be text' }).trim().max(200, 'Steward name is at most 200 characters').nullable(),
  claims: ClaimTemplateSchema,
  tokenLifetimeSeconds: z
    .number({ error: 'Token lifetime must be a number of seconds' })
    .int('Token lifetime must be a whole number of seconds')
    .min(MIN_TOKEN_LIFETIME_SECONDS, `Token lifetime must be at least ${MIN_TOKEN_LIFETIME_SECONDS} seconds`)
    .max(MAX_TOKEN_LIFETIME_SECONDS, 'Token lifetime must be at most 86400 seconds (24 hours)'),
  dialect: z.enum(DialectSettingSchema.options, { error: 'Dialect must be guide, deployed or auto' }),
  pollIntervalMs: z
    .number({ error: 'Poll interval must be a number of milliseconds' })
    .int('Poll interval must be a whole number of milliseconds')
    .min(MIN_POLL_INTERVAL_MS, 'Poll interval must be at least 2 seconds (2000 ms)')
    .max(MAX_POLL_INTERVAL_MS, 'Poll interval must be at most one hour'),
  /** Absent in profiles saved before limits existed: the defaults apply. */
  limits: LimitsSchema.default(() => ({ ...DEFAULT_LIMITS })),
});
export type ProfileSettings = z.infer<typeof ProfileSettingsSchema>;

/** A stored profile. */
export const ProfileSchema = ProfileSettingsSchema.extend({
  id: ProfileIdSchema,
  /** The embedded "Local sandbox": always present, cannot be deleted, URL and key set by Steward. */
  builtIn: z.boolean(),
  key: KeyRefSchema.nullable(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** saveProfile's input: no id creates a profile, an id edits that one. Limits left out get their defaults. */
export const ProfileDraftSchema = ProfileSettingsSchema.extend({ id: ProfileIdSchema.optional() });
export type ProfileDraft = z.input<typeof ProfileDraftSchema>;

/**
 * Where a profile's private key lives: `encrypted` by the OS secret store; `plaintext-consented`
 * on disk unencrypted (mode 0600) because the steward agreed; `session-only` in memory until
 * Steward quits; `missing` when it is gone (a session-only key after a restart, a deleted file).
 */
export const KeyStorageStateSchema = z.enum(['encrypted', 'plaintext-consented', 'session-only', 'missing']);
export type KeyStorageState = z.infer<typeof KeyStorageStateSchema>;

/** What the renderer may know about a key: never the private half. */
export const KeyInfoSchema = KeyRefSchema.extend({
  storage: KeyStorageStateSchema,
  /** Why the storage is what it is, in plain words. */
  note: z.string().nullable(),
});
export type KeyInfo = z.infer<typeof KeyInfoSchema>;

export const ProfileViewSchema = ProfileSchema.omit({ key: true }).extend({
  key: KeyInfoSchema.nullable(),
  active: z.boolean(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const KeyStorageSchema = z.object({
  /** The OS secret store can encrypt now. */
  available: z.boolean(),
  /** e.g. gnome_libsecret, kwallet5, basic_text, dpapi, keychain, unknown. */
  backend: z.string(),
  /** Encryption is real: available, and not Linux's basic_text fallback (a fixed, public password). */
  secure: z.boolean(),
});
export type KeyStorage = z.infer<typeof KeyStorageSchema>;

export const CONNECTION_STEPS = ['url', 'reachability', 'version', 'authenticated'] as const;
export const ConnectionStepNameSchema = z.enum(CONNECTION_STEPS);
export type ConnectionStepName = z.infer<typeof ConnectionStepNameSchema>;

export const ConnectionStepSchema = z.object({
  step: ConnectionStepNameSchema,
  ok: z.boolean(),
  message: z.string(),
  hint: z.string().nullable(),
  ms: z.number().nonnegative(),
});
export type ConnectionStep = z.infer<typeof ConnectionStepSchema>;

export const ConnectionTestResultSchema = z.object({
  ok: z.boolean(),
  /** The steps run, in order; the test stops at the first that fails. */
  steps: z.array(ConnectionStepSchema),
  failedStep: ConnectionStepNameSchema.nullable(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;

export const ProfileChangedSchema = z.object({ profileId: ProfileIdSchema, name: z.string() });
export type ProfileChanged = z.infer<typeof ProfileChangedSchema>;
