import { effectiveStatus, lateJudgedUntil } from '../../../../shared/liveness';
import type { Droplet } from '../../../../shared/model';
import { useNow } from '../../state/clock';
import { useLiveness } from '../../queries/useAppInfo';
import { formatDuration } from '../../domain/format';
import { LATE_GUESS_WHY, lateTitle, StatusBadge } from '../../ui/StatusBadge';
import { useFleetStale } from '../../queries/useFleetFreshness';
import { useWholeFleet } from '../../queries/useFleet';
import { usePollPace } from '../../queries/usePollPace';

/** The Orchestrator's status as it says it, and beside it Steward's own judgement when a beat is overdue. */
export function DropletStatus(props: { droplet: Pick<Droplet, 'status' | 'lastHeartbeat'> }) {
  const now = useNow();
  const liveness = useLiveness();
  const fleet = useWholeFleet();
  // Judged no later than the fleet's rows are (lateJudgedUntil), so the pane agrees with the row.
  const judgedAt = Math.min(now, lateJudgedUntil(usePollPace(), fleet.dataUpdatedAt));
  const { late } = effectiveStatus(props.droplet, judgedAt, liveness);
  const live = { late, secondsSinceHeartbeat: effectiveStatus(props.droplet, now, liveness).secondsSinceHeartbeat };
  // From a fleet Steward cannot refresh, its own verdict is only a guess.
  const stale = useFleetStale();
  return (
    <span className="st-details__status">
      <StatusBadge status={props.droplet.status} title="Status reported by the Orchestrator" />
      {live.late && (
        <span className="st-details__late">
          <StatusBadge status="late" guess={stale} title={stale ? lateTitle(live.secondsSinceHeartbeat ?? 0, true) : 'Steward’s judgement: the Orchestrator still says active'} />
          <span className="st-details__late-why">
            no heartbeat for {formatDuration(live.secondsSinceHeartbeat ?? 0)}
            {stale && ` · ${LATE_GUESS_WHY}`}
          </span>
        </span>
      )}
    </span>
  );
}
