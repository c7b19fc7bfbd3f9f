/** The active profile and its settings, from main. */
import { useQuery } from '@tanstack/react-query';
import type { AppInfo } from '../../../shared/model';
import { DEFAULT_LIVENESS, type LivenessSettings } from '../../../shared/liveness';
import { call } from '../app/api';
import { queryKeys } from './query-keys';

export const DEFAULT_POLL_INTERVAL_MS = 10_000;

export function useAppInfo() {
  return useQuery<AppInfo>({
    queryKey: queryKeys.appInfo,
    queryFn: () => call('getAppInfo'),
    staleTime: Infinity,
    // Until its first answer, app info is what the whole window waits on: keep asking.
    retry: true,
    retryDelay: 2_000,
  });
}

/** Steward's own late judgement for the active profile (defaults until app info answers). */
export function useLiveness(): LivenessSettings {
  return useAppInfo().data?.liveness ?? DEFAULT_LIVENESS;
}

/** How often the fleet is polled now: the pace main judges from the live feed (usePollPace). */
export function usePollIntervalMs(): number {
  const info = useAppInfo().data;
  return info?.pollPace.intervalMs ?? info?.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
}
