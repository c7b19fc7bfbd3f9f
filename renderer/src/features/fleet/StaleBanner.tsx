/**
 * Says plainly that the fleet on screen is old, what that means for the rows, why, and that
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
      {/* Only what changes with the cause is a live region, not the retry countdown. */}
      <div className="stale-body" role="status">
        <div className="stale-headline">
          <strong>{f.hasData ? `Showing the fleet as of ${formatClock(f.dataUpdatedAt)}.` : 'No fleet data yet.'}</strong>
          {f.hasData && (
            <span className="stale-meaning" data-testid="stale-meaning">
              {' '}
              Rows are dimmed and “late” is only a guess until a poll succeeds; pushed status changes still show.
            </span>
          )}
        </div>
        <div className="stale-why">
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
        </div>
      </div>
      <span className="stale-retry">{f.fetching ? 'Retrying now…' : `Retrying every ${formatDuration(f.pollIntervalMs / 1000)}.`}</span>
    </div>
  );
}
