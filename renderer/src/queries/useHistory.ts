import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Sample } from '../../../shared/model';
import { call } from '../app/api';
import { queryKeys } from './query-keys';
import { usePollIntervalMs } from './useAppInfo';

/**
 * A droplet's heartbeat samples over the last `rangeMs`, oldest first. Keyed under
 * `queryKeys.history(id)` so a sent heartbeat invalidates every range at once.
 */
export function useHistory(id: number, rangeMs: number) {
  const pollMs = usePollIntervalMs();
  return useQuery({
    queryKey: [...queryKeys.history(id), rangeMs] as const,
    queryFn: async (): Promise<Sample[]> => {
      const { samples } = await call('getHistory', { id, sinceMs: Date.now() - rangeMs });
      return [...samples].sort((a, b) => a.t - b.t);
    },
    refetchInterval: pollMs,
    // Switching range keeps the old curve until the new one arrives; switching droplet does not.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === id ? keepPreviousData(prev) : undefined),
  });
}
