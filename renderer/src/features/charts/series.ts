/** Pure preparation of heartbeat samples for the metric charts. */
import { CHART_MAX_GAP_MS, downsampleColumn, type ChartPoint } from '../../../../shared/downsample';
import type { ChartedMetric, ExtraMetricSample } from '../../../../shared/model';

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

const pointBudget = (widthPx: number) => Math.max(2, Math.round(widthPx));

/**
 * Points a chart `widthPx` wide asks main for: one per pixel, in steps of 50 px so resizing
 * the pane does not refetch on every pixel. 0 while the width is unknown.
 */
export function chartPointsFor(widthPx: number): number {
  return widthPx > 0 ? Math.ceil(widthPx / 50) * 50 : 0;
}

/** Points at or after `sinceMs` (the window moves on between fetches), oldest first. */
export function pointsSince(points: ChartPoint[], sinceMs: number): ChartPoint[] {
  const i = points.findIndex((p) => p.t >= sinceMs);
  return i === 0 ? points : i < 0 ? [] : points.slice(i);
}

/** An extra metric's points for a chart about `widthPx` wide, from `sinceMs` on (downsampled as the charted four are in main). */
export function extraChartSeries(samples: readonly ExtraMetricSample[], sinceMs: number, widthPx: number): ChartPoint[] {
  const kept = samples.filter((s) => s.t >= sinceMs);
  const t = Float64Array.from(kept, (s) => s.t);
  const v = Float64Array.from(kept, (s) => s.v);
  return downsampleColumn(t, v, pointBudget(widthPx), CHART_MAX_GAP_MS);
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
