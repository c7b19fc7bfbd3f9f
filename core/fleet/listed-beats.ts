/**
 * The new beats a fleet list shows, for the metric history, as they cross from the fleet
 * worker to main: flat numbers in one transferable buffer, the time already parsed. At 10,000
 * droplets every live-pace poll brings 10,000 beats, which as objects main had to deserialise
 * and then collect.
 */
import { CHARTED_METRICS, isChartedMetricName, type ChartedMetric, type Metrics } from '../../shared/model';
import { parseIsoMs } from '../../shared/udc/time';
import { readChartedMetric } from '../../shared/udc/readers';

/** The metrics a beat carries, in this order, from index 3 (the history stores them in its own). */
export const LISTED_METRICS: readonly ChartedMetric[] = CHARTED_METRICS;
/** Numbers a beat: droplet id, time (epoch ms; NaN when unreadable), index into `statuses`, then LISTED_METRICS (NaN for none). */
export const LISTED_STRIDE = 3 + LISTED_METRICS.length;

export interface ListedBeats {
  flat: Float64Array;
  /** The statuses the beats name, each once. */
  statuses: string[];
  /** Beats whose metrics name more than the charted ones (the history keeps those as extra metrics): the beat's index and its metrics. */
  extra: { beat: number; metrics: Metrics }[];
}

function hasExtra(metrics: Metrics): boolean {
  for (const name in metrics) if (!isChartedMetricName(name)) return true;
  return false;
}

/** Builds ListedBeats for at most `capacity` beats (the worker knows how many rows it looks at). */
export class ListedBeatsBuilder {
  private readonly flat: Float64Array;
  private count = 0;
  private readonly statuses: string[] = [];
  private readonly extra: ListedBeats['extra'] = [];

  constructor(capacity: number) {
    this.flat = new Float64Array(capacity * LISTED_STRIDE);
  }

  add(id: number, timeIso: string, status: string, metrics: Metrics): void {
    let s = this.statuses.indexOf(status);
    if (s < 0) s = this.statuses.push(status) - 1;
    const at = this.count * LISTED_STRIDE;
    this.flat[at] = id;
    this.flat[at + 1] = parseIsoMs(timeIso);
    this.flat[at + 2] = s;
    for (let k = 0; k < LISTED_METRICS.length; k++) this.flat[at + 3 + k] = readChartedMetric(metrics, LISTED_METRICS[k]!);
    if (hasExtra(metrics)) this.extra.push({ beat: this.count, metrics });
    this.count++;
  }

  /** The beats added; `flat` owns its buffer alone, so it can be transferred. */
  build(): ListedBeats {
    const flat = this.count * LISTED_STRIDE === this.flat.length ? this.flat : this.flat.slice(0, this.count * LISTED_STRIDE);
    return { flat, statuses: this.statuses, extra: this.extra };
  }
}

export function listedBeatCount(beats: ListedBeats): number {
  return beats.flat.length / LISTED_STRIDE;
}

/** The beats as readable records (tests, logs): time as epoch ms, the charted metrics (null for none). */
export function listedBeatRecords(beats: ListedBeats): { id: number; t: number; status: string; metrics: Partial<Record<ChartedMetric, number | null>> }[] {
  const out = [];
  for (let i = 0; i < listedBeatCount(beats); i++) {
    const at = i * LISTED_STRIDE;
    const metrics: Partial<Record<ChartedMetric, number | null>> = {};
    for (let k = 0; k < LISTED_METRICS.length; k++) {
      const v = beats.flat[at + 3 + k]!;
      metrics[LISTED_METRICS[k]!] = Number.isNaN(v) ? null : v;
    }
    out.push({ id: beats.flat[at]!, t: beats.flat[at + 1]!, status: beats.statuses[beats.flat[at + 2]!]!, metrics });
  }
  return out;
}
