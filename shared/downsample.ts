/**
 * Chart downsampling. LTTB keeps the visual shape of a series with a fixed number of
 * points; the gap-aware wrapper never draws a line across missing beats, because a line
 * through a gap would show data that was never received.
 */
import { CHARTED_METRICS, type ChartedMetric, type Sample } from './model';

export interface Point {
  t: number;
  v: number;
}

/** A chart point; `v: null` marks a break the chart draws as a gap. */
export interface ChartPoint {
  t: number;
  v: number | null;
}

/**
 * Largest-triangle-three-buckets (Steinarsson 2013). Answers points of the input (never
 * new ones), first and last included, at most `max(threshold, 2)` of them. Input must be
 * sorted by `t`.
 */
export function lttb<P extends Point>(points: readonly P[], threshold: number): P[] {
  const ts = new Float64Array(points.length);
  const vs = new Float64Array(points.length);
  points.forEach((p, i) => {
    ts[i] = p.t;
    vs[i] = p.v;
  });
  const out: P[] = [];
  lttbRange(ts, vs, 0, points.length, threshold, (i) => out.push(points[i]!));
  return out;
}

/**
 * LTTB over `ts[start..end)` / `vs[start..end)`, calling `keep` with each kept index in order.
 * Works on columns: a 7-day chart reads 10,080 samples a metric on every range switch, and an
 * object per sample cost more than the triangles.
 */
function lttbRange(ts: Float64Array, vs: Float64Array, start: number, end: number, threshold: number, keep: (i: number) => void): void {
  const n = end - start;
  const target = Math.max(2, Math.floor(threshold));
  if (n <= target) {
    for (let i = start; i < end; i++) keep(i);
    return;
  }
  keep(start);
  if (target > 2) {
    // Inner points are split into target-2 buckets; each keeps the point forming the
    // largest triangle with the previously kept point and the next bucket's average.
    const every = (n - 2) / (target - 2);
    let a = start;
    for (let b = 0; b < target - 2; b++) {
      const from = start + Math.floor(b * every) + 1;
      const to = start + Math.floor((b + 1) * every) + 1;
      const nextEnd = start + Math.min(Math.floor((b + 2) * every) + 1, n);
      let avgT = 0;
      let avgV = 0;
      for (let j = to; j < nextEnd; j++) {
        avgT += ts[j]!;
        avgV += vs[j]!;
      }
      const count = nextEnd - to;
      avgT /= count;
      avgV /= count;

      const aT = ts[a]!;
      const aV = vs[a]!;
      let best = from;
      let bestArea = -1;
      for (let j = from; j < to; j++) {
        const area = Math.abs((aT - avgT) * (vs[j]! - aV) - (aT - ts[j]!) * (avgV - aV));
        if (area > bestArea) {
          bestArea = area;
          best = j;
        }
      }
      keep(best);
      a = best;
    }
  }
  keep(end - 1);
}

type SampleLike = Pick<Sample, 't' | ChartedMetric>;

/**
 * A sample series as columns: its times, and each metric's values with NaN where a sample
 * has none. Read once per series, so each metric's downsampling walks numbers, not objects.
 */
export interface SampleColumns {
  t: Float64Array;
  values: Record<ChartedMetric, Float64Array>;
}

export function sampleColumns(samples: readonly SampleLike[]): SampleColumns {
  const n = samples.length;
  const t = new Float64Array(n);
  const values = { cpu_percent: new Float64Array(n), memory_mb: new Float64Array(n), requests_last_minute: new Float64Array(n), errors_last_minute: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    t[i] = s.t;
    values.cpu_percent[i] = s.cpu_percent ?? NaN;
    values.memory_mb[i] = s.memory_mb ?? NaN;
    values.requests_last_minute[i] = s.requests_last_minute ?? NaN;
    values.errors_last_minute[i] = s.errors_last_minute ?? NaN;
  }
  return { t, values };
}

/**
 * One metric of a sample series (oldest first), downsampled for a chart. Samples further
 * apart than `maxGapMs`, or without a value for the metric, split the series into runs;
 * between runs a `{t, v: null}` break is emitted (its `t` halfway across the gap). Each run
 * is downsampled with LTTB on its share of the budget, so every numeric point is a real
 * sample. Length is at most `threshold`, unless there are so many runs that keeping two
 * points of each (plus breaks) needs more.
 */
export function downsampleSeries(samples: readonly SampleLike[], metric: ChartedMetric, threshold: number, maxGapMs: number): ChartPoint[] {
  const { t, values } = sampleColumns(samples);
  return downsampleColumn(t, values[metric], threshold, maxGapMs);
}

/** `downsampleSeries` over columns (`ts` oldest first; a non-finite value is a missing one). */
export function downsampleColumn(ts: Float64Array, vs: Float64Array, threshold: number, maxGapMs: number): ChartPoint[] {
  // Runs are [start, end) index ranges of values with no gap between them.
  const starts: number[] = [];
  const ends: number[] = [];
  let open = false;
  for (let i = 0; i < vs.length; i++) {
    if (!Number.isFinite(vs[i]!)) {
      if (open) ends.push(i);
      open = false;
      continue;
    }
    if (open && ts[i]! - ts[i - 1]! > maxGapMs) {
      ends.push(i);
      open = false;
    }
    if (!open) starts.push(i);
    open = true;
  }
  if (open) ends.push(vs.length);
  if (!starts.length) return [];

  const budgets = shareBudget(
    starts.map((from, i) => ends[i]! - from),
    Math.max(2, Math.floor(threshold)) - (starts.length - 1),
  );
  const out: ChartPoint[] = [];
  const keep = (i: number) => out.push({ t: ts[i]!, v: vs[i]! });
  starts.forEach((from, i) => {
    if (i > 0) {
      const before = ts[ends[i - 1]! - 1]!;
      out.push({ t: before + (ts[from]! - before) / 2, v: null });
    }
    lttbRange(ts, vs, from, ends[i]!, budgets[i]!, keep);
  });
  return out;
}

/** Split `total` points among runs: each keeps min(length, 2) (its ends), the rest in proportion. */
function shareBudget(lengths: number[], total: number): number[] {
  const floor = lengths.map((n) => Math.min(n, 2));
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (sum <= total) return lengths;
  const spare = total - floor.reduce((a, b) => a + b, 0);
  if (spare <= 0) return floor;
  const extra = sum - floor.reduce((a, b) => a + b, 0);
  return lengths.map((n, i) => floor[i]! + Math.floor((spare * (n - floor[i]!)) / extra));
}

/**
 * Beats come every 60 s; samples further apart than two and a half intervals mean beats
 * were missed, and the chart shows a gap there rather than a line nobody measured.
 */
export const CHART_MAX_GAP_MS = 150_000;

/** The most points a chart answer may ask for per metric (a very wide chart, one per pixel). */
export const CHART_POINTS_MAX = 4_000;

/** What the four charts draw for one range: each metric downsampled where the samples are kept. */
export interface ChartHistory {
  series: Record<ChartedMetric, ChartPoint[]>;
  /** Where Steward's history of the droplet begins (epoch ms), null when it holds none. */
  since: number | null;
  /** Names of the droplet's other numeric metrics (charted on demand). */
  extra: string[];
  /** How many samples the range held before downsampling. */
  samples: number;
  /** The droplet's history revision this was drawn from (main's MetricHistory.revision); absent when not known. */
  revision?: number;
}

/**
 * The charts' answer for `samples` (oldest first): each metric at most `points` points, gaps
 * kept as breaks. Built in main so a 7-day range crosses IPC as a few hundred points a metric
 * instead of 10,080 samples.
 */
export function chartHistoryOf(samples: readonly SampleLike[], points: number, since: number | null, extra: string[]): ChartHistory {
  const { t, values } = sampleColumns(samples);
  const entries = CHARTED_METRICS.map((m) => [m, downsampleColumn(t, values[m], points, CHART_MAX_GAP_MS)] as const);
  return { series: Object.fromEntries(entries) as Record<ChartedMetric, ChartPoint[]>, since, extra, samples: samples.length };
}
