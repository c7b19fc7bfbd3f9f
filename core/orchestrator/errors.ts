/**
 * The one error type the Orchestrator client throws, and the mapping of any failure to the
 * IpcError that crosses to the renderer (plain words, a hint, never a stack trace).
 */
import { ipcError, type ErrorKind, type IpcError } from '../../shared/ipc-contract';
import { fieldPath, WireFormatError, type FieldError } from '../../shared/udc';
import { KeyError } from '../signing/keys';

export type OrchestratorErrorKind = Exclude<ErrorKind, 'bad_input' | 'internal'>;

export interface OrchestratorErrorInit {
  kind: OrchestratorErrorKind;
  message: string;
  hint?: string | null;
  status?: number | null;
  traceId?: string | null;
  exchangeId?: number | null;
  fields?: FieldError[];
  /** The server's own words, when it gave any. */
  detail?: string | null;
}

export class OrchestratorError extends Error {
  override readonly name = 'OrchestratorError';
  readonly kind: OrchestratorErrorKind;
  readonly hint: string | null;
  readonly status: number | null;
  readonly traceId: string | null;
  readonly exchangeId: number | null;
  readonly fields: FieldError[];
  readonly detail: string | null;

  constructor(init: OrchestratorErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.hint = init.hint ?? null;
    this.status = init.status ?? null;
    this.traceId = init.traceId ?? null;
    this.exchangeId = init.exchangeId ?? null;
    this.fields = init.fields ?? [];
    this.detail = init.detail ?? null;
  }

  /** The same error with more context (e.g. after a retry changed the exchange). */
  with(changes: Partial<OrchestratorErrorInit>): OrchestratorError {
    return new OrchestratorError({ ...this.init(), ...changes });
  }

  /** The fields it was made from (plain data, e.g. to cross from a worker thread). */
  init(): OrchestratorErrorInit {
    const { kind, message, hint, status, traceId, exchangeId, fields, detail } = this;
    return { kind, message, hint, status, traceId, exchangeId, fields, detail };
  }
}

export function isOrchestratorError(e: unknown, ...kinds: OrchestratorErrorKind[]): e is OrchestratorError {
  return e instanceof OrchestratorError && (kinds.length === 0 || kinds.includes(e.kind));
}

/** Every failure as an IpcError. Unknown errors say only that something went wrong inside. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof OrchestratorError) {
    const { kind, message, hint, status, traceId, exchangeId } = e;
    const fields = e.fields.map((f) => ({ loc: f.loc, msg: f.msg, type: f.type, field: fieldPath(f.loc) }));
    return ipcError({ kind, message, hint, status, traceId, fields, exchangeId });
  }
  if (e instanceof KeyError) {
    return ipcError({ kind: 'auth', message: e.message, hint: 'Choose an unencrypted PEM private key (RSA 2048+ or EC P-256) in the profile settings.' });
  }
  if (e instanceof WireFormatError) {
    return ipcError({ kind: 'malformed', message: `Steward could not read the Orchestrator's answer: ${e.message}` });
  }
  return ipcError({ kind: 'internal', message: 'Something went wrong inside Steward. The communications log may show more.' });
}
