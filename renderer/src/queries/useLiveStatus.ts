/** Status changes pushed by main (the Orchestrator's WebSocket) patch the cached fleet at once. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { FleetSnapshot } from '../../../shared/fleet-update';
import type { StatusChange } from '../../../shared/model';
import { applyStatusChanges } from './fleet-cache';
import { queryKeys } from './keys';

/**
 * Changes are applied in batches at most this often: a large fleet pushes several a second,
 * and each cache update re-judges and re-sorts the whole table (~20 ms at 10,000 droplets).
 */
export const LIVE_BATCH_MS = 500;

export function useLiveStatus(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    let pending: StatusChange[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      timer = null;
      const changes = pending;
      pending = [];
      queryClient.setQueriesData<FleetSnapshot>({ queryKey: queryKeys.fleetAll }, (snapshot) =>
        snapshot ? applyStatusChanges(snapshot, changes) : snapshot,
      );
      for (const id of new Set(changes.map((c) => c.dropletId))) void queryClient.invalidateQueries({ queryKey: queryKeys.droplet(id) });
    };
    const off = window.steward.on('statusChanged', (change) => {
      pending.push(change);
      timer ??= setTimeout(flush, LIVE_BATCH_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [queryClient]);
}
