import { memo, type KeyboardEvent } from 'react';
import type { CommsEntry } from '../../../../shared/model';
import { statusClass, statusClassTone } from '../../domain/status';
import { formatLatency, formatLogStamp, formatLogTime } from './time';

/** The exchanges as a dense table; a row is selected by click, Enter, or the arrow keys. */
export function CommsTable(props: { entries: readonly CommsEntry[]; selectedId: number | null; onSelect(id: number): void }) {
  const { entries, selectedId, onSelect } = props;
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = entries.findIndex((x) => x.id === selectedId);
    const next = entries[at < 0 ? 0 : Math.min(entries.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    onSelect(next.id);
    const row = e.currentTarget.querySelector<HTMLElement>(`[data-id="${next.id}"]`);
    row?.focus();
    row?.scrollIntoView?.({ block: 'nearest' });
  };
  return (
    <table className="st-log__table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Request · trace_id</th>
          <th scope="col">Status</th>
          <th scope="col" className="st-num">Latency</th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {entries.map((e) => (
          <CommsRow key={e.id} entry={e} selected={e.id === selectedId} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
}

// Memoised: the log refreshes every 2 s and react-query keeps unchanged entries identical.
const CommsRow = memo(function CommsRow(props: { entry: CommsEntry; selected: boolean; onSelect(id: number): void }) {
  const { entry: e, selected, onSelect } = props;
  const cls = statusClass(e.status);
  return (
    <tr
      data-id={e.id}
      tabIndex={0}
      aria-selected={selected}
      className={selected ? 'st-log__row st-log__row--on' : 'st-log__row'}
      onClick={() => onSelect(e.id)}
      onKeyDown={(k) => {
        if (k.key === 'Enter' || k.key === ' ') {
          k.preventDefault();
          onSelect(e.id);
        }
      }}
    >
      <td className="st-log__time" title={formatLogStamp(e.time)}>
        {formatLogTime(e.time)}
      </td>
      {/* Two lines, so the path keeps its room in a narrow pane. */}
      <td className="st-log__request" title={`${e.method} ${e.path}`}>
        <span className="st-log__line">
          <span className="st-log__method">{e.method}</span> {e.path}
        </span>
        <span className="st-log__trace">{e.traceId ?? e.error ?? ''}</span>
      </td>
      <td className={`st-log__status tone-${statusClassTone(cls)}`} data-class={cls}>
        {e.status ?? 'failed'}
      </td>
      <td className="st-num">{formatLatency(e.latencyMs)}</td>
    </tr>
  );
});
