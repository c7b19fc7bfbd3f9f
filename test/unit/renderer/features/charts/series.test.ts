import { describe, expect, it } from 'vitest';
import { chartSeries, chartSeriesAll, isolatedIndices, latestValue, samplesSince } from '../../../../../renderer/src/features/charts/series';
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
    const all = chartSeriesAll(gappy, 200);
    for (const metric of ['cpu_percent', 'memory_mb', 'requests_last_minute', 'errors_last_minute'] as const) {
      expect(all[metric]).toEqual(chartSeries(gappy, metric, 200));
    }
  });

  it('keeps only samples inside the range, and marks lone points so they are drawn', () => {
    const samples = series(50);
    expect(samplesSince(samples, Date.now() - 10.5 * MIN)).toHaveLength(10);
    expect([...isolatedIndices([{ t: 1, v: 1 }, { t: 2, v: null }, { t: 3, v: 2 }, { t: 4, v: 3 }])]).toEqual([0]);
  });

  it('finds the newest value behind trailing breaks', () => {
    expect(latestValue([{ t: 1, v: 4 }, { t: 2, v: 5 }, { t: 3, v: null }])).toBe(5);
    expect(latestValue([{ t: 1, v: null }])).toBeNull();
  });
});
