/**
 * With polls failing, the fleet poll eases off no further than the liveness grace (a late
 * droplet is still seen in time), and a successful details call to the same Orchestrator ends
 * the backoff. Real fleet query options on query-core with fake timers, a stand-in for preload.
 */
import { environmentManager, hashKey, MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { FleetUpdate } from '../../../../shared/fleet-update';
import type { IpcResult } from '../../../../shared/ipc-contract';
import { fleetQueryOptions, resetBackoffOnOrchestratorAnswers } from '../../../../renderer/src/queries/useFleet';
import { failureStreak } from '../../../../renderer/src/queries/poll-backoff';
import { queryKeys } from '../../../../renderer/src/queries/query-keys';

const SNAPSHOT: FleetUpdate = { base: null, droplets: [], patches: [], removed: [], total: 0, unreadable: [], fetchedAt: '2026-11-27T05:00:00.000Z', clockOffsetMs: 0, dialect: 'guide', traceId: null, sync: { stream: 's', version: 1 } };
const FAILED = { ok: false as const, error: { kind: 'server' as const, message: '503', hint: null, status: 503, traceId: null, fields: [], exchangeId: null } };
const INTERVAL_MS = 10_000;
const GRACE_MS = 15_000;

let pollTimes: number[] = [];
let failing = true;
const holder = globalThis as { window?: unknown };

beforeEach(() => {
  environmentManager.setIsServer(() => false);
  vi.useFakeTimers();
  pollTimes = [];
  failing = true;
  holder.window = {
    steward: {
      listDroplets: async (): Promise<IpcResult<FleetUpdate>> => {
        pollTimes.push(Date.now());
        return failing ? FAILED : { ok: true, value: SNAPSHOT };
      },
    },
  };
});
afterEach(() => {
  vi.useRealTimers();
  delete holder.window;
});

function observe(intervalMs = INTERVAL_MS) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const stopReset = resetBackoffOnOrchestratorAnswers(client);
  const observer = new QueryObserver(client, fleetQueryOptions({}, intervalMs, GRACE_MS));
  const unsubscribe = observer.subscribe(() => undefined);
  return { client, stop: () => (unsubscribe(), stopReset(), client.clear()) };
}

it('failing polls never wait longer than the liveness grace', async () => {
  const { stop } = observe();
  await vi.advanceTimersByTimeAsync(200_000);
  const gaps = pollTimes.slice(1).map((t, i) => t - pollTimes[i]!);
  expect(gaps.length).toBeGreaterThan(10);
  expect(Math.max(...gaps)).toBeLessThanOrEqual(GRACE_MS);
  expect(gaps.at(-1)).toBe(GRACE_MS); // it did back off, up to the cap
  stop();
});

it('a successful details call ends the backoff', async () => {
  const { client, stop } = observe(2_000);
  await vi.advanceTimersByTimeAsync(60_000);
  const fleet = hashKey(queryKeys.fleet({}));
  expect(failureStreak(fleet)).toBeGreaterThan(1);
  await client.fetchQuery({ queryKey: queryKeys.droplet(3), queryFn: async () => ({ id: 3 }) });
  expect(failureStreak(fleet)).toBe(0);
  // The poll already scheduled keeps its time; after it (failing again: one in a row) the wait is 2 x 2 s, not the cap.
  const before = pollTimes.length;
  await vi.advanceTimersByTimeAsync(GRACE_MS + 10);
  expect(pollTimes.length).toBe(before + 1);
  await vi.advanceTimersByTimeAsync(4_000 + 10);
  expect(pollTimes.length).toBe(before + 2);
  expect(pollTimes.at(-1)! - pollTimes.at(-2)!).toBe(4_000);
  stop();
});

it('a successful heartbeat or registration ends the backoff too; other mutations do not', async () => {
  const { client, stop } = observe(2_000);
  await vi.advanceTimersByTimeAsync(60_000);
  const fleet = hashKey(queryKeys.fleet({}));
  expect(failureStreak(fleet)).toBeGreaterThan(1);
  // A local mutation (a profile saved) says nothing about the Orchestrator.
  await new MutationObserver(client, { mutationFn: async () => 'saved' }).mutate();
  expect(failureStreak(fleet)).toBeGreaterThan(1);
  await new MutationObserver(client, { mutationKey: queryKeys.orchestratorWrite, mutationFn: async () => 'acknowledged' }).mutate();
  expect(failureStreak(fleet)).toBe(0);
  stop();
});
