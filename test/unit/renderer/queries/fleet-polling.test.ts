/**
 * The fleet keeps being polled at its interval while pushed status changes patch the cached
 * fleet in between (react-query restarts its refetch timer on every cache change, so with a
 * chatty live feed a plain interval never elapsed and the table silently stopped polling).
 * Runs the real fleet query options on query-core with fake timers, a stand-in for preload.
 */
import { environmentManager, QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FleetSnapshot, FleetUpdate } from '../../../../shared/fleet-update';
import type { IpcResult } from '../../../../shared/ipc-contract';
import { fleetQueryOptions } from '../../../../renderer/src/queries/useFleet';
import { queryKeys } from '../../../../renderer/src/queries/query-keys';
import { patchCachedFleets } from '../../../../renderer/src/queries/fleet-cache';

const SNAPSHOT: FleetUpdate = { base: null, droplets: [], patches: [], removed: [], total: 0, unreadable: [], fetchedAt: '2026-11-27T05:00:00.000Z', clockOffsetMs: 0, dialect: 'guide', traceId: null, sync: { stream: 's', version: 1 } };

let polls = 0;
let failing = false;
const holder = globalThis as { window?: unknown };

beforeEach(() => {
  // A browser, as far as react-query is concerned (it schedules no timers on a server).
  environmentManager.setIsServer(() => false);
  vi.useFakeTimers();
  polls = 0;
  failing = false;
  holder.window = {
    steward: {
      listDroplets: async (): Promise<IpcResult<FleetUpdate>> => {
        polls++;
        return failing
          ? { ok: false, error: { kind: 'server', message: '503', hint: null, status: 503, traceId: null, fields: [], exchangeId: null } }
          : { ok: true, value: { ...SNAPSHOT, total: polls } };
      },
    },
  };
});
afterEach(() => {
  vi.useRealTimers();
  delete holder.window;
});

function observe(filters: { status?: 'active' }, intervalMs: number) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const observer = new QueryObserver(client, fleetQueryOptions(filters, intervalMs));
  const unsubscribe = observer.subscribe(() => undefined);
  return { client, stop: () => (unsubscribe(), client.clear()) };
}

describe('fleet polling', () => {
  it('polls every interval while status changes patch the cache more often than that', async () => {
    const { client, stop } = observe({}, 1_000);
    await vi.advanceTimersByTimeAsync(10);
    expect(polls).toBe(1);
    // A pushed status change every 200 ms for 10 s, as a busy 10,000-droplet fleet sends them.
    for (let i = 0; i < 50; i++) {
      client.setQueryData<FleetSnapshot>(queryKeys.fleet({}), (s) => (s ? { ...s, droplets: [...s.droplets] } : s));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(polls).toBeGreaterThanOrEqual(10);
    expect(polls).toBeLessThanOrEqual(12);
    stop();
  });

  it('backs off while polls fail and returns to the interval after a success', async () => {
    const { stop } = observe({ status: 'active' }, 1_000);
    await vi.advanceTimersByTimeAsync(10);
    failing = true;
    await vi.advanceTimersByTimeAsync(1_000); // fails: next in 2 s
    expect(polls).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000); // fails: next in 4 s
    expect(polls).toBe(3);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(polls).toBe(3); // still waiting
    failing = false;
    await vi.advanceTimersByTimeAsync(1_000); // succeeds
    expect(polls).toBe(4);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(polls).toBe(5); // back to every second
    stop();
  });

  it('a status pushed while a poll is out survives that poll’s older answer', async () => {
    const silent = { id: 107, name: 'd-107', steward: 'ops', endpoint: 'http://x', capabilities: [], status: 'active' as const, version: null, lastHeartbeat: '2026-11-27T04:59:00.000Z', registeredAt: null, latestMetrics: null };
    let answerSecond: (v: IpcResult<FleetUpdate>) => void = () => undefined;
    let call = 0;
    (holder.window as { steward: { listDroplets: () => Promise<IpcResult<FleetUpdate>> } }).steward.listDroplets = () => {
      call++;
      if (call === 1) return Promise.resolve({ ok: true, value: { ...SNAPSHOT, droplets: [silent], total: 1 } });
      // The second poll's answer was read before the Orchestrator flipped 107: no change in it.
      return new Promise((resolve) => (answerSecond = resolve));
    };
    const { client, stop } = observe({}, 1_000);
    await vi.advanceTimersByTimeAsync(1_010);
    expect(call).toBe(2);
    patchCachedFleets(client, [{ dropletId: 107, oldStatus: 'active', newStatus: 'inactive', changedAt: '2026-11-27T05:00:30.000Z' }]);
    answerSecond({ ok: true, value: { ...SNAPSHOT, base: SNAPSHOT.sync, total: 1, sync: { stream: 's', version: 2 } } });
    await vi.advanceTimersByTimeAsync(10);
    expect(client.getQueryData<FleetSnapshot>(queryKeys.fleet({}))?.droplets[0]?.status).toBe('inactive');
    stop();
  });
});
