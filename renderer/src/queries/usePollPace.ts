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
