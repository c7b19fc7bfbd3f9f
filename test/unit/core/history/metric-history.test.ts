import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MetricHistory } from '../../../../core/history/metric-history';
import { parseIsoMs } from '../../../../shared/udc/time';
import { ListedBeatsBuilder, listedBeatRecords } from '../../../../core/fleet/listed-beats';

const T0 = Date.parse('2026-11-27T05:00:00.000Z');
const iso = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
const m = (cpu: number) => ({ cpu_percent: cpu, memory_mb: 512, requests_last_minute: 10, errors_last_minute: 0, uptime: 'x' });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'steward-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('MetricHistory in memory', () => {
  it('turns a heartbeat into a sample, metrics absent as null', () => {
    const h = new MetricHistory();
    expect(h.record(42, iso(0), 'active', { cpu_percent: 12.5, memory_mb: '256', requests_last_minute: true, other: 1 })).toBe(true);
    expect(h.record(42, iso(1), null, null)).toBe(true);
    expect(h.samples(42)).toEqual([
      { t: T0, status: 'active', cpu_percent: 12.5, memory_mb: 256, requests_last_minute: null, errors_last_minute: null },
      { t: T0 + 60_000, status: null, cpu_percent: null, memory_mb: null, requests_last_minute: null, errors_last_minute: null },
    ]);
    expect(h.samples(7)).toEqual([]);
  });

  it('deduplicates by heartbeat time and keeps out-of-order beats sorted', () => {
    const h = new MetricHistory();
    expect(h.record(1, iso(5), 'active', m(5))).toBe(true);
    expect(h.record(1, iso(5), 'active', m(99))).toBe(false);
    expect(h.record(1, '2026-11-27T05:05:00Z', 'active', m(99))).toBe(false); // same instant, other spelling
    expect(h.record(1, iso(1), 'active', m(1))).toBe(true);
    expect(h.record(1, iso(3), 'error', m(3))).toBe(true);
    expect(h.record(1, iso(9), 'active', m(9))).toBe(true);
    expect(h.record(1, iso(3), 'active', m(33))).toBe(false);
    expect(h.record(1, 'not a time', 'active', m(1))).toBe(false);
    expect(h.samples(1).map((s) => [s.t, s.cpu_percent, s.status])).toEqual([
      [T0 + 60_000, 1, 'active'],
      [T0 + 180_000, 3, 'error'],
      [T0 + 300_000, 5, 'active'],
      [T0 + 540_000, 9, 'active'],
    ]);
    expect(h.samples(1, T0 + 180_000).map((s) => s.cpu_percent)).toEqual([3, 5, 9]);
    expect(h.samples(1, T0 + 181_000).map((s) => s.cpu_percent)).toEqual([5, 9]);
  });

  it('keeps at most maxSamplesPerDroplet, dropping the oldest', () => {
    const h = new MetricHistory({ maxSamplesPerDroplet: 50 });
    for (let i = 0; i < 500; i++) h.record(1, iso(i), 'active', m(i));
    const s = h.samples(1);
    expect(s).toHaveLength(50);
    expect(s[0]!.cpu_percent).toBe(450);
    expect(s.at(-1)!.cpu_percent).toBe(499);
    // A beat older than everything kept adds nothing; a late one inside the window does.
    expect(h.record(1, iso(10), 'active', m(10))).toBe(false);
    expect(h.record(1, iso(460.5), 'active', m(460.5))).toBe(true);
    const after = h.samples(1);
    expect(after).toHaveLength(50);
    expect(after[0]!.cpu_percent).toBe(451);
    expect(after.map((x) => x.t)).toEqual([...after.map((x) => x.t)].sort((a, b) => a - b));
    expect(h.stats()).toMatchObject({ droplets: 1, samples: 50 });
  });

  it('forgets the droplets heard from least recently beyond maxDroplets, a batch at a time', () => {
    const h = new MetricHistory({ maxDroplets: 10 });
    for (let id = 1; id <= 10; id++) h.record(id, iso(0), 'active', null);
    for (let id = 1; id <= 5; id++) h.record(id, iso(1), 'active', null);
    h.record(7, iso(0), 'active', null); // a repeated beat still says 7 is around
    h.record(11, iso(1), 'active', null); // over the limit: down to 9, the stalest go
    const kept = Array.from({ length: 11 }, (_, i) => h.samples(i + 1).length);
    expect(kept).toEqual([2, 2, 2, 2, 2, 0, 1, 0, 1, 1, 1]);
    expect(h.stats()).toMatchObject({ droplets: 9, samples: 14 });
  });

  // Its speed is a bench figure (`npm run bench`), not a timed test.
  it('records polls of 10,000 droplets, each keeping its newest samples within its bound', () => {
    // Small per-droplet bound so the polls also drop old samples.
    const h = new MetricHistory({ file: join(dir, 'h.jsonl'), maxSamplesPerDroplet: 8 });
    const metrics = m(1);
    const poll = (minute: number): void => {
      const t = iso(minute);
      for (let id = 1; id <= 10_000; id++) h.record(id, t, 'active', metrics);
    };
    for (let i = 0; i < 15; i++) poll(i);
    expect(h.samples(10_000)).toHaveLength(8);
    expect(h.samples(10_000)[0]!.t).toBe(T0 + 7 * 60_000);
  });
});

describe('parseIsoMs', () => {
  it('agrees with Date.parse on canonical times and anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(parseIsoMs(text)).toBe(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['2026-02-31T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-11-27T24:00:00.000Z', '2026-11-27T05:00:00Z', '2026-11-27 05:00:00.000Z', '2026-1a-27T05:00:00.000Z', 'garbage']) {
      expect(parseIsoMs(text)).toEqual(Date.parse(text));
    }
  });
});

describe("a fleet list's beats (recordListed)", () => {
  // Repeats, an older beat, a beat 1 s from a kept one, one far in the future, an unreadable
  // time, a metric beyond the charted four, an alias, a status never seen before.
  const beats: [number, string, string, Record<string, unknown>][] = [
    [1, iso(0), 'active', m(1)],
    [2, iso(0), 'active', { cpu_percent: 7, requests_per_minute: 40, queue_depth: 3 }],
    [1, iso(1), 'error', m(2)],
    [1, iso(1), 'error', m(2)],
    [1, new Date(T0 + 60_000 + 1_000).toISOString(), 'error', m(3)],
    [1, iso(-5), 'active', m(4)],
    [2, iso(60 * 24 * 365), 'active', m(5)],
    [3, 'yesterday', 'active', m(6)],
    [3, iso(2), 'maintenance', {}],
  ];

  it('keeps what record() keeps, beat by beat, in memory and in the file', async () => {
    const now = () => T0 + 10 * 60_000;
    const one = new MetricHistory({ file: join(dir, 'one.jsonl'), now });
    const listed = new MetricHistory({ file: join(dir, 'listed.jsonl'), now });
    await one.load();
    await listed.load();
    const builder = new ListedBeatsBuilder(beats.length);
    for (const [id, time, status, metrics] of beats) {
      one.record(id, time, status, metrics as never);
      builder.add(id, time, status, metrics as never);
    }
    listed.recordListed(builder.build());
    for (const id of [1, 2, 3]) {
      expect(listed.samples(id)).toEqual(one.samples(id));
      expect(listed.revision(id)).toBe(one.revision(id));
    }
    expect(listed.samples(1).map((s) => s.status)).toEqual(['active', 'active', 'error']);
    expect(listed.extraSamples(2, 'queue_depth')).toEqual(one.extraSamples(2, 'queue_depth'));
    expect(listed.extraSamples(2, 'queue_depth')).toHaveLength(1);
    expect(listed.samples(2)[0]!.requests_last_minute).toBe(40);
    await one.close();
    await listed.close();
    const reopened = new MetricHistory({ file: join(dir, 'listed.jsonl'), now });
    await reopened.load();
    for (const id of [1, 2, 3]) expect(reopened.samples(id)).toEqual(one.samples(id));
  });

  it('crosses as one buffer of numbers that owns its memory alone', () => {
    const builder = new ListedBeatsBuilder(10);
    builder.add(5, iso(0), 'active', m(1));
    const built = builder.build();
    expect(built.flat.buffer.byteLength).toBe(built.flat.byteLength);
    expect(listedBeatRecords(built)).toEqual([{ id: 5, t: T0, status: 'active', metrics: { cpu_percent: 1, memory_mb: 512, requests_last_minute: 10, errors_last_minute: 0 } }]);
  });
});
