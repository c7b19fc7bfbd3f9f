import { useState } from 'react';
import type { DropletDetails } from '../../../../shared/model';
import { HeartIcon } from '../../ui/HeartIcon';
import { KeepAliveConfirm } from '../heartbeat/KeepAliveConfirm';
import { errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatClock } from '../../domain/format';
import { useKeepAlive, useStartKeepAlive, useStopKeepAlive } from '../../queries/useKeepAlive';
import { chartedMetricsOf, reportableStatus } from '../../domain/metrics';

/**
 * Whether main keeps this droplet alive, and a switch for it. Starting from here repeats the
 * droplet's current status and metrics; the heartbeat panel starts it with edited values.
 * Starting asks first: from then on the droplet's own silence no longer shows.
 */
export function KeepAliveToggle(props: { droplet: DropletDetails }) {
  const d = props.droplet;
  const list = useKeepAlive();
  const start = useStartKeepAlive();
  const stop = useStopKeepAlive();
  const entry = list.data?.find((k) => k.dropletId === d.id);
  const busy = start.isPending || stop.isPending;
  const failure = start.error ?? stop.error;
  // Starting asks first (KeepAliveConfirm); stopping does not.
  const [asking, setAsking] = useState(false);

  const toggle = () => {
    if (entry) stop.mutate(d.id);
    else setAsking(true);
  };
  const confirm = () => {
    setAsking(false);
    start.mutate({ id: d.id, status: reportableStatus(d.status) ?? 'active', metrics: chartedMetricsOf(d.latestMetrics) });
  };

  return (
    <span className="st-keepalive">
      <button type="button" className="st-btn" aria-pressed={Boolean(entry)} aria-expanded={asking || undefined} disabled={busy || list.isPending || asking} onClick={toggle}>
        {entry && <HeartIcon />} Keep alive
      </button>
      <span className="st-keepalive__state" aria-live="polite">
        {entry ? `on${entry.nextBeatAt ? ` · next beat ${formatClock(Date.parse(entry.nextBeatAt))}` : ''}` : 'off'}
        {entry?.lastError && <span className="st-keepalive__error"> · last beat failed: {entry.lastError}</span>}
      </span>
      {asking && !entry && <KeepAliveConfirm dropletId={d.id} name={d.name} onConfirm={confirm} onCancel={() => setAsking(false)} />}
      {failure && <ErrorNotice error={errorDetail(failure)} />}
    </span>
  );
}
