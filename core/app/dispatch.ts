/**
 * The IPC boundary in main: check the method name and input against the contract, run the
 * handler, check its output, and turn every failure into an IpcError value. Never throws,
 * so nothing (no stack trace, no file path) crosses to the renderer by accident.
 */
import type { z } from 'zod';
import { ipcError, ipcMethods, isIpcMethod, type AppHandlers, type IpcError, type ShellHandlers, type IpcMethodName, type IpcResult } from '../../shared/ipc-contract';
import { toIpcError } from '../orchestrator/errors';

export type Dispatch = (method: string, input: unknown) => Promise<IpcResult<unknown>>;

/**
 * `handlers` may cover part of the contract (a profile's service answers only its methods);
 * `mapError` lets a caller name its own error types before the generic mapping.
 * An answer is checked against the contract's output schema unless its entry says `trustedOutput`.
 */
export function createDispatch(handlers: Partial<AppHandlers & ShellHandlers>, mapError: (e: unknown) => IpcError = toIpcError): Dispatch {
  return async (method, input) => {
    const handler = isIpcMethod(method) ? (handlers[method] as ((input: unknown) => Promise<unknown>) | undefined) : undefined;
    if (!isIpcMethod(method) || !handler) {
      return { ok: false, error: badInput(`Steward has no method "${String(method)}".`, []) };
    }
    const spec = ipcMethods[method];
    const parsed = (spec.input as z.ZodType).safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const fields = issues.map((i) => {
        const loc = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
        return { loc, msg: i.message, type: i.code, field: loc.join('.') };
      });
      const words = fields.map((f) => (f.field ? `${f.field}: ${f.msg}` : f.msg)).join('; ');
      return { ok: false, error: badInput(`Invalid input for ${method}: ${words}.`, fields) };
    }
    let value: unknown;
    try {
      value = await handler(parsed.data);
    } catch (e) {
      return { ok: false, error: mapError(e) };
    }
    if (trustsOutput(spec)) return { ok: true, value };
    const checked = (spec.output as z.ZodType).safeParse(value);
    if (!checked.success) {
      const where = checked.error.issues.map((i) => i.path.map(String).join('.') || '(root)').slice(0, 5).join(', ');
      return { ok: false, error: ipcError({ kind: 'internal', message: `Steward's answer to ${method} did not fit its own contract (at ${where}). This is a bug in Steward.` }) };
    }
    return { ok: true, value: checked.data };
  };
}

function trustsOutput(spec: (typeof ipcMethods)[IpcMethodName]): boolean {
  return 'trustedOutput' in spec && spec.trustedOutput;
}

function badInput(message: string, fields: IpcError['fields']): IpcError {
  return ipcError({ kind: 'bad_input', message, fields });
}
