/** The metric history's file, through MetricHistory: appends, compaction, torn and damaged files. */
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricHistory } from '../../../../core/history/metric-history';

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

describe('MetricHistory on disk', () => {
  it('survives a restart, appending between compactions', async () => {
    const file = join(dir, 'history.jsonl');
    const a = new MetricHistory({ file, flushDelayMs: 10_000 });
    expect(await a.load()).toEqual({ warning: null });
    a.record(1, iso(0), 'active', m(0));
    a.record(2, iso(0), 'error', null);
    await a.flush();
    a.record(1, iso(2), 'active', m(2));
    a.record(1, iso(1), 'inactive', m(1));
    await a.close();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(5); // header, 2 compacted, 2 appended

    const b = new MetricHistory({ file });
    expect(await b.load()).toEqual({ warning: null });
    expect(b.samples(1)).toEqual(a.samples(1));
    expect(b.samples(1).map((s) => s.status)).toEqual(['active', 'inactive', 'active']);
    expect(b.samples(2)).toEqual(a.samples(2));
    await b.close();
  });

  it('flushes by itself after flushDelayMs', async () => {
    const file = join(dir, 'history.jsonl');
    const h = new MetricHistory({ file, flushDelayMs: 20 });
    await h.load();
    h.record(1, iso(0), 'active', m(0));
    await expect.poll(async () => (await readFile(file, 'utf8').catch(() => '')).split('\n').length, { timeout: 2000 }).toBe(3);
    await h.close();
  });

  it('merges what was recorded before load with the file, and writes nothing before load', async () => {
    const file = join(dir, 'history.jsonl');
    const a = new MetricHistory({ file });
    await a.load();
    a.record(1, iso(0), 'active', m(0));
    await a.close();

    const b = new MetricHistory({ file });
    b.record(1, iso(1), 'active', m(1));
    await b.flush(); // not loaded yet: must not replace the file
    expect(await b.load()).toEqual({ warning: null });
    await b.close();
    const c = new MetricHistory({ file });
    await c.load();
    expect(c.samples(1).map((s) => s.cpu_percent)).toEqual([0, 1]);
  });

  it('reads past a torn last line (a crash mid-append) without a warning', async () => {
    const file = join(dir, 'history.jsonl');
    const a = new MetricHistory({ file });
    await a.load();
    a.record(1, iso(0), 'active', m(0));
    await a.close();
    await appendFile(file, '[1,1795000000000,"act');

    const b = new MetricHistory({ file });
    expect(await b.load()).toEqual({ warning: null });
    expect(b.samples(1)).toHaveLength(1);
    b.record(1, iso(1), 'active', m(1));
    await b.close();
    const c = new MetricHistory({ file });
    expect(await c.load()).toEqual({ warning: null });
    expect(c.samples(1).map((s) => s.cpu_percent)).toEqual([0, 1]);
    expect(await readdir(dir)).toEqual(['history.jsonl']);
  });

  it('keeps a damaged file aside, salvages what it can and says so', async () => {
    const file = join(dir, 'history.jsonl');
    const a = new MetricHistory({ file });
    await a.load();
    a.record(1, iso(0), 'active', m(0));
    a.record(1, iso(1), 'active', m(1));
    await a.close();
    const original = (await readFile(file, 'utf8')).replace(/\n\[1,\d+,"active",0,[^\n]*/, '\n\u0000\u0000garbage');
    await writeFile(file, original);

    const b = new MetricHistory({ file });
    const { warning } = await b.load();
    expect(warning).toMatch(/1 unreadable line; 1 readable samples were kept and the original is kept as .*history\.jsonl\.corrupt-/);
    expect(b.samples(1).map((s) => s.cpu_percent)).toEqual([1]);
    const files = await readdir(dir);
    const backup = files.find((f) => f.includes('.corrupt-'));
    expect(backup).toBeDefined();
    expect(await readFile(join(dir, backup!), 'utf8')).toBe(original);
    // The live file was rewritten clean: the next start has nothing to complain about.
    const c = new MetricHistory({ file });
    expect(await c.load()).toEqual({ warning: null });
    expect(c.samples(1)).toHaveLength(1);
  });

  it('keeps a file that is not a history aside rather than replacing it', async () => {
    const file = join(dir, 'history.jsonl');
    await writeFile(file, '{"something": "else"}');
    const h = new MetricHistory({ file });
    const { warning } = await h.load();
    expect(warning).toMatch(/is not a Steward history file/);
    const backup = (await readdir(dir)).find((f) => f.includes('.corrupt-'));
    expect(await readFile(join(dir, backup!), 'utf8')).toBe('{"something": "else"}');
    h.record(1, iso(0), 'active', null);
    await h.close();
    const again = new MetricHistory({ file });
    expect(await again.load()).toEqual({ warning: null });
    expect(again.samples(1)).toHaveLength(1);
  });

  it('loses nothing recorded while a compaction is being written', async () => {
    const file = join(dir, 'history.jsonl');
    const h = new MetricHistory({ file, flushDelayMs: 60_000 });
    await h.load();
    for (let id = 1; id <= 100; id++) for (let i = 0; i < 100; i++) h.record(id, iso(i), 'active', m(i));
    const compaction = h.flush(); // the first write compacts, a droplet per chunk
    let extra = 0;
    const during = setInterval(() => {
      for (let id = 1; id <= 100; id += 7) h.record(id, iso(100 + extra), 'active', m(100 + extra));
      extra++;
    }, 0);
    await compaction;
    clearInterval(during);
    expect(extra).toBeGreaterThan(0);
    await h.close();
    const again = new MetricHistory({ file });
    expect(await again.load()).toEqual({ warning: null });
    for (const id of [1, 8, 99, 100]) expect(again.samples(id)).toEqual(h.samples(id));
    expect(again.stats().samples).toBe(h.stats().samples);
  });

  it('compacts once the file holds far more than is kept', async () => {
    const file = join(dir, 'history.jsonl');
    // A clock past every sample: the 50,000 minutes run beyond today, and the future is not kept.
    const h = new MetricHistory({ file, maxSamplesPerDroplet: 10, now: () => T0 + 60_000 * 60_000 });
    await h.load();
    for (let i = 0; i < 25_000; i++) h.record(1, iso(i), 'active', null);
    await h.flush(); // first write compacts: header + 10
    for (let i = 25_000; i < 50_000; i++) h.record(1, iso(i), 'active', null);
    await h.flush(); // appended: 25,011 lines
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(25_012);
    h.record(1, iso(50_000), 'active', null);
    await h.flush(); // now over the limit: compacted
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(12);
    await h.close();
    const again = new MetricHistory({ file, maxSamplesPerDroplet: 10, now: () => T0 + 60_000 * 60_000 });
    await again.load();
    expect(again.samples(1).map((s) => s.t)).toEqual(h.samples(1).map((s) => s.t));
  });
});
