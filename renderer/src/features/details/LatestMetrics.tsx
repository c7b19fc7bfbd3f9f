import type { Metrics } from '../../../../shared/model';
import { formatNumber } from '../../domain/format';
import { METRIC_META } from '../charts/series';
import { chartedMetricsOf, otherMetricsOf } from '../../domain/metrics';

/** The latest beat's metrics: the charted four as tiles, anything else the droplet sends beneath. */
export function LatestMetrics(props: { metrics: Metrics | null }) {
  const charted = chartedMetricsOf(props.metrics);
  const other = otherMetricsOf(props.metrics);
  return (
    <section className="st-latest" aria-label="Latest metrics">
      <div className="st-latest__tiles">
        {METRIC_META.map((m) => (
          <div key={m.metric} className="st-latest__tile" data-metric={m.metric}>
            <span className="st-latest__label">
              {m.label} <span className="st-latest__unit">{m.unit}</span>
            </span>
            <span className="st-latest__value">{formatNumber(charted[m.metric])}</span>
          </div>
        ))}
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
