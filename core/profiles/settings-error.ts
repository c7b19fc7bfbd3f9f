/**
 * Failures of Steward's own settings (profiles, keys), as opposed to the Orchestrator's:
 * plain words and a hint, mapped to an IpcError like every other failure.
 */
import { ipcError, type ErrorKind, type IpcError } from '../../shared/ipc-contract';
import { toIpcError } from '../orchestrator/errors';

export type SettingsErrorKind = Extract<ErrorKind, 'not_found' | 'validation' | 'bad_input' | 'auth' | 'internal'>;

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(
    readonly kind: SettingsErrorKind,
    message: string,
    readonly hint: string | null = null,
    /** Form fields the problem is about, e.g. `name`. */
    readonly fields: { field: string; msg: string }[] = [],
  ) {
    super(message);
  }
}

/** toIpcError, knowing SettingsError too. */
export function appIpcError(e: unknown): IpcError {
  if (!(e instanceof SettingsError)) return toIpcError(e);
  const fields = e.fields.map((f) => ({ loc: f.field.split('.'), msg: f.msg, type: 'value_error', field: f.field }));
  return ipcError({ kind: e.kind, message: e.message, hint: e.hint, fields });
}
