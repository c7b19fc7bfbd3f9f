import { useEffect, useState } from 'react';
import type { ExportEventsRequest } from '../../../../shared/attention';
import { errorDetail } from '../../app/api';
import { useEvents, useExportEvents } from '../../queries/useAttention';
import { useAttentionUi } from '../../state/attention';
import { useClockDerived } from '../../state/clock';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { EventFilters } from './EventFilters';
import { EventRow } from './EventRow';
import { eventQuery, isFiltered, NO_FILTERS, TIMELINE_LIMIT, type EventFilterState } from './event-filters';
import { NotificationSettings } from './NotificationSettings';
import '../../ui/ui.css';
import './events.css';

const minute = (now: number) => Math.floor(now / 60_000) * 60_000;

/** The Events tab: every transition, newest first, filterable and exportable; and the notification settings. */
export function EventsView() {
  const [view, setView] = useState<'timeline' | 'settings'>('timeline');
  return (
    <section className="st-events" aria-label="Events">
      <header className="st-events__head">
        <h2 className="st-events__title">{view === 'timeline' ? 'Events' : 'Notification settings'}</h2>
        <button type="button" className="st-btn" onClick={() => setView(view === 'timeline' ? 'settings' : 'timeline')}>
          {view === 'timeline' ? 'Notification settings…' : '← Back to events'}
        </button>
      </header>
      {view === 'timeline' ? <Timeline /> : <NotificationSettings />}
    </section>
  );
}

function Timeline() {
  const [filters, setFilters] = useState<EventFilterState>(NO_FILTERS);
  const minuteMs = useClockDerived(minute);
  const query = eventQuery(filters, minuteMs, TIMELINE_LIMIT);
  const events = useEvents(query);
  const focusEventId = useAttentionUi((s) => s.focusEventId);
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  // A clicked group notification opens its event here (see `open` below) and brings it into view.
  useEffect(() => {
    if (focusEventId === null) return;
    const row = [...document.querySelectorAll<HTMLElement>('[data-event-id]')].find((el) => el.dataset.eventId === focusEventId);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [focusEventId, events.data]);
  const toggle = (id: string) => {
    if (id === focusEventId) {
      useAttentionUi.getState().focusEvent(null);
      setOpenIds((s) => new Set([...s].filter((x) => x !== id)));
      return;
    }
    setOpenIds((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };
  const list = events.data ?? [];
  return (
    <>
      <EventFilters value={filters} onChange={setFilters} />
      <ExportButtons query={eventQuery(filters, minuteMs)} disabled={list.length === 0} />
      {events.isError && <ErrorNotice error={errorDetail(events.error)} onRetry={() => void events.refetch()} />}
      {events.isPending && !events.isError && <p className="st-muted">Loading events…</p>}
      {events.isSuccess && list.length === 0 && <EmptyTimeline filtered={isFiltered(filters)} />}
      {list.length > 0 && (
        <ol className="st-events__list" aria-label="Event timeline, newest first">
          {list.map((e) => (
            <EventRow key={e.id} event={e} open={openIds.has(e.id) || focusEventId === e.id} onToggle={() => toggle(e.id)} />
          ))}
        </ol>
      )}
      {list.length >= TIMELINE_LIMIT && <p className="st-muted st-events__more">Showing the newest {TIMELINE_LIMIT}; narrow the filters or export to see all.</p>}
    </>
  );
}

function EmptyTimeline({ filtered }: { filtered: boolean }) {
  if (filtered) return <p className="pane-empty">No events match these filters.</p>;
  return (
    <p className="pane-empty" data-testid="events-empty">
      No events yet. When a droplet goes late, inactive or into error, recovers, registers or disappears, it appears here, newest first.
    </p>
  );
}

function ExportButtons({ query, disabled }: { query: ExportEventsRequest['query']; disabled: boolean }) {
  const exp = useExportEvents();
  const run = (format: 'csv' | 'json') => exp.mutate({ format, ...(query ? { query } : {}) });
  return (
    <div className="st-events__export">
      <button type="button" className="st-btn" disabled={disabled || exp.isPending} onClick={() => run('csv')}>
        Export CSV…
      </button>
      <button type="button" className="st-btn" disabled={disabled || exp.isPending} onClick={() => run('json')}>
        Export JSON…
      </button>
      <span role="status" className="st-events__export-result">
        {exp.isSuccess && (exp.data.savedTo === null ? 'Export cancelled.' : `Saved ${exp.data.count} ${exp.data.count === 1 ? 'event' : 'events'} to ${exp.data.savedTo}`)}
      </span>
      {exp.isError && <ErrorNotice error={errorDetail(exp.error)} />}
    </div>
  );
}
