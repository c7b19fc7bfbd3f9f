import { useState } from 'react';
import type { Incident } from '../../../../shared/attention';
import { formatDuration, formatHourMinuteOrDay } from '../../domain/format';
import { useNow } from '../../state/clock';
import { useUptime } from '../../queries/useAttention';
import { absoluteTime, STATE_LABEL } from '../events/attention-text';
import { RelativeTime } from '../events/RelativeTime';
import '../events/events.css';

const FIRST_SHOWN = 5;

/** The droplet's incidents Steward saw (went down at, back at, how long, why), newest first. */
export function DropletIncidents({ dropletId, ask = true }: { dropletId: number; ask?: boolean }) {
  const q = useUptime(dropletId, ask);
  const [all, setAll] = useState(false);
  // DropletUptime says why when the answer is missing.
  if (!q.data) return null;
  const incidents = q.data.incidents;
  const shown = all ? incidents : incidents.slice(0, FIRST_SHOWN);
  return (
    <section className="st-incidents" aria-label="Incidents">
      <h3 className="st-section-title">Incidents</h3>
      {incidents.length === 0 ? (
        <p className="st-muted">No incidents in what Steward watched over the last 7 days. Each time this droplet goes into error, inactive, late or away, it is listed here.</p>
      ) : (
        <table className="st-incidents__table">
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Went at</th>
              <th scope="col">Back at</th>
              <th scope="col">Lasted</th>
              <th scope="col">Cause</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <IncidentRow key={`${i.startedAt}-${i.state}`} incident={i} />
            ))}
          </tbody>
        </table>
      )}
      {incidents.length > FIRST_SHOWN && (
        <button type="button" className="st-btn st-btn--link" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${incidents.length}`}
        </button>
      )}
    </section>
  );
}

function IncidentRow({ incident: i }: { incident: Incident }) {
  const ongoing = i.endedAt === null;
  const now = useNow();
  return (
    <tr className={ongoing ? 'st-incident st-incident--ongoing' : 'st-incident'} data-state={i.state}>
      <td>
        <span className={`status status-${i.state === 'absent' ? 'inactive' : i.state}`}>
          <span className="status-dot" aria-hidden="true" />
          <span className="status-word">{STATE_LABEL[i.state]}</span>
        </span>
      </td>
      <td>
        <RelativeTime ms={i.startedAt} />
      </td>
      <td>{ongoing ? <strong className="st-incident__ongoing">ongoing</strong> : <time dateTime={new Date(i.endedAt!).toISOString()} title={absoluteTime(i.endedAt!)}>{formatHourMinuteOrDay(i.endedAt!, now)}</time>}</td>
      <td className="st-incident__duration">{formatDuration(i.durationMs / 1000)}</td>
      <td className="st-incident__cause">{i.cause}</td>
    </tr>
  );
}
