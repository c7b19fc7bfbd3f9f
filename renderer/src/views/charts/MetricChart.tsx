import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps, type TooltipContentProps } from 'recharts';
import type { ChartPoint } from '../../../../shared/downsample';
import { formatClock, formatDayMonth, formatHourMinute, formatNumber } from '../../components/format';
import { isolatedIndices, type MetricMeta } from './series';

/** Room for the y-axis labels; the plot is the chart's width minus this. */
export const Y_AXIS_WIDTH = 44;

/** One compact chart of one metric over a fixed time window. */
export function MetricChart(props: { meta: MetricMeta; points: ChartPoint[]; domain: [number, number]; width: number; height: number }) {
  const { meta, points, domain, width, height } = props;
  const isolated = useMemo(() => isolatedIndices(points), [points]);
  const hasValues = points.some((p) => p.v !== null);
  const latest = [...points].reverse().find((p) => p.v !== null);

  return (
    <figure className="st-chart" data-metric={meta.metric} aria-label={`${meta.label} (${meta.unit})`}>
      <figcaption className="st-chart__caption">
        <span className="st-chart__title">
          {meta.label} <span className="st-chart__unit">{meta.unit}</span>
        </span>
        <span className="st-chart__latest">{latest?.v != null ? `${formatNumber(latest.v)} ${meta.unit}` : ''}</span>
      </figcaption>
      {hasValues ? (
        <LineChart width={width} height={height} data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="2 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            allowDataOverflow
            tickFormatter={domain[1] - domain[0] > 36 * 3600_000 ? formatDayMonth : formatHourMinute}
            tick={{ fontSize: 10, fill: 'var(--muted)' }}
            stroke="var(--border)"
            minTickGap={24}
          />
          <YAxis
            width={Y_AXIS_WIDTH}
            domain={meta.domain}
            tickFormatter={(v: number) => formatNumber(v, 0)}
            tick={{ fontSize: 10, fill: 'var(--muted)' }}
            stroke="var(--border)"
            allowDecimals={false}
            tickCount={3}
          />
          <Tooltip content={(p: TooltipContentProps) => <ChartTooltip {...p} unit={meta.unit} />} isAnimationActive={false} />
          <Line
            dataKey="v"
            type="linear"
            stroke="var(--accent)"
            strokeWidth={1.5}
            connectNulls={false}
            isAnimationActive={false}
            // Without isolated points no dot is drawn, so recharts need not build props for every point (the bulk of a render).
            dot={
              isolated.size === 0
                ? false
                : (d: DotItemDotProps) =>
                    isolated.has(d.index) && d.cx != null && d.cy != null ? (
                      <circle key={d.index} cx={d.cx} cy={d.cy} r={2} fill="var(--accent)" />
                    ) : (
                      <g key={d.index} />
                    )
            }
            activeDot={{ r: 3 }}
          />
        </LineChart>
      ) : (
        <p className="st-chart__none" style={{ height }}>
          No {meta.label.toLowerCase()} values in this range
        </p>
      )}
    </figure>
  );
}

function ChartTooltip(props: TooltipContentProps & { unit: string }) {
  const item = props.payload?.[0];
  const point = item?.payload as ChartPoint | undefined;
  if (!props.active || !point || point.v === null) return null;
  return (
    <div className="st-chart__tip">
      <span>{formatClock(point.t)}</span> <strong>{formatNumber(point.v, 2)}</strong> {props.unit}
    </div>
  );
}
