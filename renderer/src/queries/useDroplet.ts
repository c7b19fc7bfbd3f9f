import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { DropletView } from '../../../shared/model';
import type { FleetSnapshot } from '../../../shared/fleet-update';
import { call } from '../app/api';
import { refreshShortHistory } from './history-revision';
import { queryKeys } from './query-keys';
import { usePollIntervalMs } from './useAppInfo';

/**
 * One droplet as main tells it (details route, or the list standing in). While it loads,
 * what the fleet list already knows is shown at once, so selecting a droplet never blanks.
 */
export function useDroplet(id: number | null) {
  const qc = useQueryClient();
  const pollMs = usePollIntervalMs();
  return useQuery({
    queryKey: queryKeys.droplet(id ?? 0),
    queryFn: async () => {
      const view = await call('getDroplet', { id: id ?? 0 });
      refreshShortHistory(qc, view);
      return view;
    },
    enabled: id !== null && id > 0,
    refetchInterval: pollMs,
    placeholderData: () => (id === null ? undefined : fromFleetCache(qc, id)),
  });
}

/** The droplet from any cached fleet snapshot, shaped as a list-sourced view (no heartbeats yet). */
export function fromFleetCache(qc: QueryClient, id: number): DropletView | undefined {
  for (const [, snap] of qc.getQueriesData<FleetSnapshot>({ queryKey: queryKeys.fleetAll })) {
    const d = snap?.droplets.find((x) => x.id === id);
    if (d) return { droplet: { ...d, heartbeats: [] }, source: 'list', note: null, traceId: null };
  }
  return undefined;
}
