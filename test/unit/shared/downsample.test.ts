import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHARTED_METRICS, type Sample } from '../../../shared/model';
import { downsampleSeries, lttb, type ChartPoint, type Point } from '../../../shared/downsample';

const MIN = 60_000;

/** Sorted points with distinct times. */
const pointsArb = fc
  .array(fc.record({ dt: fc.integer({ min: 1, max: 5 * MIN }), v: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }), { maxLength: 400 })
  .map((steps) => {
    let t = 1_800_000_000_000;
    return steps.map(({ dt, v }) => ({ t: (t += dt), v }));
  });

const sample = (t: number, cpu: number | null): Sample => ({ t, status: 'active', cpu_percent: cpu, memory_mb: null, requests_last_minute: null, errors_last_minute: null });

const samplesArb = fc
  .array(fc.record({ dt: fc.integer({ min: 1, max: 4 * MIN }), v: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { freq: 8 }) }), { maxLength: 400 })
  .map((steps) => {
    let t = 1_800_000_000_000;
    return steps.map(({ dt, v }) => sample((t += dt), v));
  });

describe('lttb', () => {
  it('keeps first and last, answers exactly the threshold, and only input points in order', () => {
    fc.assert(
      fc.property(pointsArb, fc.integer({ min: 0, max: 500 }), (points, threshold) => {
        const out = lttb(points, threshold);
        expect(out.length).toBe(Math.min(points.length, Math.max(2, threshold)));
        if (!points.length) return;
        expect(out[0]).toBe(points[0]);
        expect(out.at(-1)).toBe(points.at(-1));
        let last = -1;
        for (const p of out) {
          const i = points.indexOf(p);
          expect(i).toBeGreaterThan(last);
          last = i;
        }
      }),
    );
  });

  it('keeps the spike a chart must show', () => {
    const points: Point[] = Array.from({ length: 1000 }, (_, i) => ({ t: i * MIN, v: i === 517 ? 100 : 1 }));
    expect(lttb(points, 50).some((p) => p.v === 100)).toBe(true);
  });
});

/** Is there a real hole in the input between times a and b (a gap or a missing value)? */
function holeBetween(samples: Sample[], a: number, b: number, maxGapMs: number): boolean {
  const inside = samples.filter((s) => s.t >= a && s.t <= b);
  return inside.some((s, i) => s.cpu_percent === null || (i > 0 && s.t - inside[i - 1]!.t > maxGapMs));
}

describe('downsampleSeries', () => {
  it('never draws across a gap, breaks only at real gaps, never fabricates, keeps the ends', () => {
    fc.assert(
      fc.property(samplesArb, fc.integer({ min: 2, max: 300 }), (samples, threshold) => {
        const maxGap = 2.5 * MIN;
        const out = downsampleSeries(samples, 'cpu_percent', threshold, maxGap);
        const real = new Map(samples.filter((s) => s.cpu_percent !== null).map((s) => [s.t, s.cpu_percent]));
        if (!real.size) {
          expect(out).toEqual([]);
          return;
        }

        for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThan(out[i - 1]!.t);
        const values = out.filter((p): p is Point => p.v !== null);
        for (const p of values) expect(real.get(p.t)).toBe(p.v);
        expect(out[0]!.v).not.toBeNull();
        expect(out.at(-1)!.v).not.toBeNull();
        expect(values[0]!.t).toBe(Math.min(...real.keys()));
        expect(values.at(-1)!.t).toBe(Math.max(...real.keys()));

        let runs = 1;
        for (let i = 1; i < out.length; i++) {
          const prev = out[i - 1]!;
          const cur = out[i]!;
          if (cur.v === null) {
            runs++;
            expect(prev.v).not.toBeNull(); // never two breaks in a row
            expect(holeBetween(samples, prev.t, out[i + 1]!.t, maxGap)).toBe(true);
          } else if (prev.v !== null) {
            expect(holeBetween(samples, prev.t, cur.t, maxGap)).toBe(false);
          }
        }
        // Within budget unless the data is so fragmented that each run's ends need more.
        const ends = Math.min(real.size, 2 * runs);
        expect(out.length).toBeLessThanOrEqual(Math.max(threshold, ends + runs - 1));
      }),
      { numRuns: 300 },
    );
  });

  it('returns everything (with breaks) when it fits', () => {
    const s = [sample(0, 1), sample(MIN, 2), sample(10 * MIN, 3), sample(11 * MIN, null), sample(12 * MIN, 5)];
    expect(downsampleSeries(s, 'cpu_percent', 100, 2.5 * MIN)).toEqual<ChartPoint[]>([
      { t: 0, v: 1 },
      { t: MIN, v: 2 },
      { t: 5.5 * MIN, v: null },
      { t: 10 * MIN, v: 3 },
      { t: 11 * MIN, v: null },
      { t: 12 * MIN, v: 5 },
    ]);
    expect(downsampleSeries(s, 'memory_mb', 100, 2.5 * MIN)).toEqual([]);
  });

  it('spends the budget where the data is', () => {
    const s = [...Array.from({ length: 5000 }, (_, i) => sample(i * MIN, i % 7)), ...Array.from({ length: 100 }, (_, i) => sample((6000 + i) * MIN, 1))];
    const out = downsampleSeries(s, 'cpu_percent', 500, 2.5 * MIN);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out.length).toBeGreaterThan(480);
    expect(out.filter((p) => p.v === null)).toHaveLength(1);
    expect(out.filter((p) => p.t >= 6000 * MIN).length).toBeGreaterThanOrEqual(2);
  });

  // Its speed is a bench figure (`npm run bench`, charts), not a timed test.
  it('downsamples 7 days of one-minute samples, 4 series, to the threshold, keeping both ends', () => {
    const week: Sample[] = Array.from({ length: 10_080 }, (_, i) => ({
      t: i * MIN,
      status: 'active',
      cpu_percent: 50 + 40 * Math.sin(i / 50),
      memory_mb: 512 + (i % 97),
      requests_last_minute: i % 13,
      errors_last_minute: i % 500 === 0 ? null : i % 3,
    }));
    for (const metric of CHARTED_METRICS) {
      const points = downsampleSeries(week, metric, 800, 2.5 * MIN).filter((p) => p.v !== null);
      expect(points.length).toBeLessThanOrEqual(800);
      expect(points.length).toBeGreaterThan(400);
      expect(points[0]!.t).toBe(week.find((s) => s[metric] !== null)!.t);
      expect(points.at(-1)!.t).toBe(week.findLast((s) => s[metric] !== null)!.t);
    }
  });
});
