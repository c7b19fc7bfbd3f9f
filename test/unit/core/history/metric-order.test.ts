/**
 * A sample's metrics keep their names whatever order CHARTED_METRICS lists them in: the
 * history's columns are its own (they are also the file's), not positions in that list.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MetricHistory } from '../../../../core/history/metric-history';
import { CHARTED_METRICS } from '../../../../shared/model';

vi.mock('../../../../shared/model', async (importOriginal) => {
  const model = await importOriginal<typeof import('../../../../shared/model')>();
  return { ...model, CHARTED_METRICS: [...model.CHARTED_METRICS].reverse() };
});

const T0 = Date.parse('2026-11-27T05:00:00.000Z');
const distinct = { cpu_percent: 1, memory_mb: 2, requests_last_minute: 3, errors_last_minute: 4 };

describe('MetricHistory with CHARTED_METRICS reordered', () => {
  it('runs with the list reordered', () => {
    expect(CHARTED_METRICS[0]).toBe('errors_last_minute');
  });

  it('gives each metric back under its own name', () => {
    const h = new MetricHistory();
    h.record(1, new Date(T0).toISOString(), 'active', distinct);
    expect(h.samples(1)).toEqual([{ t: T0, status: 'active', ...distinct }]);
  });

  it('reads a file written in the column order of version 1, and writes it so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'steward-history-order-'));
    try {
      const file = join(dir, 'h.jsonl');
      const header = JSON.stringify({ steward: 'metric-history', version: 1 });
      await writeFile(file, `${header}\n[1,${T0},"active",1,2,3,4]\n`);
      const h = new MetricHistory({ file });
      expect(await h.load()).toEqual({ warning: null });
      expect(h.samples(1)).toEqual([{ t: T0, status: 'active', ...distinct }]);
      h.record(1, new Date(T0 + 60_000).toISOString(), 'active', distinct);
      await h.close();
      expect((await readFile(file, 'utf8')).trimEnd().split('\n').at(-1)).toBe(`[1,${T0 + 60_000},"active",1,2,3,4]`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
