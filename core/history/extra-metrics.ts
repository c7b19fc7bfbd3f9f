/**
 * Numeric metrics a droplet sends beyond the charted four, charted on demand. In memory only,
 * kept while Steward runs: the history file's lines have a fixed set of columns (history-file.ts)
 * and are not changed for them. Bounded three ways: EXTRA_NAMES_PER_DROPLET names per droplet
 * (first come, first kept), the per-droplet sample cap per name, and a total cap across droplets
 * (beyond it the droplets heard from least recently lose their extra metrics).
 */
import { EXTRA_METRIC_NAME_MAX, isChartedMetricName, type ExtraMetricSample, type Metrics } from '../../shared/model';

/** Names kept per droplet; a ninth new name is dropped. */
export const EXTRA_NAMES_PER_DROPLET = 8;
/** Samples (time and value) kept across all droplets' extra metrics: about 4 MB. */
export const DEFAULT_MAX_EXTRA_SAMPLES = 250_000;

export interface ExtraMetricLimits {
  /** Samples kept per name of one droplet (the history's per-droplet cap). */
  maxSamplesPerMetric: number;
  /** Samples kept across all droplets (default DEFAULT_MAX_EXTRA_SAMPLES). */
  maxTotalSamples?: number;
  /** Names kept per droplet (default EXTRA_NAMES_PER_DROPLET). */
  namesPerDroplet?: number;
}

/** One droplet's extra metrics: per name, times and values interleaved, oldest first. */
type DropletExtras = Map<string, number[]>;

export class ExtraMetrics {
  private readonly maxPerMetric: number;
  private readonly maxTotal: number;
  private readonly maxNames: number;
  /** In order of last record, least recent first (re-inserted on each record). */
  private readonly droplets = new Map<number, DropletExtras>();
  private total = 0;

  constructor(limits: ExtraMetricLimits) {
    this.maxPerMetric = Math.max(1, Math.floor(limits.maxSamplesPerMetric));
    this.maxTotal = Math.max(1, Math.floor(limits.maxTotalSamples ?? DEFAULT_MAX_EXTRA_SAMPLES));
    this.maxNames = Math.max(1, Math.floor(limits.namesPerDroplet ?? EXTRA_NAMES_PER_DROPLET));
  }

  /** Samples kept across all droplets. */
  get retained(): number {
    return this.total;
  }

  /** One beat's numeric metrics beyond the charted ones, at time `t` (epoch ms). */
  record(id: number, t: number, metrics: Metrics | null): void {
    if (!metrics) return;
    let extras = this.droplets.get(id);
    for (const name in metrics) {
      const v = metrics[name];
      if (typeof v !== 'number' || !Number.isFinite(v) || isChartedMetricName(name) || name.length > EXTRA_METRIC_NAME_MAX) continue;
      if (!extras) {
        extras = new Map();
        this.droplets.set(id, extras);
      }
      let data = extras.get(name);
      if (!data) {
        if (extras.size >= this.maxNames) continue;
        data = [];
        extras.set(name, data);
      }
      this.insert(data, t, v);
    }
    if (!extras) return;
    // Most recently heard from last: the total cap forgets from the front.
    this.droplets.delete(id);
    this.droplets.set(id, extras);
    if (this.total > this.maxTotal) this.shed();
  }

  /** The extra metric names known for a droplet, in the order first seen. */
  names(id: number): string[] {
    return [...(this.droplets.get(id)?.keys() ?? [])];
  }

  /** One extra metric's samples at or after `sinceMs`, oldest first. */
  samples(id: number, metric: string, sinceMs = -Infinity): ExtraMetricSample[] {
    const data = this.droplets.get(id)?.get(metric);
    if (!data) return [];
    const out: ExtraMetricSample[] = [];
    for (let i = Math.max(0, data.length - this.maxPerMetric * 2); i < data.length; i += 2) if (data[i]! >= sinceMs) out.push({ t: data[i]!, v: data[i + 1]! });
    return out;
  }

  private insert(data: number[], t: number, v: number): void {
    const n = data.length;
    if (n === 0 || t > data[n - 2]!) data.push(t, v);
    else {
      let at = n - 2;
      while (at >= 0 && data[at]! > t) at -= 2;
      if (at >= 0 && data[at] === t) return;
      data.splice(at + 2, 0, t, v);
    }
    this.total++;
    // Drop the oldest in batches: shifting a full array on every beat costs O(n) each.
    const over = data.length / 2 - this.maxPerMetric;
    if (over > Math.max(16, this.maxPerMetric >> 3)) {
      data.splice(0, over * 2);
      this.total -= over;
    }
  }

  /** Back to 90% of the total cap, forgetting the least recently heard-from droplets' extras. */
  private shed(): void {
    const target = Math.floor(this.maxTotal * 0.9);
    for (const [id, extras] of this.droplets) {
      if (this.total <= target) break;
      for (const data of extras.values()) this.total -= data.length / 2;
      this.droplets.delete(id);
    }
  }
}
