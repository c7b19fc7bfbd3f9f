/**
 * Numeric metrics beyond the charted four are kept in memory to be charted on demand (issue 11,
 * section 4), bounded in names, samples per name and samples across droplets.
 */
import { describe, expect, it } from 'vitest';
import { EXTRA_NAMES_PER_DROPLET, ExtraMetrics } from '../../../../core/history/extra-metrics';
import { MetricHistory } from '../../../../core/history/metric-history';

const T0 = Date.parse('2026-11-27T05:00:00.000Z');
const iso = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();

describe('MetricHistory: extra numeric metrics', () => {
  it('records numeric extras, not the charted four, their aliases or non-numeric values', () => {
    const h = new MetricHistory({ now: () => T0 + 3_600_000 });
    h.record(7, iso(0), 'active', { cpu_percent: 1, requests_per_minute: 5, queue_depth: 3, uptime: 'x', ok: true, gone: null });
    h.record(7, iso(1), 'active', { queue_depth: 4, uptime: 'y' });
    expect(h.view(7).extra).toEqual(['queue_depth']);
    expect(h.extraSamples(7, 'queue_depth')).toEqual([
      { t: T0, v: 3 },
      { t: T0 + 60_000, v: 4 },
    ]);
    expect(h.extraSamples(7, 'queue_depth', T0 + 30_000)).toEqual([{ t: T0 + 60_000, v: 4 }]);
    expect(h.extraSamples(7, 'uptime')).toEqual([]);
    expect(h.view(8).extra).toEqual([]);
  });

  it('a repeated beat adds no extra sample', () => {
    const h = new MetricHistory({ now: () => T0 + 3_600_000 });
    h.record(7, iso(0), 'active', { queue_depth: 3 });
    h.record(7, iso(0), 'active', { queue_depth: 3 });
    expect(h.extraSamples(7, 'queue_depth')).toHaveLength(1);
  });

  it(`keeps the first ${EXTRA_NAMES_PER_DROPLET} names per droplet, and no name longer than 64 characters`, () => {
    const h = new MetricHistory({ now: () => T0 + 3_600_000 });
    const first = Object.fromEntries(Array.from({ length: EXTRA_NAMES_PER_DROPLET }, (_, i) => [`m${i}`, i]));
    h.record(7, iso(0), 'active', { ...first, ['x'.repeat(65)]: 1 });
    h.record(7, iso(1), 'active', { ninth: 9, m0: 10 });
    expect(h.view(7).extra).toEqual(Object.keys(first));
    expect(h.extraSamples(7, 'ninth')).toEqual([]);
    expect(h.extraSamples(7, 'm0').map((s) => s.v)).toEqual([0, 10]);
  });

  it('keeps the per-droplet number of samples per name, the newest', () => {
    const h = new MetricHistory({ now: () => T0 + 3_600_000 * 24, maxSamplesPerDroplet: 5 });
    for (let i = 0; i < 200; i++) h.record(7, iso(i), 'active', { queue_depth: i });
    expect(h.extraSamples(7, 'queue_depth').map((s) => s.v)).toEqual([195, 196, 197, 198, 199]);
  });
});

describe('ExtraMetrics: the total cap', () => {
  it('forgets the least recently heard-from droplets beyond it', () => {
    const x = new ExtraMetrics({ maxSamplesPerMetric: 100, maxTotalSamples: 1000 });
    for (let id = 0; id < 10_000; id++) x.record(id, T0, { queue_depth: id, depth2: 1 });
    expect(x.retained).toBeLessThanOrEqual(1000);
    expect(x.names(9_999)).toEqual(['queue_depth', 'depth2']);
    expect(x.names(0)).toEqual([]);
  });
});
