/** Status changes pushed by main (the Orchestrator's WebSocket) patch the cached fleet at once. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { FleetSnapshot } from '../../../shared/fleet-update';
import type { StatusChange } from '../../../shared/model';
import { isScrolling } from '../stores/scrolling';
import { applyStatusChanges } from './fleet-cache';
import { queryKeys } from './keys';

/**
 * Changes are applied in batches at most this often: a large fleet pushes several a second,
 * and each cache update re-judges and re-sorts the whole table (~20 ms at 10,000 droplets).
 */
export const LIVE_BATCH_MS = 500;
/** Longest pushed changes (and poll answers) are held back while the table scrolls. */
export const SCROLL_HOLD_MAX_MS = 3_000;

export function useLiveStatus(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    let pending: StatusChange[] = [];
    let firstPendingAt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      timer = null;
      // While the table scrolls, changes wait (a frame never carries both), a few seconds at most.
      if (isScrolling() && Date.now() - firstPendingAt < SCROLL_HOLD_MAX_MS) {
        timer = setTimeout(flush, LIVE_BATCH_MS);
        return;
      }
      const changes = pending;
      pending = [];
      queryClient.setQueriesData<FleetSnapshot>({ queryKey: queryKeys.fleetAll }, (snapshot) =>
        snapshot ? applyStatusChanges(snapshot, changes) : snapshot,
      );
      for (const id of new Set(changes.map((c) => c.dropletId))) void queryClient.invalidateQueries({ queryKey: queryKeys.droplet(id) });
    };
    const off = window.steward.on('statusChanged', (change) => {
      if (pending.length === 0) firstPendingAt = Date.now();
      pending.push(change);
      timer ??= setTimeout(flush, LIVE_BATCH_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [queryClient]);
}
