/**
 * All-or-nothing appends, through the history file and the communications log: a full disk
 * takes half of a write and refuses the rest; the retry must not glue a line onto the half one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { MetricHistory } from '../../../../core/history/metric-history';
import { RotatingFile } from '../../../../core/fs/rotating-file';

/** Armed: the next write through a handle writes half of what it is given, then fails ENOSPC. */
const disk = vi.hoisted(() => ({ fullAfterHalf: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const open: typeof real.open = async (...args) => {
    const fh = await real.open(...args);
    const write = fh.write.bind(fh) as (b: Buffer, off: number, len: number) => Promise<{ bytesWritten: number; buffer: Buffer }>;
    Object.assign(fh, {
      write: async (b: Buffer, off = 0, len = b.length - off) => {
        if (disk.fullAfterHalf > 0) {
          disk.fullAfterHalf--;
          await write(b, off, Math.floor(len / 2));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        return write(b, off, len);
      },
      // The same disk for a whole-file append (what the history and the log once used).
      appendFile: async (data: string | Buffer) => {
        const b = Buffer.from(data);
        if (disk.fullAfterHalf > 0) {
          disk.fullAfterHalf--;
          await write(b, 0, Math.floor(b.length / 2));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        await write(b, 0, b.length);
      },
    });
    return fh;
  };
  return { ...real, open, default: { ...real, open } };
});

const T0 = Date.parse('2026-11-27T05:00:00.000Z');
const iso = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'steward-append-'));
  disk.fullAfterHalf = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function everyLineParses(text: string): void {
  const lines = text.split('\n');
  expect(lines.at(-1)).toBe('');
  for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line), line).not.toThrow();
}

it('a history append that fails half-way leaves no glued line; the retry writes each sample once', async () => {
  const file = join(dir, 'metric-history.jsonl');
  const failures: unknown[] = [];
  const h = new MetricHistory({ file, now: () => T0 + 3_600_000, onWrite: (f) => failures.push(f) });
  await h.load();
  h.record(1, iso(0), 'active', { cpu_percent: 1 });
  await h.flush(); // the first write compacts: a header and one line
  h.record(1, iso(1), 'active', { cpu_percent: 2 });
  h.record(2, iso(1), 'active', { cpu_percent: 3 });
  disk.fullAfterHalf = 1;
  await expect(h.flush()).rejects.toMatchObject({ code: 'ENOSPC' });
  expect(await readFile(file, 'utf8')).toBe(`${JSON.stringify({ steward: 'metric-history', version: 1 })}\n[1,${T0},"active",1,null,null,null]\n`);
  await h.flush(); // the retry, with room again
  const text = await readFile(file, 'utf8');
  everyLineParses(text);
  expect(text.split('\n')).toHaveLength(5);
  expect(failures.map((f) => (f === null ? null : 'failed'))).toEqual([null, 'failed', null]);
  await h.close();
});

it('a log append that fails half-way is cut back; the next lines start on a line of their own', async () => {
  const path = join(dir, 'comms.log');
  const log = new RotatingFile({ path });
  log.append('{"id":1}');
  await log.flush();
  disk.fullAfterHalf = 1;
  log.append('{"id":2,"body":"a long line that the full disk cuts in half"}');
  await log.flush();
  expect(log.lastError).toMatch(/ENOSPC/);
  expect(await readFile(path, 'utf8')).toBe('{"id":1}\n');
  log.append('{"id":3}');
  await log.flush();
  expect(log.lastError).toBeNull(); // not left set once writes recover
  expect(await readFile(path, 'utf8')).toBe('{"id":1}\n{"id":3}\n');
});

it('a torn last line (a crash mid-write) is not glued to the next append', async () => {
  const path = join(dir, 'comms.log');
  await writeFile(path, '{"id":1}\n{"id":2,"bo');
  const log = new RotatingFile({ path });
  log.append('{"id":3}');
  await log.flush();
  expect(await readFile(path, 'utf8')).toBe('{"id":1}\n{"id":2,"bo\n{"id":3}\n');
});
