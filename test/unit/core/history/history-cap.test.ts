/** The metric history's total-samples cap: memory stays bounded however large the fleet. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricHistory } from '../../../../core/history/metric-history';

const T0 = Date.parse('2026-11-27T05:00:00.000Z');
const iso = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
const m = (cpu: number) => ({ cpu_percent: cpu, memory_mb: 512, requests_last_minute: 10, errors_last_minute: 0 });

function fill(h: MetricHistory, id: number, count: number, fromMinute = 0): void {
  for (let i = 0; i < count; i++) h.record(id, iso(fromMinute + i), 'active', m(i));
}

describe('MetricHistory total cap', () => {
  it('trims the droplets with the most samples, oldest first, and leaves small histories whole', () => {
    const h = new MetricHistory({ maxTotalSamples: 1_000 });
    for (let id = 1; id <= 5; id++) fill(h, id, 100);
    fill(h, 99, 700); // the big one: 1,200 samples in all
    const { samples } = h.stats();
    expect(samples).toBeLessThanOrEqual(1_000);
    for (let id = 1; id <= 5; id++) expect(h.samples(id)).toHaveLength(100);
    const big = h.samples(99);
    expect(big.length).toBeLessThan(700);
    expect(big.length).toBeGreaterThan(300); // trimmed to fit, not wiped
    // The newest are what is kept.
    expect(big.at(-1)!.t).toBe(T0 + 699 * 60_000);
    expect(big[0]!.t).toBe(T0 + (700 - big.length) * 60_000);
    expect(samples).toBe(500 + big.length);
  });

  it('shares the cap evenly when every droplet has a long history', () => {
    const h = new MetricHistory({ maxTotalSamples: 1_000, maxSamplesPerDroplet: 10_080 });
    for (let minute = 0; minute < 400; minute++) for (let id = 1; id <= 10; id++) h.record(id, iso(minute), 'active', m(minute));
    expect(h.stats().samples).toBeLessThanOrEqual(1_000);
    const lengths = Array.from({ length: 10 }, (_, i) => h.samples(i + 1).length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    for (let id = 1; id <= 10; id++) expect(h.samples(id).at(-1)!.t).toBe(T0 + 399 * 60_000);
  });

  it('never holds more than the cap, and each droplet keeps a newest-first suffix of its beats', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 300 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 600 }),
        (cap, beats) => {
          const h = new MetricHistory({ maxTotalSamples: cap, maxSamplesPerDroplet: 120 });
          const seen = new Map<number, Set<number>>();
          for (const [id, minute] of beats) {
            h.record(id, iso(minute), 'active', m(minute));
            expect(h.stats().samples).toBeLessThanOrEqual(cap);
            seen.set(id, (seen.get(id) ?? new Set()).add(minute));
          }
          let total = 0;
          for (const [id] of seen) {
            const kept = h.samples(id).map((s) => (s.t - T0) / 60_000);
            total += kept.length;
            // Sorted, unique, and only beats that were recorded.
            for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
            for (const k of kept) expect(seen.get(id)!.has(k)).toBe(true);
          }
          expect(total).toBe(h.stats().samples);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('applies the cap to what it loads from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'steward-history-cap-'));
    try {
      const file = join(dir, 'h.jsonl');
      const big = new MetricHistory({ file, flushDelayMs: 0 });
      await big.load();
      for (let id = 1; id <= 4; id++) fill(big, id, 500);
      await big.close();

      const small = new MetricHistory({ file, maxTotalSamples: 1_000 });
      await small.load();
      expect(small.stats().samples).toBeLessThanOrEqual(1_000);
      for (let id = 1; id <= 4; id++) {
        const s = small.samples(id);
        expect(s.length).toBeGreaterThanOrEqual(200);
        expect(s.at(-1)!.t).toBe(T0 + 499 * 60_000);
      }
      await small.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
