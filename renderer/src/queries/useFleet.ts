/**
 * The fleet, polled. The previous snapshot stays on screen while a filter change loads and
 * when a poll fails (react-query keeps the last data beside the error), and polling goes on.
 */
import { hashKey, keepPreviousData, queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { mergeFleetUpdate, type FleetSnapshot } from '../../../shared/fleet-update';
import { useCallback } from 'react';
import type { Droplet, ListFilters } from '../../../shared/model';
import { call } from '../app/api';
import { SCROLL_HOLD_MAX_MS, whenScrollSettles } from '../state/scrolling';
import { countedPoll, failureStreak, MAX_POLL_BACKOFF_MS, nextPollDelayMs, pollBackoffMs, resetPollBackoff } from './poll-backoff';
import { keepPushesNewerThanAnswer, pushLog, type PushLog } from './fleet-cache';
import { queryKeys } from './query-keys';
import { useLiveness, usePollIntervalMs } from './useAppInfo';

/**
 * The fleet query's options (apart from the hook, so the polling can be tested without React).
 * `backoffCapMs`: the longest wait while polls fail (the window passes the liveness grace).
 */
export function fleetQueryOptions(filters: ListFilters, pollIntervalMs: number, backoffCapMs: number = MAX_POLL_BACKOFF_MS) {
  return queryOptions<FleetSnapshot>({
    queryKey: queryKeys.fleet(filters),
    queryFn: ({ queryKey, client }) => countedPoll(hashKey(queryKey), () => pollFleet(filters, client.getQueryData<FleetSnapshot>(queryKey))),
    // Counted from the last poll, not from the last cache change (pushed status changes patch
    // the cache between polls); eases off while polls fail (x2 each time, up to the cap).
    refetchInterval: (query) => nextPollDelayMs(query.queryHash, pollIntervalMs, query.state.fetchStatus === 'fetching', Date.now(), backoffCapMs),
    // Stewards glance at a window in the background; it must be current when they do.
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
    // Deep-comparing 10,000 droplets with the last poll costs ~30 ms a poll, and buys nothing:
    // some droplet has always changed, and rows compare what they show (FleetRowView's memo).
    structuralSharing: false,
  });
}

/**
 * Main answers only the droplets that changed since the copy this cache holds; merged here,
 * unchanged droplets keep their identity. Should the copy no longer be the one main answered
 * on top of, the whole list is asked for instead.
 */
export async function pollFleet(filters: ListFilters, held: FleetSnapshot | undefined, pushes: PushLog = pushLog): Promise<FleetSnapshot> {
  // Changes pushed while this poll is out patch the cache, which its answer then replaces.
  const mark = pushes.mark();
  const update = await call('listDroplets', { ...filters, ...(held ? { since: held.sync } : {}) });
  // A new answer re-places rows: it lands once the table stops scrolling (or a few seconds on).
  await whenScrollSettles(SCROLL_HOLD_MAX_MS);
  const merged = mergeFleetUpdate(held, update) ?? mergeFleetUpdate(undefined, await call('listDroplets', filters));
  if (!merged) throw new Error('The fleet answer without a base was not a whole list.');
  return keepPushesNewerThanAnswer(merged, pushes.since(mark));
}

/** The longest a failing fleet poll waits: the liveness grace, so a beat is seen before Steward calls it late. */
export function useFleetBackoffCapMs(): number {
  return useLiveness().graceSeconds * 1000;
}

const watched = new WeakSet<QueryClient>();

/**
 * A details answer, a heartbeat or a registration is the same Orchestrator answering: the fleet
 * polls' backoff ends with it (30 % of polls failing must not leave the fleet a minute old
 * while other calls succeed).
 */
export function resetBackoffOnOrchestratorAnswers(client: QueryClient): () => void {
  const stopQueries = client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success' && event.query.queryKey[0] === queryKeys.droplet(0)[0]) resetPollBackoff();
  });
  const stopMutations = client.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success' && event.mutation.options.mutationKey?.[0] === queryKeys.orchestratorWrite[0]) resetPollBackoff();
  });
  return () => {
    stopQueries();
    stopMutations();
  };
}

export function useFleet(filters: ListFilters) {
  const client = useQueryClient();
  if (!watched.has(client)) {
    // Once per client, for the window's life: it is the same cache whichever view polls.
    watched.add(client);
    resetBackoffOnOrchestratorAnswers(client);
  }
  return useQuery(fleetQueryOptions(filters, usePollIntervalMs(), useFleetBackoffCapMs()));
}

/**
 * The one copy of the fleet Steward shows: the whole list, polled. The table filters it here
 * (fleet-rows' rowFilter), so the status counts, the table's "N of M" and its rows all come
 * from the same poll and never disagree; a second, server-filtered copy polled apart did.
 */
export function useWholeFleet() {
  return useFleet({});
}

/**
 * One droplet as the fleet copy holds it, which is what its row shows (undefined when the
 * copy does not hold it). Views beside the table take liveness from here so they agree with it.
 */
export function useFleetDroplet(id: number): Droplet | undefined {
  const select = useCallback((snapshot: FleetSnapshot) => snapshot.droplets.find((d) => d.id === id), [id]);
  return useQuery({ ...fleetQueryOptions({}, usePollIntervalMs(), useFleetBackoffCapMs()), select }).data;
}

/** When the fleet is polled next, in ms from its last answer: the interval, stretched while polls fail. */
export function useWholeFleetPollMs(): number {
  return pollBackoffMs(usePollIntervalMs(), failureStreak(hashKey(queryKeys.fleet({}))), useFleetBackoffCapMs());
}
