/** One beat is one sample whatever the clock-offset estimate said; the future is not kept as such. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FUTURE_TOLERANCE_MS, MetricHistory } from '../../../../core/history/metric-history';

const T0 = Date.parse('2026-11-27T05:00:00.000Z');
const at = (ms: number): string => new Date(ms).toISOString();
const HOUR = 3_600_000;

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

it('the same beats moved by an offset estimate that jitters by half a second stay one sample each', () => {
  const h = new MetricHistory({ now: () => T0 + HOUR });
  const beats = [0, 60_000, 120_000, 180_000].map((ms) => T0 + ms);
  for (let fetch = 0; fetch < 50; fetch++) {
    const jitter = Math.round((Math.random() - 0.5) * 1_000);
    for (const b of beats) h.record(1, at(b + jitter), 'active', { cpu_percent: 1 });
  }
  expect(h.samples(1)).toHaveLength(4);
});

it('a sample stamped beyond a small tolerance ahead of this computer’s clock is not kept', () => {
  const h = new MetricHistory({ now: () => T0 });
  expect(h.record(1, at(T0 + 2 * HOUR), 'active', null)).toBe(false);
  expect(h.record(1, at(T0 + FUTURE_TOLERANCE_MS + 1), 'active', null)).toBe(false);
  expect(h.record(1, at(T0 + 30_000), 'active', null)).toBe(true); // within an uncorrected offset
  expect(h.samples(1).map((s) => s.t)).toEqual([T0 + 30_000]);
});

it('samples stamped while this computer’s clock ran two hours ahead go once it is back, and stay gone after a restart', async () => {
  dir = await mkdtemp(join(tmpdir(), 'steward-history-'));
  const file = join(dir, 'history.jsonl');
  let clock = T0 + 2 * HOUR;
  const h = new MetricHistory({ file, flushDelayMs: 0, now: () => clock });
  await h.load();
  h.record(1, at(T0 - 60_000), 'active', null);
  h.record(1, at(T0 + 2 * HOUR), 'active', null); // "now", on a clock two hours ahead
  await h.flush();
  clock = T0; // the clock comes back
  expect(h.record(1, at(T0), 'active', null)).toBe(true);
  expect(h.samples(1).map((s) => s.t)).toEqual([T0 - 60_000, T0]);
  expect(h.stats().samples).toBe(2);
  await h.close();

  // A file written before the clock came back (here: the one above, if the rewrite were missing).
  const again = new MetricHistory({ file, now: () => clock });
  await again.load();
  expect(again.samples(1).map((s) => s.t)).toEqual([T0 - 60_000, T0]);
  await again.close();
});
