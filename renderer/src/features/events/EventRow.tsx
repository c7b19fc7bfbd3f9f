import type { AttentionEvent } from '../../../../shared/attention';
import { useUi } from '../../state/ui';
import { groupedList, KIND_LABEL, STATE_LABEL } from './attention-text';
import { RelativeTime } from './RelativeTime';

/** Droplets listed one by one when a group is opened; past this, the rest is counted. */
const ITEMS_SHOWN = 20;

/**
 * One event of the timeline: what happened, when, to which droplets and why. Server text
 * (names, causes, the summary) is rendered as text by React, never as HTML.
 */
export function EventRow({ event, open, onToggle }: { event: AttentionEvent; open: boolean; onToggle(): void }) {
  const first = event.items[0];
  const group = event.count > 1;
  const names = event.items.map((i) => i.name || `#${i.id}`);
  return (
    <li className={`st-event st-event--${event.kind}${open ? ' st-event--open' : ''}`} data-event-id={event.id} data-kind={event.kind}>
      <div className="st-event__line">
        <span className={`st-evtag st-evkind--${event.kind}`}>{KIND_LABEL[event.kind]}</span>
        <span className="st-event__summary" title={event.summary}>
          {group ? `${event.count} droplets · ${KIND_LABEL[event.kind].toLowerCase()}` : event.summary}
        </span>
        {event.muted && (
          <span className="st-evtag st-evtag--muted" title="Raised while muted: kept here, not notified">
            muted
          </span>
        )}
        <RelativeTime ms={event.at} className="st-event__time" />
      </div>
      {group ? (
        <div className="st-event__detail">
          <span className="st-event__names">{groupedList(names, event.count)}</span>
          <button type="button" className="st-btn st-btn--link" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide droplets' : `Show ${event.count} droplets`}
          </button>
        </div>
      ) : (
        first && (
          <div className="st-event__detail">
            <DropletLink id={first.id} name={first.name} />
            {first.from !== first.to && (
              <span className="st-event__change">
                {STATE_LABEL[first.from]} → {STATE_LABEL[first.to]}
              </span>
            )}
            <span className="st-event__cause">{first.cause}</span>
          </div>
        )
      )}
      {group && open && (
        <ul className="st-event__items" aria-label={`Droplets in ${event.summary}`}>
          {event.items.slice(0, ITEMS_SHOWN).map((i) => (
            <li key={i.id}>
              <DropletLink id={i.id} name={i.name} />
              {i.from !== i.to && (
                <span className="st-event__change">
                  {STATE_LABEL[i.from]} → {STATE_LABEL[i.to]}
                </span>
              )}
              <span className="st-event__cause">{i.cause}</span>
            </li>
          ))}
          {event.count > Math.min(ITEMS_SHOWN, event.items.length) && (
            <li className="st-muted">and {event.count - Math.min(ITEMS_SHOWN, event.items.length)} more</li>
          )}
        </ul>
      )}
    </li>
  );
}

function DropletLink({ id, name }: { id: number; name: string }) {
  return (
    <button type="button" className="st-btn st-btn--link st-event__droplet" title={`Show droplet #${id}`} onClick={() => useUi.getState().showDroplet(id)}>
      {name || `#${id}`} <span className="st-muted">#{id}</span>
    </button>
  );
}
