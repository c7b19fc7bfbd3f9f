/** Pure logic of the profile form: its values as typed, validation against the shared schema, where errors land. */
import type { IpcError } from '../../../../shared/ipc-contract';
import type { DialectSetting } from '../../../../shared/model';
import { DEFAULT_CLAIMS, DEFAULT_LIMITS, ProfileDraftSchema, type Limits, type ProfileDraft, type ProfileView } from '../../../../shared/profile';

export const FIELD_KEYS = [
  'name',
  'orchestratorUrl',
  'identityDropletId',
  'steward',
  'dialect',
  'pollSeconds',
  'tokenLifetimeSeconds',
  'permissions',
  'iss',
  'sub',
  'extra',
  'historySamplesPerDroplet',
  'historyTotalSamples',
  'logEntriesInMemory',
  'logFileMegabytes',
] as const;
/** The fields of the profile's `limits`, shown in their own group. */
export const LIMIT_KEYS = ['historySamplesPerDroplet', 'historyTotalSamples', 'logEntriesInMemory', 'logFileMegabytes'] as const satisfies readonly (keyof Limits)[];
export type LimitKey = (typeof LIMIT_KEYS)[number];
export type FieldKey = (typeof FIELD_KEYS)[number];
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** Text as typed, so a half-typed number is not lost to a conversion. */
export interface FormValues {
  name: string;
  orchestratorUrl: string;
  identityDropletId: string;
  steward: string;
  dialect: DialectSetting;
  pollSeconds: string;
  tokenLifetimeSeconds: string;
  permissions: string[];
  iss: string;
  sub: string;
  /** The extra claims as JSON text. */
  extra: string;
  historySamplesPerDroplet: string;
  historyTotalSamples: string;
  logEntriesInMemory: string;
  logFileMegabytes: string;
}

const limitTexts = (limits: Limits): Pick<FormValues, LimitKey> => ({
  historySamplesPerDroplet: String(limits.historySamplesPerDroplet),
  historyTotalSamples: String(limits.historyTotalSamples),
  logEntriesInMemory: String(limits.logEntriesInMemory),
  logFileMegabytes: String(limits.logFileMegabytes),
});

export const EMPTY_FORM: FormValues = {
  name: '',
  orchestratorUrl: '',
  identityDropletId: '1',
  steward: '',
  dialect: 'auto',
  pollSeconds: '10',
  tokenLifetimeSeconds: '300',
  permissions: [...DEFAULT_CLAIMS.permissions],
  iss: '',
  sub: '',
  extra: '{}',
  ...limitTexts(DEFAULT_LIMITS),
};

export function fromProfile(p: ProfileView): FormValues {
  return {
    name: p.name,
    orchestratorUrl: p.orchestratorUrl,
    identityDropletId: String(p.identityDropletId),
    steward: p.steward ?? '',
    dialect: p.dialect,
    pollSeconds: String(p.pollIntervalMs / 1000),
    tokenLifetimeSeconds: String(p.tokenLifetimeSeconds),
    permissions: [...p.claims.permissions],
    iss: p.claims.iss ?? '',
    sub: p.claims.sub ?? '',
    extra: JSON.stringify(p.claims.extra, null, 2),
    ...limitTexts(p.limits),
  };
}

export type Validation = { ok: true; draft: ProfileDraft } | { ok: false; errors: FieldErrors };

/** Plain digits only: Number() would also take "1e3" or "0x10". */
const wholeNumber = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const decimal = (text: string): number => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export function validate(values: FormValues, id?: string): Validation {
  const errors: FieldErrors = {};
  let extra: unknown = {};
  try {
    extra = values.extra.trim() === '' ? {} : (JSON.parse(values.extra) as unknown);
  } catch {
    errors.extra = 'Extra claims must be valid JSON, such as {"role": "ops"}';
  }
  if (!errors.extra && (typeof extra !== 'object' || extra === null || Array.isArray(extra))) {
    errors.extra = 'Extra claims must be a JSON object, such as {"role": "ops"}';
  }
  const seconds = decimal(values.pollSeconds);
  const result = ProfileDraftSchema.safeParse({
    ...(id !== undefined ? { id } : {}),
    name: values.name,
    orchestratorUrl: values.orchestratorUrl.trim(),
    identityDropletId: wholeNumber(values.identityDropletId),
    steward: values.steward.trim() || null,
    dialect: values.dialect,
    pollIntervalMs: Number.isNaN(seconds) ? seconds : Math.round(seconds * 1000),
    tokenLifetimeSeconds: wholeNumber(values.tokenLifetimeSeconds),
    claims: { permissions: values.permissions, iss: values.iss.trim() || null, sub: values.sub.trim() || null, extra: errors.extra ? {} : extra },
    limits: {
      historySamplesPerDroplet: wholeNumber(values.historySamplesPerDroplet),
      historyTotalSamples: wholeNumber(values.historyTotalSamples),
      logEntriesInMemory: wholeNumber(values.logEntriesInMemory),
      logFileMegabytes: wholeNumber(values.logFileMegabytes),
    },
  });
  if (result.success && !errors.extra) return { ok: true, draft: result.data };
  for (const issue of result.success ? [] : result.error.issues) {
    const key = fieldFor(issue.path.map(String));
    if (key && !errors[key]) errors[key] = messageFor(key, issue.message, values);
  }
  return { ok: false, errors };
}

/** Numbers typed as text that are not numbers get a message about the text, not about NaN. */
function messageFor(key: FieldKey, message: string, values: FormValues): string {
  if (key === 'identityDropletId' && Number.isNaN(wholeNumber(values.identityDropletId))) {
    return values.identityDropletId.trim() ? 'Identity droplet id must be a positive whole number' : 'Identity droplet id is required';
  }
  if (key === 'pollSeconds') {
    if (Number.isNaN(decimal(values.pollSeconds))) return 'Poll interval must be a number of seconds';
    return message.replace(/whole number of milliseconds/, 'number of seconds');
  }
  if (key === 'tokenLifetimeSeconds' && Number.isNaN(wholeNumber(values.tokenLifetimeSeconds))) return 'Token lifetime must be a whole number of seconds';
  return message;
}

/** A schema path (`claims.permissions.2`, `pollIntervalMs`) to the form field showing it. */
export function fieldFor(path: readonly string[]): FieldKey | null {
  const [head, sub] = path;
  if (head === 'claims') return sub === 'permissions' || sub === 'iss' || sub === 'sub' || sub === 'extra' ? sub : 'extra';
  if (head === 'pollIntervalMs') return 'pollSeconds';
  if (head === 'limits') return (LIMIT_KEYS as readonly string[]).includes(sub ?? '') ? (sub as LimitKey) : null;
  return (FIELD_KEYS as readonly string[]).includes(head ?? '') ? (head as FieldKey) : null;
}

/** Errors main sent back (bad_input or validation fields) on the form's fields; the rest stay with the notice. */
export function serverFieldErrors(error: IpcError): { errors: FieldErrors; unplaced: IpcError['fields'] } {
  const errors: FieldErrors = {};
  const unplaced: IpcError['fields'] = [];
  for (const f of error.fields) {
    const key = fieldFor(f.field.split('.'));
    if (!key) unplaced.push(f);
    else errors[key] ??= f.msg;
  }
  return { errors, unplaced };
}
