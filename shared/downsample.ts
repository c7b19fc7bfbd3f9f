/**
 * Chart downsampling. LTTB keeps the visual shape of a series with a fixed number of
 * points; the gap-aware wrapper never draws a line across missing beats, because a line
 * through a gap would show data that was never received.
 */
import type { Sample } from './ipc-contract';
import type { ChartedMetric } from './model';

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
  const n = points.length;
  const target = Math.max(2, Math.floor(threshold));
  if (n <= target) return points.slice();
  const first = points[0]!;
  const last = points[n - 1]!;
  if (target === 2) return [first, last];

  const out: P[] = [first];
  // Inner points are split into target-2 buckets; each keeps the point forming the
  // largest triangle with the previously kept point and the next bucket's average.
  const every = (n - 2) / (target - 2);
  let a = first;
  for (let i = 0; i < target - 2; i++) {
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgT = 0;
    let avgV = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgT += points[j]!.t;
      avgV += points[j]!.v;
    }
    const count = nextEnd - nextStart;
    avgT /= count;
    avgV /= count;

    let best = points[start]!;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j]!;
      const area = Math.abs((a.t - avgT) * (p.v - a.v) - (a.t - p.t) * (avgV - a.v));
      if (area > bestArea) {
        bestArea = area;
        best = p;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(last);
  return out;
}

type SampleLike = Pick<Sample, 't' | ChartedMetric>;

/**
 * One metric of a sample series (oldest first), downsampled for a chart. Samples further
 * apart than `maxGapMs`, or without a value for the metric, split the series into runs;
 * between runs a `{t, v: null}` break is emitted (its `t` halfway across the gap). Each run
 * is downsampled with LTTB on its share of the budget, so every numeric point is a real
 * sample. Length is at most `threshold`, unless there are so many runs that keeping two
 * points of each (plus breaks) needs more.
 */
export function downsampleSeries(samples: readonly SampleLike[], metric: ChartedMetric, threshold: number, maxGapMs: number): ChartPoint[] {
  const runs: Point[][] = [];
  let run: Point[] = [];
  let prevT = -Infinity;
  for (const s of samples) {
    const v = s[metric];
    if (v === null || !Number.isFinite(v)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    if (run.length && s.t - prevT > maxGapMs) {
      runs.push(run);
      run = [];
    }
    run.push({ t: s.t, v });
    prevT = s.t;
  }
  if (run.length) runs.push(run);
  if (!runs.length) return [];

  const budgets = shareBudget(runs.map((r) => r.length), Math.max(2, Math.floor(threshold)) - (runs.length - 1));
  const out: ChartPoint[] = [];
  runs.forEach((r, i) => {
    if (i > 0) {
      const before = runs[i - 1]!.at(-1)!.t;
      out.push({ t: before + (r[0]!.t - before) / 2, v: null });
    }
    for (const p of lttb(r, budgets[i]!)) out.push(p);
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
