/** Pure preparation of heartbeat samples for the metric charts. */
import { downsampleColumn, downsampleSeries, sampleColumns, type ChartPoint } from '../../../../shared/downsample';
import { CHARTED_METRICS, type ChartedMetric, type ExtraMetricSample, type Sample } from '../../../../shared/model';

export const RANGES = [
  { value: '15m', label: '15 min', ms: 15 * 60_000 },
  { value: '1h', label: '1 h', ms: 60 * 60_000 },
  { value: '6h', label: '6 h', ms: 6 * 60 * 60_000 },
  { value: '24h', label: '24 h', ms: 24 * 60 * 60_000 },
  // The history keeps 7 days of 1-minute beats per droplet by default.
  { value: '7d', label: '7 d', ms: 7 * 24 * 60 * 60_000 },
] as const;
export type RangeKey = (typeof RANGES)[number]['value'];

export function rangeMs(key: RangeKey): number {
  return RANGES.find((r) => r.value === key)?.ms ?? RANGES[1].ms;
}

/**
 * Beats come every 60 s; samples further apart than two and a half intervals mean beats
 * were missed, and the chart shows a gap there rather than a line nobody measured.
 */
export const MAX_GAP_MS = 150_000;

/** What a chart says of its metric: name, label, unit ('' for none) and y-domain. */
export interface ChartMeta {
  metric: string;
  label: string;
  unit: string;
  /** Fixed y-domain where the metric has natural bounds. */
  domain: [number, number | 'auto'];
}

export interface MetricMeta extends ChartMeta {
  metric: ChartedMetric;
}

/** A metric beyond the charted four: its raw name as label, no unit, the axis from 0 following the data. */
export function extraMetricMeta(name: string): ChartMeta {
  return { metric: name, label: name, unit: '', domain: [0, 'auto'] };
}

export const METRIC_META: readonly MetricMeta[] = [
  { metric: 'cpu_percent', label: 'CPU', unit: '%', domain: [0, 100] },
  { metric: 'memory_mb', label: 'Memory', unit: 'MB', domain: [0, 'auto'] },
  { metric: 'requests_last_minute', label: 'Requests', unit: 'req/min', domain: [0, 'auto'] },
  { metric: 'errors_last_minute', label: 'Errors', unit: 'err/min', domain: [0, 'auto'] },
];

/**
 * Samples at or after `sinceMs` (main may answer more than asked, and time moves on between
 * polls). `samples` are oldest first, so the window's start is found by bisection.
 */
export function samplesSince(samples: readonly Sample[], sinceMs: number): Sample[] {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid]!.t < sinceMs) lo = mid + 1;
    else hi = mid;
  }
  return samples.slice(lo);
}

const pointBudget = (widthPx: number) => Math.max(2, Math.round(widthPx));

/** One metric's points for a chart about `widthPx` wide: one point per pixel at most, breaks as `v: null`. */
export function chartSeries(samples: readonly Sample[], metric: ChartedMetric, widthPx: number): ChartPoint[] {
  return downsampleSeries(samples, metric, pointBudget(widthPx), MAX_GAP_MS);
}

/** `chartSeries` for every charted metric, reading the samples once. */
export function chartSeriesAll(samples: readonly Sample[], widthPx: number): Record<ChartedMetric, ChartPoint[]> {
  const columns = sampleColumns(samples);
  const entries = CHARTED_METRICS.map((m) => [m, downsampleColumn(columns.t, columns.values[m], pointBudget(widthPx), MAX_GAP_MS)] as const);
  return Object.fromEntries(entries) as Record<ChartedMetric, ChartPoint[]>;
}

/** An extra metric's points for a chart about `widthPx` wide, from `sinceMs` on (as chartSeries). */
export function extraChartSeries(samples: readonly ExtraMetricSample[], sinceMs: number, widthPx: number): ChartPoint[] {
  const kept = samples.filter((s) => s.t >= sinceMs);
  const t = Float64Array.from(kept, (s) => s.t);
  const v = Float64Array.from(kept, (s) => s.v);
  return downsampleColumn(t, v, pointBudget(widthPx), MAX_GAP_MS);
}

/**
 * Indices of points with no numeric neighbour. A line needs two points, so these would be
 * invisible without a dot of their own.
 */
export function isolatedIndices(points: readonly ChartPoint[]): Set<number> {
  const out = new Set<number>();
  points.forEach((p, i) => {
    if (p.v === null) return;
    const before = points[i - 1];
    const after = points[i + 1];
    if ((!before || before.v === null) && (!after || after.v === null)) out.add(i);
  });
  return out;
}

/** The newest numeric value, or null when the series has none. */
export function latestValue(points: readonly ChartPoint[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]!.v;
    if (v !== null) return v;
  }
  return null;
}
