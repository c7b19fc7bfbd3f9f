/** A status as a coloured dot and the word: colour is never the only signal. */
import type { EffectiveStatus } from '../../../shared/liveness';
import type { Droplet } from '../../../shared/model';
import { useNow } from '../state/clock';
import { formatDuration } from '../domain/format';

const TOOLTIPS: Partial<Record<EffectiveStatus, string>> = {
  unknown: 'The Orchestrator reported a status Steward does not recognise.',
  maintenance: 'The Orchestrator says this droplet is in maintenance.',
};

export function StatusBadge({ status, title }: { status: EffectiveStatus; title?: string }) {
  return (
    <span className={`status status-${status}`} title={title ?? TOOLTIPS[status]} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-word">{status}</span>
    </span>
  );
}

/** `late` explains itself, with a live count of the silence. */
export function LateBadge({ lastHeartbeat }: { lastHeartbeat: string }) {
  const now = useNow();
  const silent = Math.max(0, (now - Date.parse(lastHeartbeat)) / 1000);
  return <StatusBadge status="late" title={`No heartbeat for ${formatDuration(silent)}; the Orchestrator still says active`} />;
}

export function StatusCellContent({ droplet, status }: { droplet: Droplet; status: EffectiveStatus }) {
  if (status === 'late' && droplet.lastHeartbeat !== null) return <LateBadge lastHeartbeat={droplet.lastHeartbeat} />;
  return <StatusBadge status={status} />;
}
