/**
 * Says plainly that the fleet on screen is old, why, what that means for the rows, and that
 * Steward keeps trying. Only a successful poll takes it down (pushed changes do not).
 */
import { formatClock, formatDuration } from '../../domain/format';
import { useUi } from '../../state/ui';
import { TraceId } from '../../ui/TraceId';
import { useFleetFreshness } from '../../queries/useFleetFreshness';

export function StaleBanner() {
  const f = useFleetFreshness();
  if (!f.stale) return null;
  return (
    <div className="stale-banner" data-testid="stale-banner">
      <span className="stale-dot" aria-hidden="true" />
      {/* Only the reason is a live region: it changes when the cause does, not every second. */}
      <span role="status">
        <strong>{f.hasData ? `Showing the fleet as of ${formatClock(f.dataUpdatedAt)}.` : 'No fleet data yet.'}</strong>{' '}
        <span data-testid="stale-reason">{f.reason}</span>
        {f.hint && <span className="stale-hint"> {f.hint}</span>}
        {f.traceId && (
          <span className="stale-trace">
            {' '}
            <TraceId traceId={f.traceId} />
          </span>
        )}
        {f.exchangeId !== null && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => useUi.getState().openExchange(f.exchangeId!)}>
              See exchange
            </button>
          </>
        )}
        {f.hasData && (
          <span className="stale-meaning" data-testid="stale-meaning">
            {' '}
            Rows are dimmed and “late” is only a guess until a poll succeeds; pushed status changes still show.
          </span>
        )}
      </span>
      <span className="stale-retry muted">{f.fetching ? 'Retrying now…' : `Retrying every ${formatDuration(f.pollIntervalMs / 1000)}.`}</span>
    </div>
  );
}
