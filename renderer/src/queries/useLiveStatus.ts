/**
 * Status changes pushed by main (the Orchestrator's WebSocket) patch the cached fleet at once.
 * They update rows, never the fleet's freshness: only a successful poll does (patchCachedFleets).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { StatusChange } from '../../../shared/model';
import { atNextTick } from '../state/clock';
import { isScrolling, SCROLL_HOLD_MAX_MS } from '../state/scrolling';
import { patchCachedFleets } from './fleet-cache';
import { queryKeys } from './query-keys';

/**
 * Changes are applied in batches, once a second at most, on the clock's tick: a large fleet
 * pushes several a second, and each batch is a render and a repaint of the table; on the tick,
 * the same frame also carries the "ago" texts. A change waits a second at most.
 */
export const LIVE_BATCH_MAX_MS = 1_000;

export function useLiveStatus(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    let pending: StatusChange[] = [];
    let firstPendingAt = 0;
    let cancel: (() => void) | null = null;
    const flush = (): void => {
      cancel = null;
      // While the table scrolls, changes wait (a frame never carries both), a few seconds at most.
      if (isScrolling() && Date.now() - firstPendingAt < SCROLL_HOLD_MAX_MS) {
        cancel = atNextTick(flush);
        return;
      }
      const changes = pending;
      pending = [];
      patchCachedFleets(queryClient, changes);
      for (const id of new Set(changes.map((c) => c.dropletId))) void queryClient.invalidateQueries({ queryKey: queryKeys.droplet(id) });
    };
    const off = window.steward.on('statusChanged', (change) => {
      if (pending.length === 0) firstPendingAt = Date.now();
      pending.push(change);
      cancel ??= atNextTick(flush);
    });
    return () => {
      off();
      cancel?.();
    };
  }, [queryClient]);
}
