/**
 * The renderer's only way to main: `window.steward`, exposed by preload from the IPC
 * contract. Each call answers an IpcResult; `call` turns failures into a thrown StewardError
 * so react-query sees ordinary rejections that still carry the typed error.
 */
import { errorText } from '../../../shared/error-text';
import { ipcError, type IpcError, type IpcMethodName, type MethodInput, type MethodOutput, type StewardBridge } from '../../../shared/ipc-contract';

declare global {
  interface Window {
    steward: StewardBridge;
  }
}

export class StewardError extends Error {
  override readonly name = 'StewardError';
  constructor(readonly detail: IpcError) {
    super(detail.message);
  }
}

export function bridge(): StewardBridge {
  if (!window.steward) throw new StewardError(ipcError({ kind: 'internal', message: 'Steward’s connection to its main process is missing.', hint: 'Restart Steward.' }));
  return window.steward;
}

export async function call<M extends IpcMethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>> {
  const fn = bridge()[method] as (input?: MethodInput<M>) => Promise<{ ok: true; value: MethodOutput<M> } | { ok: false; error: IpcError }>;
  const result = await fn(input);
  if (!result.ok) throw new StewardError(result.error);
  return result.value;
}

/** The typed error behind any failure, for display. */
export function errorDetail(e: unknown): IpcError {
  if (e instanceof StewardError) return e.detail;
  return ipcError({ kind: 'internal', message: errorText(e) });
}
