import { describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../electron/bridge';
import { EVENT_BATCH_CHANNEL, IPC_EVENT_NAMES, IPC_METHOD_NAMES, eventChannel, isEventName, methodChannel, ipcEvents, ipcMethods } from '../../../shared/ipc-contract';

function setup() {
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
  const listeners = new Map<string, (payload: unknown) => void>();
  const unsubscribe = vi.fn();
  const subscribe = vi.fn((channel: string, listener: (payload: unknown) => void) => {
    listeners.set(channel, listener);
    return unsubscribe;
  });
  const reported: unknown[] = [];
  return { bridge: buildBridge(invoke, subscribe, (e) => void reported.push(e)), invoke, subscribe, unsubscribe, listeners, reported };
}

describe('buildBridge', () => {
  it('has exactly the contract’s methods and `on`, nothing else', () => {
    const { bridge } = setup();
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(ipcMethods), 'on'].sort());
    expect(IPC_METHOD_NAMES.length).toBeGreaterThan(0);
    for (const name of ['invoke', 'send', 'ipcRenderer', 'sendSync', 'postMessage']) expect(name in bridge).toBe(false);
  });

  it('is frozen', () => {
    const { bridge } = setup();
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends each method on its own channel with the input untouched', async () => {
    const { bridge, invoke } = setup();
    for (const m of IPC_METHOD_NAMES) {
      const fn = bridge[m] as (input?: unknown) => Promise<unknown>;
      await expect(fn({ probe: m })).resolves.toEqual({ ok: true, value: { channel: methodChannel(m), input: { probe: m } } });
    }
    expect(invoke).toHaveBeenCalledTimes(IPC_METHOD_NAMES.length);
    expect(new Set(invoke.mock.calls.map(([c]) => c))).toEqual(new Set(IPC_METHOD_NAMES.map(methodChannel)));
  });

  it('subscribes to exactly the contract’s events and passes only the payload', () => {
    const { bridge, subscribe, listeners, unsubscribe } = setup();
    expect([...IPC_EVENT_NAMES].sort()).toEqual(Object.keys(ipcEvents).sort());
    const got: unknown[] = [];
    for (const e of IPC_EVENT_NAMES) {
      const off = bridge.on(e, (payload: unknown) => got.push(payload));
      listeners.get(eventChannel(e))!({ from: e });
      off();
    }
    // Each event's own channel, and the batch channel once.
    expect(subscribe.mock.calls.map(([c]) => c).filter((c) => c !== EVENT_BATCH_CHANNEL)).toEqual(IPC_EVENT_NAMES.map(eventChannel));
    expect(subscribe.mock.calls.filter(([c]) => c === EVENT_BATCH_CHANNEL)).toHaveLength(1);
    expect(got).toEqual(IPC_EVENT_NAMES.map((e) => ({ from: e })));
    expect(unsubscribe).toHaveBeenCalledTimes(IPC_EVENT_NAMES.length);
  });

  it('hands each event of a batch to that event’s listeners, in order, and ignores what is not an event', () => {
    const { bridge, listeners, reported } = setup();
    const got: unknown[] = [];
    bridge.on('statusChanged', (p) => got.push(['status', p]));
    const offProblems = bridge.on('problemsChanged', (p) => got.push(['problems', p]));
    const batch = listeners.get(EVENT_BATCH_CHANNEL)!;
    batch([['statusChanged', { dropletId: 1 }], ['nope', {}], ['problemsChanged', { count: 2 }], 'junk', ['statusChanged', { dropletId: 2 }]]);
    expect(got).toEqual([['status', { dropletId: 1 }], ['problems', { count: 2 }], ['status', { dropletId: 2 }]]);
    batch({ not: 'a list' });
    offProblems();
    // A listener that throws does not cost the rest of the batch; its error is still reported.
    bridge.on('keepAliveChanged', () => {
      throw new Error('listener broke');
    });
    batch([['keepAliveChanged', []], ['statusChanged', { dropletId: 3 }]]);
    expect(got.pop()).toEqual(['status', { dropletId: 3 }]);
    expect(reported).toEqual([new Error('listener broke')]);
    batch([['problemsChanged', { count: 3 }]]);
    expect(got).toHaveLength(3);
  });

  it('refuses unknown events and non-function listeners without subscribing', () => {
    const { bridge, subscribe } = setup();
    const on = bridge.on as (event: unknown, listener: unknown) => () => void;
    for (const bad of ['nope', 'steward:event:statusChanged', '__proto__', 'constructor', '', 42, null]) {
      expect(() => on(bad, () => undefined)).toThrow(/Unknown Steward event/);
    }
    expect(() => on('statusChanged', 'not a function')).toThrow(/must be a function/);
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('isEventName knows exactly the contract’s events', () => {
    for (const e of IPC_EVENT_NAMES) expect(isEventName(e)).toBe(true);
    expect(isEventName('toString')).toBe(false);
    expect(isEventName('hasOwnProperty')).toBe(false);
  });
});
