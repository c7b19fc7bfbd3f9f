import type { IpcError } from '../../../shared/ipc-contract';
import { useUi } from '../state/ui';
import { TraceId } from './TraceId';
import './ui.css';

/**
 * A failure told in plain words, with what to try and the facts a steward needs to chase it
 * (HTTP status, trace_id, the exchange in the communications log). Deliberately calm: a
 * failed call is routine in a fleet, not an emergency.
 */
export function ErrorNotice(props: { error: IpcError; onRetry?: () => void }) {
  const { error, onRetry } = props;
  const exchangeId = error.exchangeId;
  return (
    <div role="alert" className="st-error" data-kind={error.kind}>
      <p className="st-error__message">{error.message}</p>
      {error.hint && <p className="st-error__hint">{error.hint}</p>}
      {error.fields.length > 0 && (
        <ul className="st-error__fields">
          {error.fields.map((f, i) => (
            <li key={`${f.field}-${i}`}>
              <code>{f.field || 'request'}</code>: {f.msg}
            </li>
          ))}
        </ul>
      )}
      <div className="st-error__meta">
        {error.status !== null && (
          <span>
            HTTP <strong>{error.status}</strong>
          </span>
        )}
        {error.traceId && (
          <span className="st-error__trace">
            <TraceId traceId={error.traceId} />
          </span>
        )}
        <span className="st-error__actions">
          {exchangeId !== null && (
            <button type="button" className="st-btn st-btn--link" onClick={() => useUi.getState().openExchange(exchangeId)}>
              See exchange
            </button>
          )}
          {onRetry && (
            <button type="button" className="st-btn st-btn--quiet" onClick={onRetry}>
              Retry
            </button>
          )}
        </span>
      </div>
    </div>
  );
}
