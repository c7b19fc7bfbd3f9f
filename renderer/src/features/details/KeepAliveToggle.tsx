import type { DropletDetails } from '../../../../shared/model';
import { errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatClock } from '../../domain/format';
import { useKeepAlive, useStartKeepAlive, useStopKeepAlive } from '../../queries/useKeepAlive';
import { chartedMetricsOf, reportableStatus } from '../../domain/metrics';

/**
 * Whether main keeps this droplet alive, and a switch for it. Starting from here repeats the
 * droplet's current status and metrics; the heartbeat panel starts it with edited values.
 */
export function KeepAliveToggle(props: { droplet: DropletDetails }) {
  const d = props.droplet;
  const list = useKeepAlive();
  const start = useStartKeepAlive();
  const stop = useStopKeepAlive();
  const entry = list.data?.find((k) => k.dropletId === d.id);
  const busy = start.isPending || stop.isPending;
  const failure = start.error ?? stop.error;

  const toggle = () => {
    if (entry) stop.mutate(d.id);
    else start.mutate({ id: d.id, status: reportableStatus(d.status) ?? 'active', metrics: chartedMetricsOf(d.latestMetrics) });
  };

  return (
    <span className="st-keepalive">
      <button type="button" className="st-btn" aria-pressed={Boolean(entry)} disabled={busy || list.isPending} onClick={toggle}>
        Keep alive
      </button>
      <span className="st-keepalive__state" aria-live="polite">
        {entry ? `on${entry.nextBeatAt ? ` · next beat ${formatClock(Date.parse(entry.nextBeatAt))}` : ''}` : 'off'}
        {entry?.lastError && <span className="st-keepalive__error"> · last beat failed: {entry.lastError}</span>}
      </span>
      {failure && <ErrorNotice error={errorDetail(failure)} />}
    </span>
  );
}
