import { Layer } from 'recharts';
import type { Frame, PositionedTick } from './plot';

const TICK_SIZE = 6;
const TICK_MARGIN = 2;
const LABEL_STYLE = { fontSize: 10, fill: 'var(--muted)' };
// Ticks are keyed by position in the list: a range switch then moves and relabels the same
// elements instead of replacing them all.

/** The dashed horizontal grid at the value ticks, under everything else. */
export function ChartGrid({ frame, ticks }: { frame: Frame; ticks: readonly PositionedTick[] }) {
  return (
    <Layer className="st-chart__grid">
      {ticks.map((t, i) => (
        <line key={i} x1={frame.left} x2={frame.right} y1={t.at} y2={t.at} stroke="var(--chart-grid)" strokeDasharray="2 3" />
      ))}
    </Layer>
  );
}

/** Time axis under the plot, drawn as recharts' XAxis drew it (line, tick marks, labels). */
export function TimeAxis({ frame, ticks }: { frame: Frame; ticks: readonly PositionedTick[] }) {
  const y = frame.bottom;
  return (
    <Layer className="st-chart__x">
      <line x1={frame.left} x2={frame.right} y1={y} y2={y} stroke="var(--chart-grid)" />
      {ticks.map((t, i) => (
        <g key={i}>
          <line x1={t.at} x2={t.at} y1={y} y2={y + TICK_SIZE} stroke="var(--chart-grid)" />
          <text className="st-chart__tick" x={t.at} y={y + TICK_SIZE + TICK_MARGIN} dy="0.71em" textAnchor="middle" style={LABEL_STYLE}>
            {t.label}
          </text>
        </g>
      ))}
    </Layer>
  );
}

/** Value axis left of the plot, drawn as recharts' YAxis drew it. */
export function ValueAxis({ frame, ticks }: { frame: Frame; ticks: readonly PositionedTick[] }) {
  const x = frame.left;
  return (
    <Layer className="st-chart__y">
      <line x1={x} x2={x} y1={frame.top} y2={frame.bottom} stroke="var(--chart-grid)" />
      {ticks.map((t, i) => (
        <g key={i}>
          <line x1={x - TICK_SIZE} x2={x} y1={t.at} y2={t.at} stroke="var(--chart-grid)" />
          <text className="st-chart__tick" x={x - TICK_SIZE - TICK_MARGIN} y={t.at} dy="0.355em" textAnchor="end" style={LABEL_STYLE}>
            {t.label}
          </text>
        </g>
      ))}
    </Layer>
  );
}
