/**
 * Status changes pushed by main (the Orchestrator's WebSocket) patch the cached fleet at once.
 * They update rows, never the fleet's freshness: only a successful poll does (patchCachedFleets).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { StatusChange } from '../../../shared/model';
import { batchOnTick } from '../state/clock';
import { patchCachedFleets } from './fleet-cache';
import { queryKeys } from './query-keys';

/**
 * Changes are applied in batches, once a second at most, on the clock's tick: a large fleet
 * pushes several a second, and each batch is a render and a repaint of the table; on the tick,
 * the same frame also carries the "ago" texts. A change waits a second at most in front (30 s in
 * the background), and while the table scrolls.
 */
export const LIVE_BATCH_MAX_MS = 1_000;

export function useLiveStatus(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    const changes = batchOnTick<StatusChange, StatusChange[]>(
      (batch, change) => {
        const list = batch ?? [];
        list.push(change);
        return list;
      },
      (batch) => {
        patchCachedFleets(queryClient, batch);
        for (const id of new Set(batch.map((c) => c.dropletId))) void queryClient.invalidateQueries({ queryKey: queryKeys.droplet(id) });
      },
    );
    const off = window.steward.on('statusChanged', (change) => changes.push(change));
    return () => {
      off();
      changes.cancel();
    };
  }, [queryClient]);
}
