/**
 * Per-droplet metric history for the charts. No deployed route serves past metrics, so
 * Steward keeps what it sees, one sample per heartbeat time.
 *
 * Memory: one array of numbers per droplet (null metrics as NaN, statuses interned), so a
 * sample costs ~50 bytes, not an object. Recording is O(1) for the usual in-order beat. A
 * total cap (maxTotalSamples) bounds the whole: 7 days for 10,000 droplets would be GBs.
 *
 * Disk: JSON lines, appended per flush (cost proportional to what is new, not to the whole
 * history) and compacted through writeFileAtomic when the file holds much more than memory.
 * A crash mid-append can only leave a torn last line, which load ignores; samples are
 * idempotent, so replaying the file gives the state before the crash plus whole new lines.
 * Any other damage is copied aside and reported, then the file is rewritten.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Metrics, Sample } from '../../shared/model';
import { CHARTED_METRICS } from '../../shared/model';
import { errorCode, moveAside, writeFileAtomic } from '../fs/atomic-file';
import { parseIsoMs } from '../../shared/udc/time';

export interface MetricHistoryOptions {
  /** Where to persist; memory only when absent. */
  file?: string;
  /** Default 10080: 7 days of one-minute beats. */
  maxSamplesPerDroplet?: number;
  /** Default 20000. Beyond it, the droplets heard from least recently are forgotten. */
  maxDroplets?: number;
  /**
   * Samples kept across all droplets (default 2,000,000, about 100 MB). Beyond it, the oldest
   * samples of the droplets with the most are dropped, until the total is back to 90% of it:
   * every droplet keeps its newest samples, and small histories are not touched.
   */
  maxTotalSamples?: number;
  /** Recorded samples reach the disk at most this long after recording (default 2000). */
  flushDelayMs?: number;
  /** Clock for the name of a damaged file's backup. */
  now?: () => number;
  /** A background flush failed (the samples stay queued and are retried). */
  onError?: (e: unknown) => void;
}

/** About 100 MB of samples at ~50 bytes each. */
export const DEFAULT_MAX_TOTAL_SAMPLES = 2_000_000;

const HEADER = JSON.stringify({ steward: 'metric-history', version: 1 });
const METRIC_COUNT = CHARTED_METRICS.length;
/** Numbers per sample in memory: time, status code (-1 for null), metrics (NaN for null). */
const STRIDE = 2 + METRIC_COUNT;
/** A file line is [dropletId, epochMs, status|null, ...metrics|null]. */
const LINE_LENGTH = 1 + STRIDE;
/** Extra file lines tolerated before compacting (beyond 2x the samples in memory). */
const COMPACT_SLACK = 20_000;
const SNAPSHOT_PIECE_CHARS = 512 * 1024;

class Series {
  /** When last recorded (MetricHistory.clock), for forgetting the stalest droplets. */
  touched = 0;
  /** The newest sample's time as given, to skip a repeated beat without parsing. */
  lastIso = '';
  /** Samples interleaved, STRIDE numbers each: one array per droplet keeps a poll's writes local. */
  readonly data: number[] = [];

  get count(): number {
    return this.data.length / STRIDE;
  }

  time(i: number): number {
    return this.data[i * STRIDE]!;
  }

  /** Index of the oldest retained sample: older ones are dropped lazily, in batches. */
  start(max: number): number {
    return Math.max(0, this.count - max);
  }

  /** First index whose time is >= t. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class MetricHistory {
  private readonly file: string | undefined;
  private readonly max: number;
  private readonly maxDroplets: number;
  private readonly maxTotal: number;
  private readonly flushDelayMs: number;
  private readonly now: () => number;
  private readonly onError: ((e: unknown) => void) | undefined;
  private readonly series = new Map<number, Series>();
  private clock = 0;
  private readonly statusCodes = new Map<string, number>();
  private readonly statusNames: string[] = [];
  /** Samples recorded since the last flush, LINE_LENGTH numbers each. */
  private pending: number[] = [];
  private retained = 0;
  private linesInFile = 0;
  private needsCompaction = true;
  private persist: boolean;
  /** Nothing is written before load(): a first write would replace the file unread. */
  private loaded = false;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(opts: MetricHistoryOptions = {}) {
    this.file = opts.file;
    this.persist = opts.file !== undefined;
    this.max = Math.max(1, Math.floor(opts.maxSamplesPerDroplet ?? 10_080));
    this.maxDroplets = Math.max(1, Math.floor(opts.maxDroplets ?? 20_000));
    this.maxTotal = Math.max(1, Math.floor(opts.maxTotalSamples ?? DEFAULT_MAX_TOTAL_SAMPLES));
    this.flushDelayMs = Math.max(0, opts.flushDelayMs ?? 2000);
    this.now = opts.now ?? Date.now;
    this.onError = opts.onError;
  }

  /** Read the file into memory, merging with anything recorded already. Call once, before saving. */
  async load(): Promise<{ warning: string | null }> {
    const file = this.file;
    if (!file || this.loaded || !this.persist) return { warning: null };
    let lines = 0;
    let bad = 0;
    let headerOk: boolean | null = null;
    let torn: string | null;
    try {
      torn = await readLineBatches(file, (batch) => {
        lines += batch.length;
        if (headerOk === null) headerOk = batch[0] === HEADER;
        bad += this.applyLines(batch, headerOk && lines === batch.length ? 1 : 0);
      });
    } catch (e) {
      if (errorCode(e) === 'ENOENT') {
        this.loaded = true;
        return { warning: null };
      }
      // Never overwrite what could not be read (it may be a passing permission problem).
      this.persist = false;
      return { warning: `The metric history in ${file} could not be read (${errorText(e)}); charts start empty and history is not saved this session.` };
    }
    headerOk ??= torn === null; // no whole line: fine if empty, garbage otherwise
    // Cut just before its newline, a torn line can still be whole.
    if (torn !== null && headerOk) this.applyLines([torn], 0);
    this.linesInFile = lines;
    // A torn last line is what a crash mid-append leaves: expected, so no warning; the
    // rewrite puts the missing newline back before anything is appended.
    this.needsCompaction = torn !== null || !headerOk || bad > 0 || lines === 0;
    if (headerOk && bad === 0) {
      this.loaded = true;
      return { warning: null };
    }

    const what = headerOk ? `has ${bad} unreadable line${bad === 1 ? '' : 's'}` : 'is not a Steward history file';
    let backup: string;
    try {
      backup = await moveAside(file, { copy: true, now: new Date(this.now()) });
    } catch (e) {
      this.persist = false;
      return { warning: `The metric history in ${file} ${what} and could not be kept aside (${errorText(e)}); it is left untouched and history is not saved this session.` };
    }
    this.loaded = true;
    await this.flush().catch(() => undefined); // a failure resurfaces with the next flush
    return { warning: `The metric history in ${file} ${what}; ${this.retained} readable samples were kept and the original is kept as ${backup}.` };
  }

  /**
   * One heartbeat's sample. False when it adds nothing: a duplicate heartbeat time, an
   * unreadable time, or one older than everything retained for a full droplet.
   */
  record(dropletId: number, timeIso: string, status: string | null, metrics: Metrics | null): boolean {
    // Polls mostly repeat the last beat: recognise it before parsing anything.
    const known = this.series.get(dropletId);
    if (known?.lastIso === timeIso) {
      known.touched = ++this.clock;
      return false;
    }
    const t = parseIsoMs(timeIso);
    if (!Number.isFinite(t)) return false;
    const code = status === null ? -1 : this.statusCode(status);
    const values: number[] = [];
    for (let i = 0; i < METRIC_COUNT; i++) values.push(metricNumber(metrics?.[CHARTED_METRICS[i]!]));
    const series = this.insert(dropletId, t, code, values, known);
    if (!series) return false;
    if (series.count > 0 && t === series.time(series.count - 1)) series.lastIso = timeIso;
    if (this.persist) {
      this.pending.push(dropletId, t, code);
      for (let i = 0; i < METRIC_COUNT; i++) this.pending.push(values[i]!);
      this.scheduleFlush();
    }
    return true;
  }

  /** Retained samples of a droplet at or after `sinceMs`, oldest first. */
  samples(dropletId: number, sinceMs?: number): Sample[] {
    const series = this.series.get(dropletId);
    if (!series) return [];
    let from = series.start(this.max);
    if (sinceMs !== undefined) from = Math.max(from, series.lowerBound(sinceMs));
    const d = series.data;
    const out: Sample[] = [];
    for (let i = from * STRIDE; i < d.length; i += STRIDE) {
      const code = d[i + 1]!;
      out.push({
        t: d[i]!,
        status: code < 0 ? null : this.statusNames[code]!,
        cpu_percent: orNull(d[i + 2]!),
        memory_mb: orNull(d[i + 3]!),
        requests_last_minute: orNull(d[i + 4]!),
        errors_last_minute: orNull(d[i + 5]!),
      });
    }
    return out;
  }

  stats(): { droplets: number; samples: number; pending: number } {
    return { droplets: this.series.size, samples: this.retained, pending: this.pending.length / LINE_LENGTH };
  }

  /** Write what is pending now. Resolves when it is on disk; rejects if the write failed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.persist) return Promise.resolve();
    const op = this.queue.then(() => this.write());
    this.queue = op.catch(() => undefined);
    return op;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private scheduleFlush(): void {
    // Not re-armed by later records: a steady stream of beats still reaches the disk.
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((e: unknown) => this.onError?.(e));
    }, this.flushDelayMs);
    this.timer.unref?.();
  }

  private async write(): Promise<void> {
    const file = this.file!;
    if (!this.loaded) return;
    if (this.needsCompaction || this.linesInFile > 2 * this.retained + COMPACT_SLACK) {
      // Whatever is recorded from here on stays pending as well, so a droplet written
      // before a new beat loses nothing; one written after just gets a duplicate line.
      this.pending = [];
      this.needsCompaction = true;
      const counter = { lines: 0 };
      await writeFileAtomic(file, this.snapshot(counter));
      this.needsCompaction = false;
      this.linesInFile = counter.lines;
      return;
    }
    if (!this.pending.length) return;
    const taken = this.pending;
    this.pending = [];
    try {
      const fh = await open(file, 'a', 0o600);
      try {
        await fh.appendFile(linesOf(taken, this.statusNames));
        await fh.datasync();
      } finally {
        await fh.close();
      }
      this.linesInFile += taken.length / LINE_LENGTH;
    } catch (e) {
      // Retried with the next flush; lines of a partial append are harmless duplicates.
      this.pending = taken.concat(this.pending);
      throw e;
    }
  }

  /** The whole history as file text, one droplet per chunk, built as the write goes (no pause). */
  private *snapshot(counter: { lines: number }): Generator<string> {
    // Written in pieces of about half a megabyte: one write per droplet would be 10,000 file
    // operations (most of a compaction's cost on main's thread), one for everything a pause.
    let piece = '';
    for (const text of this.snapshotLines(counter)) {
      piece += text;
      if (piece.length >= SNAPSHOT_PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  }

  private *snapshotLines(counter: { lines: number }): Generator<string> {
    counter.lines = 1;
    yield HEADER + '\n';
    const row: number[] = [];
    for (const [id, series] of this.series) {
      const d = series.data;
      row.length = 0;
      for (let i = series.start(this.max) * STRIDE; i < d.length; i += STRIDE) {
        row.push(id);
        for (let k = 0; k < STRIDE; k++) row.push(d[i + k]!);
      }
      if (!row.length) continue;
      counter.lines += row.length / LINE_LENGTH;
      yield linesOf(row, this.statusNames);
    }
  }

  /** Apply file lines from index `from`; answers how many were unreadable. */
  private applyLines(lines: string[], from: number): number {
    if (from >= lines.length) return 0;
    // One JSON.parse per batch is several times faster than one per line.
    let rows: unknown[] | null = null;
    try {
      const parsed: unknown = JSON.parse(`[${(from ? lines.slice(from) : lines).join(',')}]`);
      if (Array.isArray(parsed) && parsed.length === lines.length - from) rows = parsed;
    } catch {
      // Some line is damaged: fall back to one at a time below.
    }
    let bad = 0;
    for (let i = from; i < lines.length; i++) {
      let row: unknown = undefined;
      if (rows) row = rows[i - from];
      else {
        try {
          row = JSON.parse(lines[i]!);
        } catch {
          // counted below
        }
      }
      if (!this.applyRow(row)) bad++;
    }
    return bad;
  }

  private applyRow(v: unknown): boolean {
    if (!Array.isArray(v) || v.length !== LINE_LENGTH) return false;
    const [id, t, status] = v as unknown[];
    if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) return false;
    if (typeof t !== 'number' || !Number.isFinite(t)) return false;
    if (status !== null && typeof status !== 'string') return false;
    const values: number[] = [];
    for (let k = 0; k < METRIC_COUNT; k++) {
      const x: unknown = v[3 + k];
      if (x === null) values.push(NaN);
      else if (typeof x === 'number' && Number.isFinite(x)) values.push(x);
      else return false;
    }
    this.insert(id, t, status === null ? -1 : this.statusCode(status), values);
    return true;
  }

  /** The series when the sample was added; null when it adds nothing. */
  private insert(id: number, t: number, code: number, values: number[], known = this.series.get(id)): Series | null {
    let series = known;
    if (!series) {
      series = new Series();
      series.touched = ++this.clock;
      this.series.set(id, series);
      if (this.series.size > this.maxDroplets) this.evictStalest();
    }
    series.touched = ++this.clock;

    const d = series.data;
    const n = series.count;
    if (n === 0 || t > series.time(n - 1)) {
      d.push(t, code);
      for (let k = 0; k < METRIC_COUNT; k++) d.push(values[k]!);
    } else {
      const at = series.lowerBound(t);
      if (at < n && series.time(at) === t) return null;
      if (n >= this.max && at <= series.start(this.max)) return null;
      d.splice(at * STRIDE, 0, t, code, ...values);
    }
    if (n < this.max) this.retained++;
    // Drop the oldest in batches: shifting a 10k-sample array on every beat costs O(n) each.
    const slack = Math.max(16, this.max >> 3);
    if (n + 1 > this.max + slack) d.splice(0, (n + 1 - this.max) * STRIDE);
    if (this.retained > this.maxTotal) this.shed();
    return series;
  }

  /**
   * Forget the droplets heard from least recently, a tenth of the limit at once: one sort
   * now and then, rather than a scan (or a re-ordering) on every record.
   */
  private evictStalest(): void {
    const keep = Math.max(1, Math.floor(this.maxDroplets * 0.9));
    const byAge = [...this.series].sort((a, b) => a[1].touched - b[1].touched);
    for (const [id, series] of byAge.slice(0, byAge.length - keep)) {
      this.retained -= series.count - series.start(this.max);
      this.series.delete(id);
    }
  }

  /**
   * Back under the total cap, with room to spare so this runs now and then, not per record:
   * find the largest per-droplet count L such that keeping at most the newest L samples of
   * each droplet fits 90% of the cap, and trim the droplets holding more than L.
   */
  private shed(): void {
    const target = Math.floor(this.maxTotal * 0.9);
    const counts: number[] = [];
    for (const series of this.series.values()) counts.push(series.count - series.start(this.max));
    counts.sort((a, b) => a - b);
    let kept = 0; // samples of the droplets below the level, kept whole
    let level = 0;
    for (let i = 0; i < counts.length; i++) {
      const rest = counts.length - i;
      if (kept + counts[i]! * rest <= target) {
        kept += counts[i]!;
        level = counts[i]!;
      } else {
        level = Math.floor((target - kept) / rest);
        break;
      }
    }
    for (const [id, series] of this.series) {
      const from = series.start(this.max);
      const visible = series.count - from;
      if (visible <= level) continue;
      series.data.splice(0, (series.count - level) * STRIDE);
      this.retained -= visible - level;
      if (level === 0) this.series.delete(id);
    }
    // The file still holds what was dropped: rewrite it before it grows far beyond memory.
    if (this.linesInFile > 2 * this.retained + COMPACT_SLACK) this.needsCompaction = true;
  }

  private statusCode(status: string): number {
    let code = this.statusCodes.get(status);
    if (code === undefined) {
      code = this.statusNames.push(status) - 1;
      this.statusCodes.set(status, code);
    }
    return code;
  }
}

function metricNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'string' && v.trim() !== '') return Number(v); // NaN when not numeric
  return NaN;
}

function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

function linesOf(flat: number[], statusNames: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += LINE_LENGTH) {
    const code = flat[i + 2]!;
    let line = `[${flat[i]},${flat[i + 1]},${code < 0 ? 'null' : JSON.stringify(statusNames[code])}`;
    for (let k = 0; k < METRIC_COUNT; k++) {
      const v = flat[i + 3 + k]!;
      line += Number.isNaN(v) ? ',null' : `,${v}`;
    }
    out.push(line, ']\n');
  }
  return out.join('');
}

/**
 * Feed the newline-terminated lines (empty ones skipped) to `onBatch`, a read chunk at a
 * time, and answer the unterminated remainder (a torn append), if any.
 */
async function readLineBatches(file: string, onBatch: (lines: string[]) => void): Promise<string | null> {
  let rest = '';
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    const lines = parts.filter((p) => p !== '');
    if (lines.length) onBatch(lines);
  }
  return rest === '' ? null : rest;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
