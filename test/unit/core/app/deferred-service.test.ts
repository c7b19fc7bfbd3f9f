import { describe, expect, it } from 'vitest';
import { createDeferredService, type Dispatcher } from '../../../../core/app/deferred-service';
import type { ServiceEventListener } from '../../../../core/app/events';

function fakeController(): Dispatcher & { emit: ServiceEventListener; calls: string[] } {
  const listeners = new Set<ServiceEventListener>();
  const calls: string[] = [];
  return {
    calls,
    dispatch: async (method) => {
      calls.push(method);
      return { ok: true, value: `answer to ${method}` };
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (event, payload) => {
      for (const l of listeners) l(event, payload);
    },
  };
}

describe('the deferred service (the window opens before the controller is ready)', () => {
  it('answers calls made while starting once the controller is ready, in order', async () => {
    const d = createDeferredService();
    const first = d.dispatch('getAppInfo', undefined);
    const second = d.dispatch('listDroplets', {});
    const real = fakeController();
    d.ready(real);
    expect(await first).toEqual({ ok: true, value: 'answer to getAppInfo' });
    expect(await second).toEqual({ ok: true, value: 'answer to listDroplets' });
    expect(await d.dispatch('getHistory', { id: 1 })).toEqual({ ok: true, value: 'answer to getHistory' });
    expect(real.calls).toEqual(['getAppInfo', 'listDroplets', 'getHistory']);
  });

  it('hands early listeners the controller\'s events, and stops when they unsubscribe', () => {
    const d = createDeferredService();
    const seen: unknown[] = [];
    const off = d.onEvent((event, payload) => seen.push([event, payload]));
    const real = fakeController();
    d.ready(real);
    real.emit('storageWarning', { warning: null });
    off();
    real.emit('storageWarning', { warning: 'disk full' });
    expect(seen).toEqual([['storageWarning', { warning: null }]]);
  });

  it('answers every call with the start-up failure in plain words when starting failed', async () => {
    const d = createDeferredService();
    const waiting = d.dispatch('getAppInfo', undefined);
    d.failed(new Error('port in use'));
    for (const r of [await waiting, await d.dispatch('listDroplets', {})]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'internal', message: 'Steward could not start: port in use' });
    }
  });
});
