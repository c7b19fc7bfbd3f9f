/** The metric history file as an attack surface: modes, planted links, lines with no end. */
import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_LINE_CHARS } from '../../../../core/history/history-file';
import { MetricHistory } from '../../../../core/history/metric-history';

const T0 = Date.parse('2026-11-27T05:00:00.000Z');
const iso = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
const m = (cpu: number) => ({ cpu_percent: cpu, memory_mb: 512, requests_last_minute: 10, errors_last_minute: 0, uptime: 'x' });
const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const posix = process.platform !== 'win32';

let dir: string;
let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'steward-history-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** A history file with cpu 0 and 1 for droplet 1: its header and two lines. */
async function twoSampleFile(file: string): Promise<string[]> {
  const a = new MetricHistory({ file });
  await a.load();
  a.record(1, iso(0), 'active', m(0));
  a.record(1, iso(1), 'active', m(1));
  await a.close();
  return (await readFile(file, 'utf8')).trimEnd().split('\n');
}

/** Every string JSON.parse is given from here on. */
function parsedTexts(): string[] {
  const seen: string[] = [];
  const parse = JSON.parse;
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    seen.push(text);
    return parse(text, reviver) as unknown;
  });
  return seen;
}

describe.skipIf(!posix)('metric history modes and links', () => {
  it('creates its folders 0700 and the file 0600 under a permissive umask', async () => {
    const file = join(dir, 'profiles', 'p-1', 'metric-history.jsonl');
    await twoSampleFile(file);
    expect([await mode(join(dir, 'profiles')), await mode(join(dir, 'profiles', 'p-1')), await mode(file)]).toEqual([0o700, 0o700, 0o600]);
  });

  it('narrows a history file an older Steward left 0644', async () => {
    const file = join(dir, 'metric-history.jsonl');
    await twoSampleFile(file);
    await chmod(file, 0o644);
    const h = new MetricHistory({ file });
    expect(await h.load()).toEqual({ warning: null });
    expect(await mode(file)).toBe(0o600);
  });

  it('does not read or append through a symbolic link planted at the history file', async () => {
    const outside = join(await mkdtemp(join(tmpdir(), 'steward-outside-')), 'victim.jsonl');
    const before = (await twoSampleFile(outside)).join('\n') + '\n';
    const file = join(dir, 'metric-history.jsonl');
    await symlink(outside, file);
    const h = new MetricHistory({ file, flushDelayMs: 0 });
    const { warning } = await h.load();
    expect(warning).toMatch(/metric-history\.jsonl is a symbolic link; Steward does not follow links.*not saved this session/);
    expect(h.samples(1)).toEqual([]);
    h.record(1, iso(5), 'active', m(5));
    await h.close();
    expect(await readFile(outside, 'utf8')).toBe(before);
  });
});

describe('metric history lines with no end', () => {
  it('skips an over-long garbage line unread and still loads the lines after it', async () => {
    const file = join(dir, 'metric-history.jsonl');
    const [header, one, two] = await twoSampleFile(file);
    const garbage = 'x'.repeat(MAX_LINE_CHARS + 1000);
    await writeFile(file, `${header}\n${one}\n${garbage}\n${two}\n`);
    const seen = parsedTexts();
    const h = new MetricHistory({ file });
    const { warning } = await h.load();
    expect(warning).toMatch(/has 1 unreadable line; 2 readable samples were kept and the original is kept as /);
    expect(h.samples(1).map((s) => s.cpu_percent)).toEqual([0, 1]);
    expect(seen.some((t) => t.includes('x'.repeat(MAX_LINE_CHARS)))).toBe(false);
  });

  it('treats 5 MB with no newline after the last line as damage, not as a torn append to hold whole', async () => {
    const file = join(dir, 'metric-history.jsonl');
    const lines = await twoSampleFile(file);
    await writeFile(file, `${lines.join('\n')}\n${'x'.repeat(5 * 1024 * 1024)}`);
    const seen = parsedTexts();
    const h = new MetricHistory({ file });
    const { warning } = await h.load();
    expect(warning).toMatch(/has 1 unreadable line; 2 readable samples were kept/);
    expect(seen.some((t) => t.length > MAX_LINE_CHARS)).toBe(false);
  });

  it('keeps a 5 MB file with no newline at all aside and starts empty', async () => {
    const file = join(dir, 'metric-history.jsonl');
    await writeFile(file, 'x'.repeat(5 * 1024 * 1024));
    const h = new MetricHistory({ file });
    const { warning } = await h.load();
    expect(warning).toMatch(/is not a Steward history file/);
    expect(h.samples(1)).toEqual([]);
    expect((await readdir(dir)).some((f) => f.includes('.corrupt-'))).toBe(true);
  });
});
