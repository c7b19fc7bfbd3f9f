import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { DropletView } from '../../../shared/model';
import type { FleetSnapshot } from '../../../shared/fleet-update';
import { call } from '../app/api';
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
      // Main records the details' heartbeats into the history: charts asked earlier are short
      // when that added any (not when the polls had recorded them all: a second chart fetch
      // and redraw on every selection).
      if (view.historyGrew ?? view.droplet.heartbeats.length > 0) void qc.invalidateQueries({ queryKey: queryKeys.history(view.droplet.id) });
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
