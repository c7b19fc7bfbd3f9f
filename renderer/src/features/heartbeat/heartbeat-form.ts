/** Pure logic of the heartbeat form: prefill, validation, and when the next beat is due. */
import { CHARTED_METRICS, type Sample, type ChartedMetric, type DropletDetails, type HeartbeatAck, type HeartbeatInput, type ReportableStatus } from '../../../../shared/model';
import { chartedMetricsOf, reportableStatus } from '../../domain/metrics';

export interface HeartbeatValues {
  status: ReportableStatus;
  /** Metric inputs as typed; empty means "not sent". */
  metrics: Record<ChartedMetric, string>;
}

export type HeartbeatErrors = Partial<Record<ChartedMetric, string>>;

/**
 * Start from what the droplet last reported: the Orchestrator's latest metrics, else Steward's
 * latest sample. The status is the last beat's own; `inactive` as the droplet's status is the
 * Orchestrator's verdict on silence, so a hand-sent beat starts from `active` instead. With no
 * droplet (its details could not be read) the sample alone, else an active beat.
 */
export function prefill(droplet: DropletDetails | null, lastSample: Sample | undefined): HeartbeatValues {
  const fromOrchestrator = chartedMetricsOf(droplet?.latestMetrics ?? null);
  const numbers = Object.keys(fromOrchestrator).length > 0 || !lastSample ? fromOrchestrator : chartedMetricsOf(lastSample);
  const metrics = Object.fromEntries(CHARTED_METRICS.map((m) => [m, numbers[m] === undefined ? '' : String(numbers[m])])) as Record<ChartedMetric, string>;
  const heldStatus = droplet === null ? undefined : droplet.status === 'inactive' ? 'active' : droplet.status;
  const lastBeat = droplet?.heartbeats.at(-1)?.status ?? lastSample?.status ?? heldStatus;
  return { status: (lastBeat === undefined ? null : reportableStatus(lastBeat)) ?? 'active', metrics };
}

export type HeartbeatValidation = { ok: true; input: HeartbeatInput } | { ok: false; errors: HeartbeatErrors };

export function validate(id: number, values: HeartbeatValues): HeartbeatValidation {
  const errors: HeartbeatErrors = {};
  const metrics: Partial<Record<ChartedMetric, number>> = {};
  for (const m of CHARTED_METRICS) {
    const text = values.metrics[m].trim();
    if (text === '') continue;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) errors[m] = 'Must be a number, 0 or more';
    else if (m === 'cpu_percent' && n > 100) errors[m] = 'CPU is a percentage: 0 to 100';
    else metrics[m] = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { id, status: values.status, ...(Object.keys(metrics).length ? { metrics } : {}) } };
}

/** When the next beat is due, as epoch ms: relative seconds are immune to clock skew, so they win. */
export function nextDueAt(ack: HeartbeatAck, receivedAt: number): number | null {
  if (ack.nextHeartbeatInSeconds !== null) return receivedAt + ack.nextHeartbeatInSeconds * 1000;
  if (ack.nextHeartbeatAt !== null) {
    const at = Date.parse(ack.nextHeartbeatAt);
    return Number.isFinite(at) ? at : null;
  }
  return null;
}
