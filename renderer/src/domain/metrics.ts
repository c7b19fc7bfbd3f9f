/** Reading the loosely typed metrics record an Orchestrator stores with each beat. */
import { CHARTED_METRICS, isChartedMetricName, DROPLET_STATUSES, type ChartedMetric, type Metrics, type ReportableStatus } from '../../../shared/model';

/** The four charted metrics that are present as finite numbers. */
export function chartedMetricsOf(metrics: Metrics | null | undefined): Partial<Record<ChartedMetric, number>> {
  const out: Partial<Record<ChartedMetric, number>> = {};
  for (const key of CHARTED_METRICS) {
    const v = metrics?.[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return out;
}

/** Metrics beyond the charted four (and their aliases), as the Orchestrator sent them. */
export function otherMetricsOf(metrics: Metrics | null | undefined): [string, string][] {
  if (!metrics) return [];
  return Object.entries(metrics)
    .filter(([k]) => !isChartedMetricName(k))
    .map(([k, v]) => [k, v === null ? '—' : String(v)]);
}

/** The status itself when a heartbeat or registration may carry it, else null. */
export function reportableStatus(status: string): ReportableStatus | null {
  return (DROPLET_STATUSES as readonly string[]).includes(status) ? (status as ReportableStatus) : null;
}
