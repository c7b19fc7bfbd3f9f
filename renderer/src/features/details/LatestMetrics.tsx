import type { LatestValue, LatestValues, Metrics } from '../../../../shared/model';
import { formatDuration, formatNumber } from '../../domain/format';
import { otherMetricsOf } from '../../domain/metrics';
import { useHistoryView } from '../../queries/useHistory';
import { useNow } from '../../state/clock';
import { METRIC_META, rangeMs } from '../charts/series';

/**
 * The newest value of each charted metric, as the charts below know it: both read Steward's
 * history (the deployed list carries no metrics), each value with its age. Anything else the
 * droplet's latest beat carries is listed beneath.
 */
export function LatestMetrics(props: { dropletId: number; metrics: Metrics | null }) {
  // Same key as the heartbeat strip and the charts' default range: one fetch for all three.
  const history = useHistoryView(props.dropletId, rangeMs('1h'));
  return <LatestTiles latest={history.data?.latest ?? null} other={otherMetricsOf(props.metrics)} />;
}

function LatestTiles(props: { latest: LatestValues | null; other: [string, string][] }) {
  const { latest, other } = props;
  return (
    <section className="st-latest" aria-label="Latest metrics">
      <div className="st-latest__tiles">
        {METRIC_META.map((m) => {
          const value = latest?.[m.metric] ?? null;
          return (
            <div key={m.metric} className="st-latest__tile" data-metric={m.metric}>
              <span className="st-latest__label">
                {m.label} <span className="st-latest__unit">{m.unit}</span>
              </span>
              <span className="st-latest__value">{formatNumber(value?.v)}</span>
              <span className="st-latest__age">{value ? <Age value={value} /> : 'not reported'}</span>
            </div>
          );
        })}
      </div>
      {other.length > 0 && (
        <p className="st-latest__other">
          {other.map(([k, v]) => (
            <span key={k}>
              {k} <strong>{v}</strong>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

/** "12 s ago": its own component, so the clock's tick re-renders only the ages. */
function Age(props: { value: LatestValue }) {
  const now = useNow();
  return <>{formatDuration((now - props.value.t) / 1000)} ago</>;
}
