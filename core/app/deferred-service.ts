/**
 * A stand-in for the app controller while it starts, so the window can open (and its page
 * load) at once instead of after the key pair, the sandbox and the profiles: calls made
 * before it is ready wait for it; listeners given before it is ready are attached to it.
 * If starting fails, every call answers that failure as an IpcError, never hangs.
 */
import { errorText } from '../../shared/error-text';
import { ipcError, type IpcResult } from '../../shared/ipc-contract';
import type { ServiceEventListener } from './events';

export interface Dispatcher {
  dispatch(method: string, input: unknown): Promise<IpcResult<unknown>>;
  onEvent(listener: ServiceEventListener): () => void;
}

export interface DeferredService extends Dispatcher {
  /** The real one is ready: waiting calls go to it, and so does everything after. */
  ready(real: Dispatcher): void;
  /** Starting failed: waiting and later calls answer this. */
  failed(error: unknown): void;
}

export function createDeferredService(): DeferredService {
  let settle!: (real: Dispatcher | IpcResult<never>) => void;
  const settled = new Promise<Dispatcher | IpcResult<never>>((resolve) => {
    settle = resolve;
  });
  let real: Dispatcher | null = null;
  let failure: IpcResult<never> | null = null;
  // Listeners given early, with what detaches them once attached.
  const early = new Map<ServiceEventListener, (() => void) | null>();

  return {
    async dispatch(method, input) {
      if (real) return real.dispatch(method, input);
      if (failure) return failure;
      const s = await settled;
      return 'dispatch' in s ? s.dispatch(method, input) : s;
    },
    onEvent(listener) {
      if (real) return real.onEvent(listener);
      early.set(listener, null);
      return () => {
        early.get(listener)?.();
        early.delete(listener);
      };
    },
    ready(r) {
      if (real || failure) return;
      real = r;
      for (const listener of early.keys()) early.set(listener, r.onEvent(listener));
      settle(r);
    },
    failed(error) {
      if (real || failure) return;
      failure = { ok: false, error: ipcError({ kind: 'internal', message: `Steward could not start: ${errorText(error)}` }) };
      settle(failure);
    },
  };
}
