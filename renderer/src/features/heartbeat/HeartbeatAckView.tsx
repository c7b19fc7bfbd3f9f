import type { HeartbeatAck } from '../../../../shared/model';
import { TraceId } from '../../ui/TraceId';
import { formatClock } from '../../domain/format';
import { useNow } from '../../state/clock';

/** The Orchestrator's acknowledgement of a hand-sent beat, with a live count to the next one. */
export function HeartbeatAckView(props: { ack: HeartbeatAck; dueAt: number | null; sentAt: number }) {
  const { ack } = props;
  return (
    <div role="status" className={ack.acknowledged ? 'st-result tone-ok' : 'st-result tone-warn'}>
      <p className="st-result__line">
        <strong className="st-result__outcome">{ack.acknowledged ? 'Acknowledged' : 'Not acknowledged'}</strong>
        <span className="st-muted">at {formatClock(props.sentAt)}</span>
        {props.dueAt !== null && <NextDue at={props.dueAt} sentAt={props.sentAt} />}
      </p>
      <p className="st-result__line st-muted">
        <TraceId traceId={ack.traceId} />
      </p>
    </div>
  );
}

function NextDue(props: { at: number; sentAt: number }) {
  const now = useNow();
  // The shared clock may lag the moment of sending by up to a second; never count up past the start.
  const seconds = Math.min(Math.ceil((props.at - Math.max(now, props.sentAt)) / 1000), Math.ceil((props.at - props.sentAt) / 1000));
  return seconds > 0 ? (
    <span>
      · next due in {seconds} s, at {formatClock(props.at)}
    </span>
  ) : (
    <span className="st-warn-text">· next was due at {formatClock(props.at)}</span>
  );
}
