/**
 * The metric history in memory: one run of numbers per droplet (null metrics as NaN,
 * statuses interned), so a sample costs ~50 bytes, not an object, and lives off the JS heap
 * (float-run.ts). Adding is O(1) for the usual in-order beat. A total cap (maxTotalSamples)
 * bounds the whole: 7 days for 10,000 droplets would be GBs.
 */
import type { ChartedMetric, LatestValues, Metrics, Sample } from '../../shared/model';
import { readChartedMetric } from '../../shared/udc/readers';
import { FloatRun } from './float-run';

/**
 * A sample's metrics in their order in memory and on disk (history file version 1). The
 * history's own, not CHARTED_METRICS: reordering that list must not relabel stored values.
 */
export const METRIC_COLUMNS = ['cpu_percent', 'memory_mb', 'requests_last_minute', 'errors_last_minute'] as const satisfies readonly ChartedMetric[];
export const METRIC_COUNT = METRIC_COLUMNS.length;
/** Numbers per sample in memory: time, status code (-1 for null), metrics (NaN for null). */
export const STRIDE = 2 + METRIC_COUNT;

export interface SeriesLimits {
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
}

/** One sample on its way into a run: reused, so a poll's 10,000 inserts allocate nothing. */
const SCRATCH = new Float64Array(STRIDE);

/** About 100 MB of samples at ~50 bytes each. */
export const DEFAULT_MAX_TOTAL_SAMPLES = 2_000_000;

/**
 * A heartbeat's metrics as numbers in METRIC_COLUMNS order, NaN where absent or not numeric;
 * a metric sent under an alias (`requests_per_minute`) is stored as the charted one.
 */
export function metricValues(metrics: Metrics | null): number[] {
  return METRIC_COLUMNS.map((name) => readChartedMetric(metrics, name));
}

export class Series {
  /** When last added to (SeriesStore's clock), for forgetting the stalest droplets. */
  touched = 0;
  /** The newest sample's time as given, to skip a repeated beat without parsing. */
  lastIso = '';
  /** Samples interleaved, STRIDE numbers each: one run per droplet keeps a poll's writes local. */
  readonly data = new FloatRun(4 * STRIDE);

  get count(): number {
    return this.data.length / STRIDE;
  }

  time(i: number): number {
    return this.data.at(i * STRIDE);
  }

  /** Index of the oldest retained sample: older ones are dropped lazily, in batches. */
  start(max: number): number {
    return Math.max(0, this.count - max);
  }

  /** A sample within `toleranceMs` of `t` is retained already (the same beat, differently corrected). */
  hasNear(t: number, toleranceMs: number): boolean {
    const n = this.count;
    if (n === 0 || t - this.time(n - 1) > toleranceMs) return false;
    const at = this.lowerBound(t - toleranceMs);
    return at < n && this.time(at) <= t + toleranceMs;
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

/** A droplet's retained samples, STRIDE numbers each (a view: read it before the store changes). */
export interface RetainedSeries {
  id: number;
  data: Float64Array;
}

export class SeriesStore {
  private readonly max: number;
  private readonly maxDroplets: number;
  private readonly maxTotal: number;
  private readonly series = new Map<number, Series>();
  private clock = 0;
  private readonly statusCodes = new Map<string, number>();
  private readonly statusNames: string[] = [];
  private retainedCount = 0;

  /** `onShed` runs after the total cap dropped samples (the file may now hold far more). */
  constructor(
    limits: SeriesLimits = {},
    private readonly onShed: () => void = () => undefined,
  ) {
    this.max = Math.max(1, Math.floor(limits.maxSamplesPerDroplet ?? 10_080));
    this.maxDroplets = Math.max(1, Math.floor(limits.maxDroplets ?? 20_000));
    this.maxTotal = Math.max(1, Math.floor(limits.maxTotalSamples ?? DEFAULT_MAX_TOTAL_SAMPLES));
  }

  /** Samples retained across all droplets. */
  get retained(): number {
    return this.retainedCount;
  }

  get droplets(): number {
    return this.series.size;
  }

  get(id: number): Series | undefined {
    return this.series.get(id);
  }

  /** A heard-from droplet that gained nothing is still around: keep it from being forgotten. */
  touch(series: Series): void {
    series.touched = ++this.clock;
  }

  statusCode(status: string | null): number {
    if (status === null) return -1;
    let code = this.statusCodes.get(status);
    if (code === undefined) {
      code = this.statusNames.push(status) - 1;
      this.statusCodes.set(status, code);
    }
    return code;
  }

  statusName(code: number): string | null {
    return code < 0 ? null : this.statusNames[code]!;
  }

  /** The series when the sample was added; null when it adds nothing. `values` in METRIC_COLUMNS order. */
  insert(id: number, t: number, code: number, values: ArrayLike<number>, known = this.series.get(id)): Series | null {
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
    const sample = SCRATCH;
    sample[0] = t;
    sample[1] = code;
    for (let k = 0; k < METRIC_COUNT; k++) sample[2 + k] = values[k]!;
    if (n === 0 || t > series.time(n - 1)) d.append(sample);
    else {
      const at = series.lowerBound(t);
      if (at < n && series.time(at) === t) return null;
      if (n >= this.max && at <= series.start(this.max)) return null;
      d.insert(at * STRIDE, sample);
    }
    if (n < this.max) this.retainedCount++;
    // Drop the oldest in batches: shifting a 10k-sample run on every beat costs O(n) each.
    const slack = Math.max(16, this.max >> 3);
    if (n + 1 > this.max + slack) d.dropFront((n + 1 - this.max) * STRIDE);
    if (this.retainedCount > this.maxTotal) this.shed();
    return series;
  }

  /**
   * Forget samples stamped after `cutoffMs` (this computer's clock was ahead when they were
   * taken), of one droplet or of all; answers how many retained samples went.
   */
  dropAfter(cutoffMs: number, id?: number): number {
    let dropped = 0;
    const targets = id === undefined ? [...this.series.values()] : [this.series.get(id)].filter((x) => x !== undefined);
    for (const series of targets) {
      const n = series.count;
      if (n === 0 || series.time(n - 1) <= cutoffMs) continue;
      const before = n - series.start(this.max);
      series.data.truncate(series.lowerBound(cutoffMs + 1) * STRIDE);
      dropped += before - (series.count - series.start(this.max));
      series.lastIso = '';
    }
    this.retainedCount -= dropped;
    return dropped;
  }

  /** Retained samples of a droplet at or after `sinceMs`, oldest first. */
  samples(id: number, sinceMs?: number): Sample[] {
    const series = this.series.get(id);
    if (!series) return [];
    let from = series.start(this.max);
    if (sinceMs !== undefined) from = Math.max(from, series.lowerBound(sinceMs));
    const d = series.data.view();
    const out: Sample[] = [];
    for (let i = from * STRIDE; i < d.length; i += STRIDE) {
      const metrics = {} as Record<(typeof METRIC_COLUMNS)[number], number | null>;
      for (let k = 0; k < METRIC_COUNT; k++) metrics[METRIC_COLUMNS[k]!] = orNull(d[i + 2 + k]!);
      out.push({ t: d[i]!, status: this.statusName(d[i + 1]!), ...metrics });
    }
    return out;
  }

  /** Time of the droplet's oldest retained sample: where this Steward's history of it begins. */
  firstTime(id: number): number | null {
    const series = this.series.get(id);
    if (!series || series.count === 0) return null;
    return series.time(series.start(this.max));
  }

  /**
   * Each metric's newest non-null value and its time. A beat read from a list that carries no
   * metrics must not hide the one before it that did, so this looks back past null values;
   * it stops once every metric is found (usually within a sample or two).
   */
  latest(id: number): LatestValues {
    const out: Record<(typeof METRIC_COLUMNS)[number], { t: number; v: number } | null> = { cpu_percent: null, memory_mb: null, requests_last_minute: null, errors_last_minute: null };
    const series = this.series.get(id);
    if (!series) return out;
    const d = series.data.view();
    let missing = METRIC_COUNT;
    for (let i = d.length - STRIDE, end = series.start(this.max) * STRIDE; i >= end && missing > 0; i -= STRIDE) {
      for (let k = 0; k < METRIC_COUNT; k++) {
        const name = METRIC_COLUMNS[k]!;
        const v = d[i + 2 + k]!;
        if (out[name] === null && !Number.isNaN(v)) {
          out[name] = { t: d[i]!, v };
          missing--;
        }
      }
    }
    return out;
  }

  /** Every droplet's retained samples, in insertion order of the droplets. */
  *retainedSeries(): Generator<RetainedSeries> {
    for (const [id, series] of this.series) yield { id, data: series.data.view(series.start(this.max) * STRIDE) };
  }

  /**
   * Forget the droplets heard from least recently, a tenth of the limit at once: one sort
   * now and then, rather than a scan (or a re-ordering) on every insert.
   */
  private evictStalest(): void {
    const keep = Math.max(1, Math.floor(this.maxDroplets * 0.9));
    const byAge = [...this.series].sort((a, b) => a[1].touched - b[1].touched);
    for (const [id, series] of byAge.slice(0, byAge.length - keep)) {
      this.retainedCount -= series.count - series.start(this.max);
      this.series.delete(id);
    }
  }

  /**
   * Back under the total cap, with room to spare so this runs now and then, not per insert:
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
      series.data.dropFront((series.count - level) * STRIDE);
      this.retainedCount -= visible - level;
      if (level === 0) this.series.delete(id);
    }
    this.onShed();
  }
}

function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
