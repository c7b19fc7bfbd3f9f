import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChartHistory } from '../../../shared/downsample';
import type { HistoryView, Sample } from '../../../shared/model';
import { call } from '../app/api';
import { readWholeHistory } from './history-revision';
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
  const qc = useQueryClient();
  const pollMs = usePollIntervalMs();
  return useQuery({
    queryKey: [...queryKeys.history(id), rangeMs] as const,
    queryFn: async (): Promise<HistoryView> => {
      const view = await readWholeHistory(qc, id, () => call('getHistory', { id, sinceMs: Date.now() - rangeMs }));
      return { ...view, samples: [...view.samples].sort((a, b) => a.t - b.t) };
    },
    select,
    refetchInterval: pollMs,
    // Switching range keeps the old curve until the new one arrives; switching droplet does not.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === id ? keepPreviousData(prev) : undefined),
  });
}

/**
 * What the charts draw for the last `rangeMs`, at most `points` a metric, downsampled in main:
 * a 7-day range crosses IPC as a few hundred points a metric, not 10,080 samples. Off until
 * the charts know their width (`points` 0), so they are fetched once, at their size.
 */
export function useChartHistory(id: number, rangeMs: number, points: number) {
  const qc = useQueryClient();
  const pollMs = usePollIntervalMs();
  return useQuery({
    queryKey: queryKeys.chartHistory(id, rangeMs, points),
    queryFn: (): Promise<ChartHistory> => readWholeHistory(qc, id, () => call('getChartHistory', { id, sinceMs: Date.now() - rangeMs, points })),
    enabled: points > 0,
    refetchInterval: pollMs,
    // Switching range or width keeps the old curve until the new one arrives; switching droplet does not.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === id ? keepPreviousData(prev) : undefined),
  });
}
