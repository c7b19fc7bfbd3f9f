import { ATTENTION_KINDS } from '../../../../shared/attention';
import { formatDuration } from '../../domain/format';
import { useAttentionUi } from '../../state/attention';
import { useUi } from '../../state/ui';
import { absoluteTime, KIND_LABEL } from './attention-text';
import './events.css';

/** Newest events listed on the card; the timeline has the rest. */
const SHOWN = 3;

/** "While you were away": what happened while the window was hidden, until dismissed. */
export function AwayCard() {
  const away = useAttentionUi((s) => s.away);
  if (!away || away.eventCount === 0) return null;
  const dismiss = () => useAttentionUi.getState().dismissAway();
  const counts = ATTENTION_KINDS.flatMap((k) => {
    const n = away.byKind[k] ?? 0;
    return n > 0 ? [`${n} ${KIND_LABEL[k].toLowerCase()}`] : [];
  });
  const shown = away.events.slice(0, SHOWN);
  return (
    <section className="st-away" aria-label="While you were away" data-testid="away-card">
      <div className="st-away__head">
        <h2 className="st-away__title">While you were away</h2>
        <span className="st-away__span" title={`${absoluteTime(away.sinceMs)} – ${absoluteTime(away.untilMs)}`}>
          {formatDuration((away.untilMs - away.sinceMs) / 1000)}
        </span>
      </div>
      <p className="st-away__counts">
        {away.eventCount} {away.eventCount === 1 ? 'event' : 'events'}: {counts.join(' · ')}
      </p>
      <ul className="st-away__list">
        {shown.map((e) => (
          <li key={e.id}>
            <span className={`st-evtag st-evkind--${e.kind}`}>{KIND_LABEL[e.kind]}</span>
            <span className="st-away__summary" title={e.summary}>
              {e.summary}
            </span>
          </li>
        ))}
        {away.eventCount > shown.length && <li className="st-muted">and {away.eventCount - shown.length} more in the timeline</li>}
      </ul>
      <div className="st-away__actions">
        <button
          type="button"
          className="st-btn st-btn--primary"
          onClick={() => {
            dismiss();
            useUi.getState().openPanel('events');
          }}
        >
          Open the timeline
        </button>
        <button type="button" className="st-btn" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
