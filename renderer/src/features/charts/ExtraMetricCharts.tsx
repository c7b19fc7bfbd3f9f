import { useMemo, type CSSProperties } from 'react';
import { errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useExtraMetric } from '../../queries/useExtraMetric';
import { useShownExtraMetrics } from '../../state/extra-metrics';
import { MetricChart } from './MetricChart';
import { Y_AXIS_WIDTH } from './plot';
import { extraChartSeries, extraMetricMeta } from './series';

interface ChartFrame {
  dropletId: number;
  domain: readonly [number, number];
  since: number | null;
  withDay: boolean;
  width: number;
  height: number;
}

/**
 * "More metrics": the other numeric metrics a droplet sent, each a toggle; a toggled one is
 * charted below the four with the same chart, under its raw name and with no unit.
 */
export function ExtraMetricCharts(props: ChartFrame & { names: readonly string[]; gridStyle: CSSProperties }) {
  const shown = useShownExtraMetrics((s) => s.shown);
  const toggle = useShownExtraMetrics((s) => s.toggle);
  if (props.names.length === 0) return null;
  const charted = props.names.filter((n) => shown.includes(n));

  return (
    <div className="st-charts__more" role="group" aria-label="More metrics">
      <h4 className="st-section-title">More metrics</h4>
      <p className="st-charts__hint">Kept while Steward runs, not saved with the history.</p>
      <div className="st-charts__toggles">
        {props.names.map((name) => (
          <button key={name} type="button" className="st-btn" aria-pressed={shown.includes(name)} onClick={() => toggle(name)}>
            {name}
          </button>
        ))}
      </div>
      {charted.length > 0 && (
        <div className="st-charts__grid" style={props.gridStyle}>
          {charted.map((name) => (
            <ExtraMetricChart key={name} {...props} name={name} />
          ))}
        </div>
      )}
    </div>
  );
}

export function ExtraMetricChart(props: ChartFrame & { name: string }) {
  const { dropletId, name, width } = props;
  const [t0, t1] = props.domain;
  const query = useExtraMetric(dropletId, name, t1 - t0);
  // Reaches this metric's latest fetch, so its newest sample is not clipped off the right edge.
  const end = Math.max(t1, query.dataUpdatedAt);
  const domain = useMemo((): readonly [number, number] => [end - (t1 - t0), end], [end, t0, t1]);
  const meta = useMemo(() => extraMetricMeta(name), [name]);
  const points = useMemo(() => extraChartSeries(query.data ?? [], domain[0], width - Y_AXIS_WIDTH), [query.data, domain, width]);

  if (query.isPending) return <p className="st-chart__none" style={{ height: props.height }}>Loading {name}…</p>;
  if (query.isError && !query.data) return <ErrorNotice error={errorDetail(query.error)} onRetry={() => void query.refetch()} />;
  return <MetricChart meta={meta} points={points} domain={domain} since={props.since} withDay={props.withDay} width={width} height={props.height} />;
}
