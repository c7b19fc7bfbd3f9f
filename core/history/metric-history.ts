/**
 * Per-droplet metric history for the charts. No deployed route serves past metrics, so
 * Steward keeps what it sees, one sample per heartbeat time: in memory (series.ts) and,
 * when given a file, on disk (history-file.ts), a flush at most flushDelayMs after a record.
 */
import type { ExtraMetricSample, HistoryView, Metrics, Sample } from '../../shared/model';
import { chartHistoryOf, type ChartHistory } from '../../shared/downsample';
import { parseIsoMs } from '../../shared/udc/time';
import { ExtraMetrics } from './extra-metrics';
import { HistoryFile, LINE_LENGTH } from './history-file';
import { PROBE_METRIC_PREFIX } from '../../shared/probe';
import { METRIC_COLUMNS, METRIC_COUNT, metricValues, SeriesStore, type Series, type SeriesLimits } from './series';
import { LISTED_METRICS, LISTED_STRIDE, type ListedBeats } from '../fleet/listed-beats';
import { FloatRun } from './float-run';

export interface MetricHistoryOptions extends SeriesLimits {
  /** Samples kept across all droplets' extra metrics (memory only; default DEFAULT_MAX_EXTRA_SAMPLES). */
  maxExtraSamples?: number;
  /** Where to persist; memory only when absent. */
  file?: string;
  /** Recorded samples reach the disk at most this long after recording (default 2000). */
  flushDelayMs?: number;
  /** Clock for the name of a damaged file's backup. */
  now?: () => number;
  /** Each write's outcome: the failure (the samples stay queued and are retried), or null once one succeeded. */
  onWrite?: (failure: unknown) => void;
}

/**
 * Beats this close are one beat: a details answer moved onto our clock by a per-answer offset
 * estimate (which moves by up to a second) stamps the same beat a little differently each time.
 * Real beats are seconds apart (keep-alives at least 5 s).
 */
export const SAME_BEAT_MS = 2_000;
/**
 * A sample stamped further ahead of this computer's clock is not kept: offsets under a minute
 * are not corrected (CLOCK_SKEW_NOTICE_MS), so up to a minute ahead is normal, far beyond is a
 * clock that was (or is) wrong.
 */
export const FUTURE_TOLERANCE_MS = 2 * 60_000;

/** Where each of the history's columns is in a listed beat. */
const LISTED_AT = METRIC_COLUMNS.map((name) => 3 + LISTED_METRICS.indexOf(name));

/**
 * Probe metrics (a droplet's own /state, core/probes) are a second source beside the beats:
 * named `probe:...`, kept in memory like the extra metrics, a day of one-minute probes per
 * metric and PROBE_TOTAL_SAMPLES across the fleet (~16 MB).
 */
export const PROBE_SAMPLES_PER_METRIC = 1_440;
export const PROBE_TOTAL_SAMPLES = 1_000_000;

export class MetricHistory {
  private readonly file: HistoryFile | undefined;
  private readonly store: SeriesStore;
  /** Metrics beyond the charted four: memory only, never in the file. */
  private readonly extra: ExtraMetrics;
  /** `probe:` metrics: memory only. */
  private readonly probe: ExtraMetrics;
  private readonly flushDelayMs: number;
  private readonly onWrite: ((failure: unknown) => void) | undefined;
  private readonly now: () => number;
  /** Samples recorded since the last flush, LINE_LENGTH numbers each (off the heap, as the series are). */
  private pending = new FloatRun();
  /** Nothing is written before load(): a first write would replace the file unread. */
  private loaded = false;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Per droplet, how many times its history gained a sample: answers carry it, so the window can tell one older than another. */
  private readonly revisions = new Map<number, number>();

  constructor(opts: MetricHistoryOptions = {}) {
    this.now = opts.now ?? Date.now;
    const file = opts.file === undefined ? undefined : new HistoryFile(opts.file, this.now);
    this.file = file;
    this.store = new SeriesStore(opts, () => file?.noteShed(this.store.retained));
    this.extra = new ExtraMetrics({ maxSamplesPerMetric: opts.maxSamplesPerDroplet ?? 10_080, maxTotalSamples: opts.maxExtraSamples });
    this.probe = new ExtraMetrics({ maxSamplesPerMetric: PROBE_SAMPLES_PER_METRIC, maxTotalSamples: PROBE_TOTAL_SAMPLES, namesPerDroplet: 16 });
    this.flushDelayMs = Math.max(0, opts.flushDelayMs ?? 2000);
    this.onWrite = opts.onWrite;
  }

  /** Read the file into memory, merging with anything recorded already. Call once, before saving. */
  async load(): Promise<{ warning: string | null }> {
    if (!this.file || this.loaded || !this.file.writable) return { warning: null };
    const { warning, rewrite } = await this.file.read(this.store);
    this.loaded = this.file.writable;
    // Kept while this computer's clock ran ahead: not shown (nor kept) as the future.
    if (this.store.dropAfter(this.now() + FUTURE_TOLERANCE_MS) > 0) this.file.noteDropped();
    if (rewrite) await this.flush().catch(() => undefined); // a failure resurfaces with the next flush
    return { warning };
  }

  /**
   * One heartbeat's sample. False when it adds nothing: a beat retained already (within
   * SAME_BEAT_MS), an unreadable time, one stamped in the future (beyond FUTURE_TOLERANCE_MS),
   * or one older than everything retained for a full droplet. `sameBeatMs` is 0 for a beat
   * Steward stamps itself on this computer's clock (exact, and its keep-alives may be close).
   */
  record(dropletId: number, timeIso: string, status: string | null, metrics: Metrics | null, sameBeatMs = SAME_BEAT_MS): boolean {
    // Polls mostly repeat the last beat: recognise it before parsing anything.
    const known = this.store.get(dropletId);
    if (known?.lastIso === timeIso) {
      this.store.touch(known);
      return false;
    }
    const t = parseIsoMs(timeIso);
    const series = this.add(dropletId, t, status, metricValues(metrics), metrics, sameBeatMs, known);
    if (series && t === series.time(series.count - 1)) series.lastIso = timeIso;
    return series !== null;
  }

  /**
   * A fleet list's new beats (listed-beats.ts), each as record() takes a beat: the same checks,
   * without a parse or an object per beat.
   */
  recordListed(beats: ListedBeats): void {
    const f = beats.flat;
    const values = new Float64Array(METRIC_COUNT);
    const extra = beats.extra.length > 0 ? new Map(beats.extra.map((e) => [e.beat, e.metrics])) : null;
    for (let at = 0, beat = 0; at < f.length; at += LISTED_STRIDE, beat++) {
      const id = f[at]!;
      const t = f[at + 1]!;
      const known = this.store.get(id);
      // Polls mostly repeat the last beat.
      if (known && known.count > 0 && known.time(known.count - 1) === t) {
        this.store.touch(known);
        continue;
      }
      for (let k = 0; k < METRIC_COUNT; k++) values[k] = f[at + LISTED_AT[k]!]!;
      this.add(id, t, beats.statuses[f[at + 2]!] ?? null, values, extra?.get(beat) ?? null, SAME_BEAT_MS, known);
    }
  }

  /** One sample at `t` (NaN: unreadable); the series it joined, or null when it adds nothing. `metrics`: for the extra ones. */
  private add(dropletId: number, t: number, status: string | null, values: ArrayLike<number>, metrics: Metrics | null, sameBeatMs: number, known: Series | undefined): Series | null {
    if (!Number.isFinite(t)) return null;
    const notAfter = this.now() + FUTURE_TOLERANCE_MS;
    if (t > notAfter) return null;
    if (known && known.count > 0) {
      // The clock came back from running ahead: what it stamped then is not the future.
      if (known.time(known.count - 1) > notAfter && this.store.dropAfter(notAfter, dropletId) > 0) this.file?.noteDropped();
      if (known.hasNear(t, sameBeatMs)) {
        this.store.touch(known);
        return null;
      }
    }
    const code = this.store.statusCode(status);
    const series = this.store.insert(dropletId, t, code, values, known);
    if (!series) return null;
    this.extra.record(dropletId, t, metrics);
    this.revisions.set(dropletId, this.revision(dropletId) + 1);
    if (this.persisting()) {
      this.pending.push(dropletId, t, code);
      this.pending.append(values);
      this.scheduleFlush();
    }
    return series;
  }

  /** Retained samples of a droplet at or after `sinceMs`, oldest first. */
  samples(dropletId: number, sinceMs?: number): Sample[] {
    return this.store.samples(dropletId, sinceMs);
  }

  /** Grows by one each time the droplet's history gains a sample (0 before the first, and for a history loaded from the file). */
  revision(dropletId: number): number {
    return this.revisions.get(dropletId) ?? 0;
  }

  /** What the details pane shows: samples at or after `sinceMs`, where the history begins, and each metric's newest value. */
  view(dropletId: number, sinceMs?: number): HistoryView {
    return { samples: this.store.samples(dropletId, sinceMs), since: this.store.firstTime(dropletId), latest: this.store.latest(dropletId), extra: this.extra.names(dropletId), revision: this.revision(dropletId) };
  }

  /** What the charts draw from `sinceMs` on: each charted metric downsampled to at most `points`. */
  chartView(dropletId: number, sinceMs: number, points: number): ChartHistory {
    return { ...chartHistoryOf(this.store.samples(dropletId, sinceMs), points, this.store.firstTime(dropletId), this.extra.names(dropletId)), revision: this.revision(dropletId) };
  }

  /** One extra or `probe:` metric's samples (kept while Steward runs) at or after `sinceMs`, oldest first. */
  extraSamples(dropletId: number, metric: string, sinceMs?: number): ExtraMetricSample[] {
    return (metric.startsWith(PROBE_METRIC_PREFIX) ? this.probe : this.extra).samples(dropletId, metric, sinceMs);
  }

  /** A probe's numbers at `atMs`; names must start with `probe:` (others are ignored). */
  recordProbe(dropletId: number, atMs: number, values: Readonly<Record<string, number>>): void {
    const named: Record<string, number> = {};
    for (const k in values) if (k.startsWith(PROBE_METRIC_PREFIX)) named[k] = values[k]!;
    this.probe.record(dropletId, atMs, named);
  }

  /** The `probe:` metric names kept for a droplet. */
  probeNames(dropletId: number): string[] {
    return this.probe.names(dropletId);
  }

  stats(): { droplets: number; samples: number; pending: number } {
    return { droplets: this.store.droplets, samples: this.store.retained, pending: this.pending.length / LINE_LENGTH };
  }

  /** Write what is pending now. Resolves when it is on disk; rejects if the write failed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.persisting()) return Promise.resolve();
    const op = this.queue.then(() =>
      this.write().then(
        (wrote) => {
          if (wrote) this.onWrite?.(null);
        },
        (e: unknown) => {
          this.onWrite?.(e);
          throw e;
        },
      ),
    );
    this.queue = op.catch(() => undefined);
    return op;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private persisting(): boolean {
    return this.file?.writable === true;
  }

  private scheduleFlush(): void {
    // Not re-armed by later records: a steady stream of beats still reaches the disk.
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => undefined); // told through onWrite
    }, this.flushDelayMs);
    this.timer.unref?.();
  }

  /** True when something was written. */
  private async write(): Promise<boolean> {
    const file = this.file!;
    if (!this.loaded) return false;
    if (file.wantsCompaction(this.store.retained)) {
      // Whatever is recorded from here on stays pending as well, so a droplet written
      // before a new beat loses nothing; one written after just gets a duplicate line.
      this.pending = new FloatRun();
      await file.compact(this.store);
      return true;
    }
    if (!this.pending.length) return false;
    const taken = this.pending;
    this.pending = new FloatRun();
    try {
      await file.append(taken.view(), this.store);
    } catch (e) {
      // Retried with the next flush; a failed append left the file as it was (appendWhole).
      taken.append(this.pending.view());
      this.pending = taken;
      throw e;
    }
    return true;
  }
}
