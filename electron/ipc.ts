/**
 * IPC wiring: one `handle` per contract method, each checking the sender and passing the
 * input straight to the service (which validates it and never throws), and the service's
 * events forwarded to the window. Electron objects come in as narrow interfaces so this
 * runs under test without Electron.
 */
import { EVENT_BATCH_CHANNEL, IPC_METHOD_NAMES, eventChannel, ipcError, isEventName, isShellMethod, methodChannel, type IpcError, type IpcEventName, type IpcResult } from '../shared/ipc-contract';
import { isTrustedSender, type SenderFrame } from './sender';

/** The part of the core service the shell uses. */
export interface DispatchService {
  dispatch(method: string, input: unknown): Promise<IpcResult<unknown>>;
  onEvent(listener: (event: IpcEventName, payload: unknown) => void): () => void;
}

export interface InvokeEventLike {
  readonly senderFrame: SenderFrame | null;
  readonly sender: { readonly id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WindowTarget {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  service: DispatchService;
  /** The URL the window loads; only frames showing it may call. */
  appUrl: string;
  /** Steward's window's web contents, when there is one. */
  getTarget(): WindowTarget | null;
  /** Answers the shell's own methods (setTheme); the service answers the rest. */
  shell?: DispatchService['dispatch'];
  /**
   * Where the service's events go on their way to the window; straight to it when absent. Main
   * passes a WindowPushes (core/app/window-pushes.ts) over `sendToWindow` and
   * `sendManyToWindow`, which holds the frequent ones while the window is in the background.
   */
  pushes?: { push(event: IpcEventName, payload: unknown): void };
  log?(message: string): void;
}

/** Sends an event to the window, if there is one. */
export function sendToWindow(getTarget: () => WindowTarget | null): (event: IpcEventName, payload: unknown) => void {
  return (event, payload) => {
    const target = getTarget();
    if (target && !target.isDestroyed()) target.send(eventChannel(event), payload);
  };
}

/** Sends several events to the window as one message, if there is one (preload fans them out). */
export function sendManyToWindow(getTarget: () => WindowTarget | null): (events: [IpcEventName, unknown][]) => void {
  return (events) => {
    const target = getTarget();
    if (target && !target.isDestroyed()) target.send(EVENT_BATCH_CHANNEL, events);
  };
}

export const FORBIDDEN_ERROR: IpcError = ipcError({ kind: 'forbidden', message: 'This request did not come from Steward’s own window, so it was refused.' });

/** Registers the handlers and event forwarding; returns what undoes both. */
export function registerIpc(opts: IpcOptions): () => void {
  const log = opts.log ?? ((m: string) => console.warn(m));
  for (const method of IPC_METHOD_NAMES) {
    opts.ipcMain.handle(methodChannel(method), async (event, input) => {
      const target = opts.getTarget();
      const fromOurWindow = target !== null && !target.isDestroyed() && event.sender.id === target.id;
      if (!fromOurWindow || !isTrustedSender(event.senderFrame, opts.appUrl)) {
        log(`Refused IPC ${method} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
        return { ok: false, error: FORBIDDEN_ERROR } satisfies IpcResult<never>;
      }
      if (opts.shell && isShellMethod(method)) return opts.shell(method, input);
      return opts.service.dispatch(method, input);
    });
  }
  const pushes = opts.pushes;
  const forward = pushes ? (e: IpcEventName, p: unknown) => pushes.push(e, p) : sendToWindow(opts.getTarget);
  const unsubscribe = opts.service.onEvent((event, payload) => {
    if (isEventName(event)) forward(event, payload);
  });
  return () => {
    unsubscribe();
    for (const method of IPC_METHOD_NAMES) opts.ipcMain.removeHandler(methodChannel(method));
  };
}
