/** Main-to-renderer events fanned out to whoever listens (the IPC wiring, tests). */
import type { IpcEventName } from '../../shared/ipc-contract';

export type ServiceEventListener = (event: IpcEventName, payload: unknown) => void;

export interface EventHub {
  emit(event: IpcEventName, payload: unknown): void;
  /** Returns the unsubscribe. */
  on(listener: ServiceEventListener): () => void;
  clear(): void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<ServiceEventListener>();
  return {
    emit(event, payload) {
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch {
          // One broken listener must not silence the others.
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
