import { describe, expect, it } from 'vitest';
import { chartPointsFor, isolatedIndices, latestValue, pointsSince } from '../../../../../renderer/src/features/charts/series';
import { chartHistoryOf, downsampleSeries, CHART_MAX_GAP_MS, type ChartPoint } from '../../../../../shared/downsample';
import type { ChartedMetric, Sample } from '../../../../../shared/model';

const chartSeries = (samples: Sample[], metric: ChartedMetric, points: number): ChartPoint[] => downsampleSeries(samples, metric, points, CHART_MAX_GAP_MS);
import { MIN, sample, series } from '../../../../support/chart-samples';

describe('chart series', () => {
  it('breaks the series with a null at a gap and never invents points', () => {
    const samples = series(50, (m) => m < 30 && m > 20);
    const points = chartSeries(samples, 'memory_mb', 300);
    const breaks = points.filter((p) => p.v === null);
    expect(breaks).toHaveLength(1);
    const real = new Set(samples.map((s) => `${s.t}:${s.memory_mb}`));
    for (const p of points) if (p.v !== null) expect(real.has(`${p.t}:${p.v}`)).toBe(true);
  });

  it('downsamples to about the chart width, every metric alike', () => {
    const now = Date.now();
    const dense = Array.from({ length: 2000 }, (_, i) => sample(now - (2000 - i) * 30_000, i));
    expect(chartSeries(dense, 'cpu_percent', 200).length).toBeLessThanOrEqual(200);
    const gappy = series(50, (m) => m > 5 && m < 9);
    const all = chartHistoryOf(gappy, 200, null, []).series;
    for (const metric of ['cpu_percent', 'memory_mb', 'requests_last_minute', 'errors_last_minute'] as const) {
      expect(all[metric]).toEqual(chartSeries(gappy, metric, 200));
    }
  });

  it('keeps only points inside the range, and marks lone points so they are drawn', () => {
    const points = chartSeries(series(50), 'cpu_percent', 300);
    expect(pointsSince(points, Date.now() - 10.5 * MIN)).toHaveLength(10);
    expect(pointsSince(points, 0)).toEqual(points);
    expect(pointsSince(points, Date.now())).toEqual([]);
    expect([...isolatedIndices([{ t: 1, v: 1 }, { t: 2, v: null }, { t: 3, v: 2 }, { t: 4, v: 3 }])]).toEqual([0]);
  });

  it('asks main for a point per pixel, in 50 px steps, and nothing before the width is known', () => {
    expect(chartPointsFor(0)).toBe(0);
    expect(chartPointsFor(256)).toBe(300);
    expect(chartPointsFor(300)).toBe(300);
  });

  it('finds the newest value behind trailing breaks', () => {
    expect(latestValue([{ t: 1, v: 4 }, { t: 2, v: 5 }, { t: 3, v: null }])).toBe(5);
    expect(latestValue([{ t: 1, v: null }])).toBeNull();
  });
});
