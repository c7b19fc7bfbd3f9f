/** Counts per status across the whole fleet; clicking one filters the table to it. */
import type { EffectiveStatus } from '../../../../shared/liveness';
import { STATUS_ORDER } from './fleet-rows';
import { LATE_GUESS_WHY } from '../../ui/StatusBadge';

export interface SummaryStripProps {
  counts: Record<EffectiveStatus, number>;
  total: number;
  statusFilter: string | null;
  onFilter(status: EffectiveStatus | null): void;
  /** The fleet cannot be refreshed: Steward's late count is then a guess and says so. */
  stale?: boolean;
  /** Entries the Orchestrator sent that could not be read, each with why. */
  unreadable: readonly string[];
}

export function SummaryStrip({ counts, total, statusFilter, onFilter, unreadable, stale = false }: SummaryStripProps) {
  return (
    <div className="summary" role="toolbar" aria-label="Fleet summary">
      <button type="button" className="summary-count summary-all" aria-pressed={statusFilter === null} aria-label={`${total} all`} onClick={() => onFilter(null)}>
        <span className="summary-number">{total}</span>
        <span className="summary-word">all</span>
      </button>
      {STATUS_ORDER.filter((s) => s !== 'unknown' || counts.unknown > 0).map((status) => {
        const pressed = statusFilter === status;
        const guess = stale && status === 'late';
        return (
          <button
            key={status}
            type="button"
            className={`summary-count status-${status}${counts[status] === 0 ? ' zero' : ''}${guess ? ' guess' : ''}`}
            title={guess ? `late? ${LATE_GUESS_WHY}: Steward cannot refresh the fleet, so these are droplets whose last known beat is overdue, not a verdict` : undefined}
            aria-pressed={pressed}
            aria-label={`${counts[status]} ${status}`}
            onClick={() => onFilter(pressed ? null : status)}
          >
            <span className="status-dot" aria-hidden="true" />
            <span className="summary-number">{counts[status]}</span>
            <span className="summary-word">{guess ? 'late?' : status}</span>
          </button>
        );
      })}
      {unreadable.length > 0 && (
        <span className="summary-unreadable" title={unreadable.join('\n')}>
          {unreadable.length} {unreadable.length === 1 ? 'entry' : 'entries'} could not be read
        </span>
      )}
    </div>
  );
}
