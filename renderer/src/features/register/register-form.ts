/** Pure logic of the register form: its values, client validation, and where server errors land. */
import type { IpcError } from '../../../../shared/ipc-contract';
import { RegistrationSchema, type DropletDetails, type Registration, type ReportableStatus } from '../../../../shared/model';
import { reportableStatus } from '../../domain/metrics';

export const FIELD_KEYS = ['id', 'name', 'steward', 'endpoint', 'capabilities', 'version', 'status'] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** What the inputs hold: text as typed, so a half-typed id is not lost to a number conversion. */
export interface FormValues {
  id: string;
  name: string;
  steward: string;
  endpoint: string;
  capabilities: string[];
  version: string;
  status: ReportableStatus | '';
}

export const EMPTY_FORM: FormValues = { id: '', name: '', steward: '', endpoint: '', capabilities: [], version: '', status: 'active' };

export function fromDroplet(d: DropletDetails): FormValues {
  return {
    id: String(d.id),
    name: d.name,
    steward: d.steward ?? '',
    endpoint: d.endpoint ?? '',
    capabilities: [...d.capabilities],
    version: d.version ?? '',
    // A status a registration cannot carry (unknown) is left for the Orchestrator to decide.
    status: reportableStatus(d.status) ?? '',
  };
}

const ID_MESSAGE = 'ID must be a positive whole number';

export type Validation = { ok: true; registration: Registration } | { ok: false; errors: FieldErrors };

/** The values checked against RegistrationSchema, each problem on its field (the first one per field). */
export function validate(values: FormValues): Validation {
  const idText = values.id.trim();
  const result = RegistrationSchema.safeParse({
    // Only plain digits: Number() would also accept "1e3" or "0x10".
    id: /^\d+$/.test(idText) ? Number(idText) : Number.NaN,
    name: values.name,
    steward: values.steward.trim() || undefined,
    endpoint: values.endpoint.trim(),
    capabilities: values.capabilities,
    version: values.version.trim() || undefined,
    status: values.status || undefined,
  });
  if (result.success) return { ok: true, registration: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = toFieldKey(String(issue.path[0] ?? ''));
    if (!key || errors[key]) continue;
    if (key === 'id') errors.id = idText === '' ? 'ID is required' : ID_MESSAGE;
    else if (key === 'capabilities' && typeof issue.path[1] === 'number') errors.capabilities = `“${values.capabilities[issue.path[1]] ?? ''}”: ${issue.message}`;
    else errors[key] = issue.message;
  }
  return { ok: false, errors };
}

/** Names an Orchestrator may use for a form field in a 422, beyond the field's own name. */
const SERVER_ALIASES: Readonly<Record<string, FieldKey>> = { droplet_id: 'id' };

function toFieldKey(name: string): FieldKey | null {
  const alias = SERVER_ALIASES[name];
  if (alias) return alias;
  return (FIELD_KEYS as readonly string[]).includes(name) ? (name as FieldKey) : null;
}

/** A 422's field errors on the form's fields; those that name no field stay with the error notice. */
export function serverFieldErrors(error: IpcError): { errors: FieldErrors; unplaced: IpcError['fields'] } {
  const errors: FieldErrors = {};
  const unplaced: IpcError['fields'] = [];
  for (const f of error.fields) {
    // "capabilities.2" lands on capabilities.
    const key = toFieldKey(f.field.split('.')[0] ?? '');
    if (!key) unplaced.push(f);
    else errors[key] = errors[key] ? `${errors[key]}; ${f.msg}` : f.msg;
  }
  return { errors, unplaced };
}
