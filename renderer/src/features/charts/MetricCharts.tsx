import { useMemo } from 'react';
import type { ChartPoint } from '../../../../shared/downsample';
import type { ChartedMetric } from '../../../../shared/model';
import { call, errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Segmented } from '../../ui/Segmented';
import { useTick } from './useTick';
import { useElementWidth } from './useElementWidth';
import { useChartHistory } from '../../queries/useHistory';
import { MetricChart } from './MetricChart';
import { ExtraMetricCharts } from './ExtraMetricCharts';
import { Y_AXIS_WIDTH } from './plot';
import { useChartRange } from '../../state/chart-range';
import { chartPointsFor, METRIC_META, pointsSince, RANGES, rangeMs, type RangeKey } from './series';
import { historySinceNote } from './history-since';
import { ExportButton } from '../../ui/ExportButton';
import './charts.css';

const GRID_GAP = 12;
const FALLBACK_WIDTH = 280;
const WINDOW_TICK_MS = 15_000;
const TWO_COLUMNS_MIN = 520;

/**
 * Small multiples of the four heartbeat metrics for one droplet. `width`/`height` fix each
 * chart's size (tests; jsdom cannot measure); otherwise two columns share the measured width.
 */
export function MetricCharts(props: { dropletId: number; width?: number; height?: number }) {
  const range = useChartRange((s) => s.range);
  const setRange = useChartRange((s) => s.setRange);
  const ms = rangeMs(range);
  // The section is measured, not the grid: it is there while the history loads, so the charts
  // are first drawn at their width instead of at a guess and then again.
  const [sectionRef, gridWidth] = useElementWidth<HTMLElement>();
  // Two columns when there is room for two readable charts, else one.
  const columns = gridWidth > 0 && gridWidth < TWO_COLUMNS_MIN ? 1 : 2;
  const chartWidth = props.width ?? (gridWidth > 0 ? Math.floor((gridWidth - GRID_GAP * (columns - 1)) / columns) : FALLBACK_WIDTH);
  const chartHeight = props.height ?? 110;
  const measured = props.width !== undefined || gridWidth > 0;
  const history = useChartHistory(props.dropletId, ms, measured ? chartPointsFor(chartWidth - Y_AXIS_WIDTH) : 0);

  // The window slides with a slow clock (steady, and cheap next to re-drawing every second),
  // and always reaches the latest fetch so a new sample is never clipped off the right edge.
  const tick = useTick(WINDOW_TICK_MS);
  const end = Math.max(tick, history.dataUpdatedAt);
  // Stable while the window stands still, so a refetch that changes nothing redraws no chart.
  const domain = useMemo((): readonly [number, number] => [end - ms, end], [end, ms]);
  const series = useMemo(() => {
    const all = history.data?.series;
    return Object.fromEntries(METRIC_META.map((m) => [m.metric, pointsSince(all?.[m.metric] ?? [], end - ms)])) as Record<ChartedMetric, ChartPoint[]>;
  }, [history.data, end, ms]);
  const empty = METRIC_META.every((m) => !series[m.metric].some((p) => p.v !== null));
  const since = history.data?.since ?? null;
  const sinceNote = history.data ? historySinceNote(since, end - ms, end) : null;
  // Tooltips over days name the day (and zone): "10:02" alone would not say which.
  const withDay = ms > RANGES[2].ms;
  const gridStyle = { gap: GRID_GAP, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` };

  return (
    <section className="st-charts" aria-label="Metric charts" ref={sectionRef}>
      <header className="st-charts__head">
        <h3 className="st-section-title">Metrics</h3>
        <Segmented<RangeKey> label="Time range" options={RANGES} value={range} onChange={setRange} />
        <ExportButton key={props.dropletId} label="Export CSV" title="Export this droplet’s whole history (every sample Steward holds) as CSV" noun="sample" run={() => call('exportHistory', { id: props.dropletId })} />
      </header>
      {history.isPending || !measured ? (
        <p className="st-charts__empty">Loading history…</p>
      ) : history.isError && !history.data ? (
        <ErrorNotice error={errorDetail(history.error)} onRetry={() => void history.refetch()} />
      ) : empty ? (
        <p className="st-charts__empty">{since === null ? sinceNote : 'No samples in this range yet'}</p>
      ) : (
        <>
          {sinceNote && (
            <p className="st-charts__since" role="note">
              {sinceNote}
            </p>
          )}
          <div className="st-charts__grid" style={gridStyle}>
            {METRIC_META.map((meta) => (
              <MetricChart key={meta.metric} meta={meta} points={series[meta.metric]} domain={domain} since={since} withDay={withDay} width={chartWidth} height={chartHeight} />
            ))}
          </div>
        </>
      )}
      <ExtraMetricCharts dropletId={props.dropletId} names={history.data?.extra ?? []} domain={domain} since={since} withDay={withDay} width={chartWidth} height={chartHeight} gridStyle={gridStyle} />
    </section>
  );
}
