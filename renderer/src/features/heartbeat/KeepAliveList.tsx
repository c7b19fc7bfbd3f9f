import type { KeepAlive } from '../../../../shared/model';
import { formatClock } from '../../domain/format';

/** The droplets main keeps alive right now, each with its next beat and a way to stop. */
export function KeepAliveList(props: { entries: readonly KeepAlive[]; onStop(id: number): void; stopping: boolean }) {
  if (props.entries.length === 0) return <p className="st-muted st-keepalive-list__none">No droplet is kept alive.</p>;
  return (
    <ul className="st-keepalive-list" aria-label="Kept alive">
      {props.entries.map((k) => (
        <li key={k.dropletId} className="st-keepalive-list__item" data-droplet={k.dropletId}>
          <span className="st-keepalive-list__id">#{k.dropletId}</span>
          <span className="st-keepalive-list__what">
            <span>
              {k.status} · {k.nextBeatAt ? `next beat ${formatClock(Date.parse(k.nextBeatAt))}` : 'next beat pending'}
            </span>
            <span className="st-muted">
              {k.beatsSent} {k.beatsSent === 1 ? 'beat' : 'beats'} sent
              {k.lastError && <span className="st-warn-text"> · last failed: {k.lastError}</span>}
            </span>
          </span>
          <button type="button" className="st-btn st-btn--quiet" disabled={props.stopping} onClick={() => props.onStop(k.dropletId)} aria-label={`Stop keeping droplet ${k.dropletId} alive`}>
            Stop
          </button>
        </li>
      ))}
    </ul>
  );
}
