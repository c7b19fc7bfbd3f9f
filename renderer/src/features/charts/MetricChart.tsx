import { memo, useId, useMemo } from 'react';
import { Curve, Dot, Layer, Surface } from 'recharts';
import type { ChartPoint } from '../../../../shared/downsample';
import { formatNumber } from '../../domain/format';
import { ChartGrid, TimeAxis, ValueAxis } from './ChartAxes';
import { ChartHover } from './ChartHover';
import { layoutPlot, type Frame } from './plot';
import { latestValue, type ChartMeta } from './series';

/**
 * One compact chart of one metric over a fixed time window. Drawn from recharts' SVG
 * primitives with scales of its own: a LineChart's store, axis measuring and tick formatting
 * cost 20-60 ms a chart on every range switch, this about a millisecond.
 */
export const MetricChart = memo(function MetricChart(props: {
  meta: ChartMeta;
  points: ChartPoint[];
  domain: readonly [number, number];
  /** Where Steward's history begins: the stretch before it is shaded as "no record", not drawn as an outage. */
  since?: number | null;
  /** Tooltips name the day and zone (ranges over a day). */
  withDay?: boolean;
  width: number;
  height: number;
}) {
  const { meta, points, domain, width, height } = props;
  const plot = useMemo(() => layoutPlot(points, domain, meta.domain, width, height), [points, domain, meta.domain, width, height]);
  // Only the time axis clips (a sample past the window's edge); the values' domain always holds them.
  const clipId = `st-chart-clip-${useId().replace(/[^\w-]/g, '')}`;
  const latest = latestValue(points);
  const { frame } = plot;
  const beforeHistory = unrecordedWidth(props.since ?? null, domain, frame);

  return (
    <figure className="st-chart" data-metric={meta.metric} aria-label={meta.unit ? `${meta.label} (${meta.unit})` : meta.label}>
      <figcaption className="st-chart__caption">
        <span className="st-chart__title">
          {meta.label} <span className="st-chart__unit">{meta.unit}</span>
        </span>
        <span className="st-chart__latest">{latest !== null ? `${formatNumber(latest)} ${meta.unit}`.trimEnd() : ''}</span>
      </figcaption>
      {latest !== null ? (
        <div className="st-chart__plot" style={{ width, height }}>
          <Surface width={width} height={height}>
            <defs>
              <clipPath id={clipId}>
                <rect x={frame.left} y={0} width={frame.right - frame.left} height={height} />
              </clipPath>
            </defs>
            {beforeHistory > 0 && (
              <g className="st-chart__unrecorded-area">
                <title>Before Steward’s history of this droplet: not recorded, not an outage</title>
                <rect className="st-chart__unrecorded" x={frame.left} y={frame.top} width={beforeHistory} height={frame.bottom - frame.top} />
                {beforeHistory >= UNRECORDED_LABEL_MIN_PX && (
                  <text className="st-chart__unrecorded-label" x={frame.left + beforeHistory / 2} y={(frame.top + frame.bottom) / 2} textAnchor="middle" dominantBaseline="middle">
                    not recorded
                  </text>
                )}
              </g>
            )}
            <ChartGrid frame={frame} ticks={plot.valueTicks} />
            <TimeAxis frame={frame} ticks={plot.timeTicks} />
            <ValueAxis frame={frame} ticks={plot.valueTicks} />
            <Layer clipPath={`url(#${clipId})`}>
              <Curve className="recharts-line-curve" points={plot.line} type="linear" connectNulls={false} stroke="var(--chart-line)" strokeWidth={1.5} fill="none" />
              {plot.dots.map((d) => (
                <Dot key={d.x} cx={d.x} cy={d.y} r={2} fill="var(--chart-line)" />
              ))}
            </Layer>
          </Surface>
          <ChartHover frame={frame} line={plot.line} points={points} unit={meta.unit} withDay={props.withDay ?? false} />
        </div>
      ) : (
        <p className="st-chart__none" style={{ height }}>
          No {meta.unit ? meta.label.toLowerCase() : meta.label} values in this range
        </p>
      )}
    </figure>
  );
});

/** Narrower than this, the unrecorded stretch is shaded without its label. */
const UNRECORDED_LABEL_MIN_PX = 90;

/** Width in pixels of the window's stretch before `since` (0 when the history covers the window). */
function unrecordedWidth(since: number | null, domain: readonly [number, number], frame: Frame): number {
  const [t0, t1] = domain;
  if (since === null || since <= t0 || t1 <= t0) return 0;
  return (Math.min(since, t1) - t0) * ((frame.right - frame.left) / (t1 - t0));
}
