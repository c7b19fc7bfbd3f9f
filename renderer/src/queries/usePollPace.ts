/**
 * The pace the fleet is polled at, as main judges it: every minute while the live feed
 * delivers status changes, the profile's interval otherwise (core/fleet/poll-pace.ts).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AppInfo, PollPace } from '../../../shared/model';
import { queryKeys } from './query-keys';
import { DEFAULT_POLL_INTERVAL_MS, useAppInfo } from './useAppInfo';

export function usePollPace(): PollPace {
  const info = useAppInfo().data;
  return info?.pollPace ?? { mode: 'polling', intervalMs: info?.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS };
}

/**
 * The latest instant Steward may call a droplet late from fleet data read at `dataUpdatedAt`.
 * At the live pace the next read is a minute away and beats made since are unknown (the feed
 * carries status changes, not beats), so lateness is judged as of the read itself: a droplet
 * whose beat was already older than interval + grace then is late at once, and none is called
 * late on the guess that it has not beaten since. Judged up to the grace past the read, every
 * droplet beating a little slower than the interval (60.2 s, or the simulated fleet's ±10 %)
 * was called late between reads and recovered at the next: ~2 % of the fleet every minute.
 * Unbounded when polling fast, where the next read comes within the grace.
 */
export function lateJudgedUntil(pace: PollPace, dataUpdatedAt: number): number {
  return pace.mode === 'live' && dataUpdatedAt > 0 ? dataUpdatedAt : Infinity;
}

/** Follows main's pace: the fast pace coming back polls at once (the feed may have missed changes). */
export function usePollPaceChanges(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    return window.steward.on('pollPaceChanged', (pace) => {
      queryClient.setQueryData<AppInfo>(queryKeys.appInfo, (info) => (info ? { ...info, pollPace: pace } : info));
      if (pace.mode === 'polling') void queryClient.refetchQueries({ queryKey: queryKeys.fleetAll, type: 'active' });
    });
  }, [queryClient]);
}
