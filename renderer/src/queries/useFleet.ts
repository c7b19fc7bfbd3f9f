/**
 * The fleet, polled. The previous snapshot stays on screen while a filter change loads and
 * when a poll fails (react-query keeps the last data beside the error), and polling goes on.
 */
import { hashKey, keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FleetSnapshot } from '../../../shared/ipc-contract';
import type { ListFilters } from '../../../shared/model';
import { call } from '../api';
import { useUi } from '../stores/ui';
import { serverFilters } from './fleet-filters';
import { countedPoll, failureStreak, pollBackoffMs } from './poll-backoff';
import { queryKeys } from './keys';
import { usePollIntervalMs } from './useAppInfo';

export function useFleet(filters: ListFilters) {
  const pollIntervalMs = usePollIntervalMs();
  return useQuery<FleetSnapshot>({
    queryKey: queryKeys.fleet(filters),
    queryFn: ({ queryKey }) => countedPoll(hashKey(queryKey), () => call('listDroplets', filters)),
    // Eases off while polls fail (x2 each time, up to 60 s); back to the interval on success.
    refetchInterval: (query) => pollBackoffMs(pollIntervalMs, failureStreak(query.queryHash)),
    // Stewards glance at a window in the background; it must be current when they do.
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
  });
}

/** The fleet as the table's current filters ask the Orchestrator for it. */
export function useFilteredFleet() {
  const status = useUi((s) => s.statusFilter);
  const capability = useUi((s) => s.capabilityFilter);
  return useFleet(serverFilters(status, capability));
}

/** When the table's fleet is polled next, in ms from its last answer: the interval, stretched while polls fail. */
export function useFilteredFleetPollMs(): number {
  const status = useUi((s) => s.statusFilter);
  const capability = useUi((s) => s.capabilityFilter);
  return pollBackoffMs(usePollIntervalMs(), failureStreak(hashKey(queryKeys.fleet(serverFilters(status, capability)))));
}

/** The whole fleet, unfiltered: the summary counts and the capability list come from it. */
export function useWholeFleet() {
  return useFleet({});
}
