import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ExtraMetricSample } from '../../../shared/model';
import { call } from '../app/api';
import { queryKeys } from './query-keys';
import { usePollIntervalMs } from './useAppInfo';

/**
 * One metric beyond the charted four over the last `rangeMs`, oldest first: what main kept of
 * it while Steward runs. Polled like the history it rides with.
 */
export function useExtraMetric(id: number, metric: string, rangeMs: number) {
  const pollMs = usePollIntervalMs();
  return useQuery({
    queryKey: [...queryKeys.extraMetric(id, metric), rangeMs] as const,
    queryFn: async (): Promise<ExtraMetricSample[]> => {
      const samples = await call('getExtraMetric', { id, metric, sinceMs: Date.now() - rangeMs });
      return [...samples].sort((a, b) => a.t - b.t);
    },
    refetchInterval: pollMs,
    // Switching range keeps the old curve until the new one arrives; another droplet's or metric's does not stand in.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === id && prevQuery.queryKey[3] === metric ? keepPreviousData(prev) : undefined),
  });
}
