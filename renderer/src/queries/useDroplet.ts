import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { DropletView } from '../../../shared/model';
import type { FleetSnapshot } from '../../../shared/fleet-update';
import { call } from '../app/api';
import { refreshShortHistory } from './history-revision';
import { queryKeys } from './query-keys';
import { usePollIntervalMs } from './useAppInfo';
import { useLayout } from '../state/layout';
import { useUi } from '../state/ui';

/**
 * One droplet as main tells it (details route, or the list standing in). While it loads,
 * what the fleet list already knows is shown at once, so selecting a droplet never blanks.
 */
export function useDroplet(id: number | null) {
  const qc = useQueryClient();
  const pollMs = usePollIntervalMs();
  return useQuery({
    ...dropletQuery(qc, id ?? 0),
    enabled: id !== null && id > 0,
    refetchInterval: pollMs,
    placeholderData: () => (id === null ? undefined : fromFleetCache(qc, id)),
  });
}

/** The details read: key and fetch, shared by the pane's query and the read started on selection. */
function dropletQuery(qc: QueryClient, id: number) {
  return {
    queryKey: queryKeys.droplet(id),
    queryFn: async (): Promise<DropletView> => {
      const view = await call('getDroplet', { id });
      refreshShortHistory(qc, view);
      return view;
    },
  };
}

/**
 * Starts reading a droplet's details the moment it is selected (from the table, the palette, a
 * notification...), before the pane renders: the details route is the slowest answer the pane
 * waits on, and main answers the pane's history asks after it.
 */
export function useDetailsReadOnSelect(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      useUi.subscribe((s, prev) => {
        if (s.selectedId === null || s.selectedId <= 0 || s.selectedId === prev.selectedId) return;
        // For the details pane, whose charts wait on the details in main (not while another
        // panel or a collapsed pane shows: those read them, if at all, as they mount).
        if (s.panel === 'details' && !useLayout.getState().paneCollapsed) void qc.prefetchQuery(dropletQuery(qc, s.selectedId));
      }),
    [qc],
  );
}

/** The droplet from any cached fleet snapshot, shaped as a list-sourced view (no heartbeats yet). */
export function fromFleetCache(qc: QueryClient, id: number): DropletView | undefined {
  for (const [, snap] of qc.getQueriesData<FleetSnapshot>({ queryKey: queryKeys.fleetAll })) {
    const d = snap?.droplets.find((x) => x.id === id);
    if (d) return { droplet: { ...d, heartbeats: [] }, source: 'list', note: null, traceId: null };
  }
  return undefined;
}
