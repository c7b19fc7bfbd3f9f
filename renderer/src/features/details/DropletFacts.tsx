import type { DropletDetails } from '../../../../shared/model';
import { formatDateTimeZoned } from '../../domain/format';
import { HeartbeatAgo } from '../../ui/HeartbeatAgo';

/** Everything the Orchestrator tells about a droplet, as a compact definition list. */
export function DropletFacts(props: { droplet: DropletDetails }) {
  const d = props.droplet;
  return (
    <dl className="st-facts">
      <dt>ID</dt>
      <dd className="st-selectable">{d.id}</dd>
      <dt>Steward</dt>
      <dd>{d.steward ?? <span className="st-muted">—</span>}</dd>
      <dt>Endpoint</dt>
      <dd className="st-selectable">{d.endpoint ?? <span className="st-muted">—</span>}</dd>
      <dt>Version</dt>
      <dd>{d.version ?? <span className="st-muted">—</span>}</dd>
      <dt>Capabilities</dt>
      <dd>
        {d.capabilities.length ? (
          <ul className="st-facts__chips" aria-label="Capabilities">
            {d.capabilities.map((c) => (
              <li key={c} className="st-chip st-chip--static">
                {c}
              </li>
            ))}
          </ul>
        ) : (
          <span className="st-muted">none</span>
        )}
      </dd>
      <dt>Registered</dt>
      <dd>{formatDateTimeZoned(d.registeredAt)}</dd>
      <dt>Last heartbeat</dt>
      <dd>
        {formatDateTimeZoned(d.lastHeartbeat)}
        {d.lastHeartbeat && (
          <span className="st-muted">
            {' · '}
            <HeartbeatAgo iso={d.lastHeartbeat} />
          </span>
        )}
      </dd>
    </dl>
  );
}
