import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Segmented } from '../../ui/Segmented';
import { ExportButton } from '../../ui/ExportButton';
import { useAppInfo } from '../../queries/useAppInfo';
import { useCommsLog } from '../../queries/useCommsLog';
import { useUi } from '../../state/ui';
import { CommsTable } from './CommsTable';
import { ExchangeDetail } from './ExchangeDetail';
import { matches, newestFirst, NO_FILTERS, type LogFilters } from './log-filter';
import '../../ui/ui.css';
import './log.css';

const CLASS_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: '2xx', label: '2xx' },
  { value: '4xx', label: '4xx' },
  { value: '5xx', label: '5xx' },
  { value: 'failed', label: 'Failed' },
] as const;

/** Every exchange with the Orchestrator, newest first, filterable, each one open to read in full. */
export function CommsLogView() {
  const log = useCommsLog();
  const baseUrl = useAppInfo().data?.orchestratorUrl ?? null;
  const focusId = useUi((s) => s.focusExchangeId);
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<number | null>(focusId);
  const [focusTarget, setFocusTarget] = useState<number | null>(focusId);

  // An error's "See exchange" link: select that exchange, with filters cleared so it shows.
  if (focusId !== null && focusId !== focusTarget) {
    setFocusTarget(focusId);
    setSelectedId(focusId);
    setFilters(NO_FILTERS);
  }
  useEffect(() => {
    // Consumed: the same link followed again later must focus again.
    if (focusId !== null) useUi.setState({ focusExchangeId: null });
  }, [focusId]);

  const sorted = useMemo(() => newestFirst(log.data ?? []), [log.data]);
  const visible = useMemo(() => sorted.filter((e) => matches(e, filters)), [sorted, filters]);
  const selected = selectedId === null ? undefined : sorted.find((e) => e.id === selectedId);

  const listRef = useRef<HTMLDivElement>(null);
  const focusShown = focusTarget !== null && visible.some((e) => e.id === focusTarget);
  useEffect(() => {
    if (focusShown) listRef.current?.querySelector(`[data-id="${focusTarget}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [focusShown, focusTarget]);

  const select = useCallback((id: number) => {
    setSelectedId(id);
    setFocusTarget(null);
  }, []);
  const setFilter = <K extends keyof LogFilters>(key: K, value: LogFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <section className="st-log" aria-label="Communications log">
      <div className="st-log__filters">
        <input
          className="st-input st-log__droplet"
          aria-label="Droplet id"
          placeholder="Droplet id"
          inputMode="numeric"
          value={filters.dropletId}
          onChange={(e) => setFilter('dropletId', e.target.value)}
        />
        <Segmented<LogFilters['statusClass']> label="Status class" options={CLASS_OPTIONS} value={filters.statusClass} onChange={(v) => setFilter('statusClass', v)} />
        <input
          className="st-input st-log__text"
          type="search"
          aria-label="Search the log"
          placeholder="Search path, trace_id, body…"
          value={filters.text}
          onChange={(e) => setFilter('text', e.target.value)}
        />
        <span className="st-log__count st-muted" aria-live="polite">
          {visible.length === sorted.length ? `${sorted.length} exchanges` : `${visible.length} of ${sorted.length}`}
        </span>
        <ExportButton label="Export" title="Export the whole communications log as JSON lines (one exchange a line)" noun="exchange" run={() => call('exportCommsLog')} />
      </div>
      {log.isError && <ErrorNotice error={errorDetail(log.error)} onRetry={() => void log.refetch()} />}
      <div className="st-log__list" ref={listRef}>
        {log.isPending ? (
          <p className="st-log__empty">Loading the log…</p>
        ) : visible.length === 0 ? (
          <p className="st-log__empty">{sorted.length === 0 ? 'No exchanges yet' : 'No exchange matches these filters'}</p>
        ) : (
          <CommsTable entries={visible} selectedId={selectedId} onSelect={select} />
        )}
      </div>
      <div className="st-log__detail">
        {selected ? (
          <ExchangeDetail entry={selected} baseUrl={baseUrl} />
        ) : selectedId !== null && !log.isPending ? (
          <p className="st-log__empty">Exchange {selectedId} is no longer in the log.</p>
        ) : (
          <p className="st-log__empty">Select an exchange to read it in full.</p>
        )}
      </div>
    </section>
  );
}
