import type { RegisterAck } from '../../../../shared/model';
import { TraceId } from '../../ui/TraceId';
import { formatClock } from '../../domain/format';
import { useUi } from '../../state/ui';

/** The Orchestrator's answer to a registration: what happened, to which droplet, and its trace. */
export function RegisterResult(props: { ack: RegisterAck; sentId: number }) {
  const { ack } = props;
  const showDroplet = useUi((s) => s.showDroplet);
  const id = ack.dropletId ?? props.sentId;
  const outcome = ack.outcome === 'updated' ? 'Updated' : ack.outcome === 'registered' ? 'Registered' : ack.registered ? 'Accepted' : 'Not registered';
  const nextAt = ack.nextHeartbeatAt ? Date.parse(ack.nextHeartbeatAt) : Number.NaN;
  return (
    <div role="status" className={ack.registered ? 'st-result tone-ok' : 'st-result tone-warn'}>
      <p className="st-result__line">
        <strong className="st-result__outcome">{outcome}</strong> droplet <span className="st-selectable">{id}</span>
        {ack.message && <span className="st-muted"> · {ack.message}</span>}
        {ack.registered && (
          <button type="button" className="st-btn st-result__show" onClick={() => showDroplet(id)}>
            Show droplet
          </button>
        )}
      </p>
      <p className="st-result__line st-muted">
        <TraceId traceId={ack.traceId} />
        {ack.heartbeatIntervalSeconds !== null && <span> · heartbeat every {ack.heartbeatIntervalSeconds} s</span>}
        {Number.isFinite(nextAt) && <span> · first due at {formatClock(nextAt)}</span>}
      </p>
    </div>
  );
}
