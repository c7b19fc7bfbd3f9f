/** Heartbeat samples for the chart tests: one a minute, with gaps where a test wants them. */
import { chartHistoryOf, type ChartHistory } from '../../shared/downsample';
import type { MethodInput } from '../../shared/ipc-contract';
import { CHARTED_METRICS, type HistoryView, type LatestValues, type Sample } from '../../shared/model';

export const MIN = 60_000;

export function sample(t: number, i: number): Sample {
  return { t, status: 'active', cpu_percent: 10 + (i % 7), memory_mb: 500 + i, requests_last_minute: 100 + i, errors_last_minute: i % 3 };
}

/** One sample a minute over the last `minutes`, except those `skip` says are missing. */
export function series(minutes: number, skip: (minutesAgo: number) => boolean = () => false): Sample[] {
  const now = Date.now();
  const out: Sample[] = [];
  for (let m = minutes; m >= 1; m--) if (!skip(m)) out.push(sample(now - m * MIN, m));
  return out;
}

/** getHistory's answer for `samples`, as main builds it: where they begin, each metric's newest value, the extra metrics' names. */
export function historyOf(samples: readonly Sample[], since: number | null = samples[0]?.t ?? null, extra: string[] = []): HistoryView {
  const latest: LatestValues = { cpu_percent: null, memory_mb: null, requests_last_minute: null, errors_last_minute: null };
  for (const s of samples) for (const m of CHARTED_METRICS) if (s[m] !== null) latest[m] = { t: s.t, v: s[m] };
  return { samples: [...samples], since, latest, extra };
}

/** getChartHistory answered from a getHistory answer, downsampled as main does it. */
export function chartHistoryFrom(getHistory: (input: MethodInput<'getHistory'>) => HistoryView | Promise<HistoryView>) {
  return async ({ id, sinceMs, points }: MethodInput<'getChartHistory'>): Promise<ChartHistory> => {
    const view = await getHistory({ id, sinceMs });
    const chart = chartHistoryOf(view.samples.filter((s) => s.t >= sinceMs), points, view.since, view.extra);
    return view.revision === undefined ? chart : { ...chart, revision: view.revision };
  };
}
