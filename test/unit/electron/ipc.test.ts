import { describe, expect, it, vi } from 'vitest';
import { FORBIDDEN_ERROR, registerIpc, sendManyToWindow, sendToWindow, type DispatchService, type InvokeEventLike, type IpcOptions, type WindowTarget } from '../../../electron/ipc';
import { WindowPushes } from '../../../core/app/window-pushes';
import { EVENT_BATCH_CHANNEL, IPC_METHOD_NAMES, eventChannel, methodChannel, type IpcEventName } from '../../../shared/ipc-contract';

const APP = 'file:///app/out/renderer/index.html';
type Handler = (event: InvokeEventLike, input: unknown) => Promise<unknown>;

function setup(extra: Partial<IpcOptions> = {}) {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((c: string, h: Handler) => void handlers.set(c, h)), removeHandler: vi.fn((c: string) => void handlers.delete(c)) };
  let emit: (event: IpcEventName, payload: unknown) => void = () => undefined;
  const unsubscribe = vi.fn();
  const service: DispatchService = {
    dispatch: vi.fn(async (method: string, input: unknown) => ({ ok: true as const, value: { method, input } })),
    onEvent: (listener) => {
      emit = listener;
      return unsubscribe;
    },
  };
  const sent: [string, unknown][] = [];
  const target: WindowTarget = { id: 7, isDestroyed: () => false, send: (c, p) => void sent.push([c, p]) };
  const log = vi.fn();
  const dispose = registerIpc({ ipcMain, service, appUrl: APP, getTarget: () => target, log, ...extra });
  return { handlers, ipcMain, service, sent, target, emit: (e: IpcEventName, p: unknown) => emit(e, p), dispose, unsubscribe, log };
}

const fromApp: InvokeEventLike = { sender: { id: 7 }, senderFrame: { url: APP, parent: null } };

describe('registerIpc', () => {
  it('registers one handler per contract method', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(IPC_METHOD_NAMES.map(methodChannel).sort());
  });

  it('passes a trusted call to the service', async () => {
    const { handlers, service } = setup();
    await expect(handlers.get(methodChannel('listDroplets'))!(fromApp, { status: 'error' })).resolves.toEqual({
      ok: true,
      value: { method: 'listDroplets', input: { status: 'error' } },
    });
    expect(service.dispatch).toHaveBeenCalledWith('listDroplets', { status: 'error' });
  });

  it('refuses other frames and other windows with a forbidden error, and logs it', async () => {
    const { handlers, service, log } = setup();
    const handler = handlers.get(methodChannel('getAppInfo'))!;
    const untrusted: InvokeEventLike[] = [
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: APP, parent: { url: APP, parent: null } } },
      { sender: { id: 7 }, senderFrame: null },
      { sender: { id: 8 }, senderFrame: { url: APP, parent: null } },
    ];
    for (const event of untrusted) await expect(handler(event, undefined)).resolves.toEqual({ ok: false, error: FORBIDDEN_ERROR });
    expect(service.dispatch).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(untrusted.length);
  });

  it('refuses every method from another window showing the app, and any call while Steward has no live window', async () => {
    const handlers = new Map<string, Handler>();
    const ipcMain = { handle: (c: string, h: Handler) => void handlers.set(c, h), removeHandler: (c: string) => void handlers.delete(c) };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    let target: WindowTarget | null = { id: 7, isDestroyed: () => false, send: () => undefined };
    registerIpc({ ipcMain, service: { dispatch, onEvent: () => () => undefined }, appUrl: APP, getTarget: () => target, log: () => undefined });
    // A second window loading the very same file: same URL, same main frame, other web contents.
    const otherWindow: InvokeEventLike = { sender: { id: 8 }, senderFrame: { url: APP, parent: null } };
    for (const method of IPC_METHOD_NAMES) await expect(handlers.get(methodChannel(method))!(otherWindow, undefined), method).resolves.toEqual({ ok: false, error: FORBIDDEN_ERROR });
    target = { id: 7, isDestroyed: () => true, send: () => undefined };
    await expect(handlers.get(methodChannel('listDroplets'))!(fromApp, {})).resolves.toEqual({ ok: false, error: FORBIDDEN_ERROR });
    target = null;
    await expect(handlers.get(methodChannel('listDroplets'))!(fromApp, {})).resolves.toEqual({ ok: false, error: FORBIDDEN_ERROR });
    expect(dispatch).not.toHaveBeenCalled();
    // The window back: its own calls pass again.
    target = { id: 7, isDestroyed: () => false, send: () => undefined };
    await handlers.get(methodChannel('listDroplets'))!(fromApp, {});
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('forwards the service’s events to the window on their channels', () => {
    const { emit, sent } = setup();
    emit('statusChanged', { dropletId: 3 });
    emit('bogus' as IpcEventName, {});
    expect(sent).toEqual([[eventChannel('statusChanged'), { dropletId: 3 }]]);
  });

  it('holds frequent events while the window is in the background, through the pushes it is given, and sends them as one message', () => {
    let pushes: WindowPushes | null = null;
    const { emit, sent, target } = setup({ pushes: { push: (e, p) => pushes!.push(e, p) } });
    pushes = new WindowPushes({ send: sendToWindow(() => target), sendMany: sendManyToWindow(() => target) });
    pushes.setBackground(true);
    emit('statusChanged', { dropletId: 3 });
    emit('bogus' as IpcEventName, {});
    emit('problemsChanged', { count: 1 });
    expect(sent).toEqual([]);
    pushes.setBackground(false);
    expect(sent).toEqual([[EVENT_BATCH_CHANNEL, [['statusChanged', { dropletId: 3 }], ['problemsChanged', { count: 1 }]]]]);
    emit('statusChanged', { dropletId: 4 });
    expect(sent[1]).toEqual([eventChannel('statusChanged'), { dropletId: 4 }]);
  });

  it('sends several events as one message on the batch channel, and nothing once the window is destroyed', () => {
    const sent: unknown[] = [];
    let destroyed = false;
    const target = () => ({ id: 1, isDestroyed: () => destroyed, send: (c: string, p: unknown) => void sent.push([c, p]) });
    sendManyToWindow(target)([['statusChanged', { dropletId: 3 }], ['problemsChanged', { count: 1 }]]);
    expect(sent).toEqual([[EVENT_BATCH_CHANNEL, [['statusChanged', { dropletId: 3 }], ['problemsChanged', { count: 1 }]]]]);
    destroyed = true;
    sendToWindow(target)('statusChanged', { dropletId: 3 });
    sendManyToWindow(target)([['statusChanged', { dropletId: 3 }]]);
    expect(sent).toHaveLength(1);
  });

  it('undoes everything on dispose', () => {
    const { dispose, handlers, unsubscribe } = setup();
    dispose();
    expect(handlers.size).toBe(0);
    expect(unsubscribe).toHaveBeenCalled();
  });
});
