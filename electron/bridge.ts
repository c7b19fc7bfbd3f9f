/**
 * The object preload puts on `window.steward`, built from the contract alone: one function
 * per method and `on` for the contract's events. No generic invoke or send, so the renderer
 * can reach nothing the contract does not name. Pure, so it is tested without Electron.
 */
import { EVENT_BATCH_CHANNEL, IPC_METHOD_NAMES, eventChannel, isEventName, methodChannel, type IpcEventName, type StewardBridge } from '../shared/ipc-contract';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
/** Listen on a channel; returns the unsubscribe. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/** A listener's failure, reported without stopping the rest of a batch (default: thrown on its own, later). */
export type ListenerError = (error: unknown) => void;
const throwLater: ListenerError = (e) =>
  queueMicrotask(() => {
    throw e;
  });

export function buildBridge(invoke: Invoke, subscribe: Subscribe, onListenerError: ListenerError = throwLater): StewardBridge {
  const methods: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of IPC_METHOD_NAMES) {
    const channel = methodChannel(method);
    methods[method] = (input?: unknown) => invoke(channel, input);
  }
  // Listeners by event, for batches; the batch channel is heard from the first `on`.
  const byEvent = new Map<IpcEventName, Set<(payload: unknown) => void>>();
  let hearingBatches = false;
  const onBatch = (batch: unknown): void => {
    if (!Array.isArray(batch)) return;
    for (const entry of batch as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2 || !isEventName(entry[0])) continue;
      for (const l of byEvent.get(entry[0]) ?? []) {
        try {
          l(entry[1]);
        } catch (e) {
          // One listener's failure must not drop the rest of the batch.
          onListenerError(e);
        }
      }
    }
  };
  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`Unknown Steward event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('A Steward event listener must be a function.');
    // Wrap so the renderer's listener never sees Electron's IpcRendererEvent (it holds `sender`).
    const wrapped = (payload: unknown): void => (listener as (p: unknown) => void)(payload);
    const off = subscribe(eventChannel(event), wrapped);
    if (!hearingBatches) {
      hearingBatches = true;
      subscribe(EVENT_BATCH_CHANNEL, onBatch);
    }
    const set = byEvent.get(event) ?? new Set();
    set.add(wrapped);
    byEvent.set(event, set);
    return () => {
      off();
      set.delete(wrapped);
    };
  };
  // Frozen: the renderer cannot add or swap methods (contextBridge copies it anyway).
  return Object.freeze({ ...methods, on }) as unknown as StewardBridge;
}
