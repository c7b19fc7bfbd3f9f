import { describe, expect, it } from 'vitest';
import { MetricHistory } from '../../../../core/history/metric-history';
import { metricValues } from '../../../../core/history/series';

const at = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2026-12-05T20:43:00Z');
// The history refuses samples from its clock's future: its clock stands an hour after T0.
const now = () => T0 + 3_600_000;

describe('MetricHistory.view', () => {
  it('stores requests_per_minute (the deployed droplets\' name) as the requests metric, its own name first', () => {
    expect(metricValues({ requests_per_minute: 42 })).toEqual([NaN, NaN, 42, NaN]);
    expect(metricValues({ requests_per_minute: 42, requests_last_minute: 7 })).toEqual([NaN, NaN, 7, NaN]);
    expect(metricValues({ requests_per_minute: '12' })).toEqual([NaN, NaN, 12, NaN]);
  });

  it('answers where the history begins and each metric\'s newest value, looking past beats without it', () => {
    const h = new MetricHistory({ now });
    h.record(1, at(T0), 'active', { cpu_percent: 5, requests_per_minute: 9 });
    h.record(1, at(T0 + 60_000), 'active', { cpu_percent: 6 });
    h.record(1, at(T0 + 120_000), 'active', null);
    const view = h.view(1, T0 + 100_000);
    expect(view.samples.map((s) => s.t)).toEqual([T0 + 120_000]);
    expect(view.since).toBe(T0);
    expect(view.latest).toEqual({ cpu_percent: { t: T0 + 60_000, v: 6 }, memory_mb: null, requests_last_minute: { t: T0, v: 9 }, errors_last_minute: null });
    expect(h.view(2)).toEqual({ samples: [], since: null, latest: { cpu_percent: null, memory_mb: null, requests_last_minute: null, errors_last_minute: null }, extra: [], revision: 0 });
  });

  it('counts a revision each time a droplet\'s history gains a beat, not when a beat it holds comes again', () => {
    const h = new MetricHistory({ now });
    h.record(1, at(T0), 'active', { cpu_percent: 5 });
    h.record(1, at(T0 + 60_000), 'active', { cpu_percent: 6 });
    expect(h.view(1).revision).toBe(2);
    h.record(1, at(T0 + 60_000), 'active', { cpu_percent: 6 });
    h.record(1, at(T0 + 60_500), 'active', { cpu_percent: 6 }); // the same beat, stamped a little differently
    expect(h.revision(1)).toBe(2);
    h.record(2, at(T0), 'active', null);
    expect([h.revision(1), h.revision(2), h.chartView(2, T0, 10).revision]).toEqual([2, 1, 1]);
  });

  it('moves since forward as the oldest samples are dropped', () => {
    const h = new MetricHistory({ maxSamplesPerDroplet: 2, now });
    for (let i = 0; i < 3; i++) h.record(1, at(T0 + i * 60_000), 'active', { cpu_percent: i });
    expect(h.view(1).since).toBe(T0 + 60_000);
  });
});

describe('MetricHistory.chartView', () => {
  it('answers a week of beats as what a chart draws: at most the points asked, real samples, the gap kept', () => {
    const week = 7 * 24 * 60;
    const end = T0 - 60_000;
    const start = end - (week - 1) * 60_000;
    const h = new MetricHistory({ now, maxSamplesPerDroplet: week });
    for (let i = 0; i < week; i++) {
      // Two hours without beats in the middle of the week.
      if (i > 5_000 && i < 5_120) continue;
      h.record(3, at(start + i * 60_000), 'active', { cpu_percent: i % 100, memory_mb: 500 + (i % 7), tasks: 1 });
    }
    const view = h.chartView(3, start, 300);
    expect(view.samples).toBe(week - 119);
    expect(view.since).toBe(start);
    expect(view.extra).toEqual(['tasks']);
    const cpu = view.series.cpu_percent;
    expect(cpu.length).toBeLessThanOrEqual(300);
    expect(cpu[0]).toEqual({ t: start, v: 0 });
    expect(cpu.at(-1)).toEqual({ t: end, v: (week - 1) % 100 });
    const breaks = cpu.filter((p) => p.v === null);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]!.t).toBeGreaterThan(start + 5_000 * 60_000);
    expect(breaks[0]!.t).toBeLessThan(start + 5_120 * 60_000);
    for (const p of cpu) if (p.v !== null) expect(p.v).toBe(Math.round((p.t - start) / 60_000) % 100);
    expect(view.series.requests_last_minute).toEqual([]);
    // What crosses IPC: a twentieth of the week's samples or less.
    expect(JSON.stringify(view).length * 20).toBeLessThan(JSON.stringify(h.view(3, start)).length);
  });
});
