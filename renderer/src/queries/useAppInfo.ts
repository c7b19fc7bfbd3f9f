/** The active profile and its settings, from main. */
import { useQuery } from '@tanstack/react-query';
import { DEFAULT_LIVENESS, type AppInfo, type LivenessSettings } from '../../../shared/model';
import { call } from '../api';
import { queryKeys } from './keys';

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

export function usePollIntervalMs(): number {
  return useAppInfo().data?.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
}
