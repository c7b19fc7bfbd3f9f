import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HistoryView, Sample } from '../../../shared/model';
import { call } from '../app/api';
import { queryKeys } from './query-keys';
import { usePollIntervalMs } from './useAppInfo';

/**
 * What Steward's history holds for a droplet over the last `rangeMs`: samples oldest first,
 * where the history begins and each metric's newest value. Keyed under
 * `queryKeys.history(id)` so a sent heartbeat invalidates every range at once.
 */
export function useHistoryView(id: number, rangeMs: number) {
  return useHistoryQuery(id, rangeMs, selectView);
}

/** The samples alone (same query and key as useHistoryView). */
export function useHistory(id: number, rangeMs: number) {
  return useHistoryQuery(id, rangeMs, selectSamples);
}

const selectSamples = (view: HistoryView): Sample[] => view.samples;
const selectView = (view: HistoryView): HistoryView => view;

function useHistoryQuery<T>(id: number, rangeMs: number, select: (view: HistoryView) => T) {
  const pollMs = usePollIntervalMs();
  return useQuery({
    queryKey: [...queryKeys.history(id), rangeMs] as const,
    queryFn: async (): Promise<HistoryView> => {
      const view = await call('getHistory', { id, sinceMs: Date.now() - rangeMs });
      return { ...view, samples: [...view.samples].sort((a, b) => a.t - b.t) };
    },
    select,
    refetchInterval: pollMs,
    // Switching range keeps the old curve until the new one arrives; switching droplet does not.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === id ? keepPreviousData(prev) : undefined),
  });
}
