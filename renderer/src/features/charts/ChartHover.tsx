import { useState, type CSSProperties, type MouseEvent } from 'react';
import { Dot } from 'recharts';
import type { ChartPoint } from '../../../../shared/downsample';
import { formatClock, formatDayClockZone, formatNumber } from '../../domain/format';
import { nearestIndex, type Coordinate, type Frame } from './plot';

const TIP_OFFSET = 10;
const TIP_CHAR_PX = 6.6;
const TIP_PADDING_PX = 14;
const TIP_HEIGHT_PX = 24;

interface Hovered {
  index: number;
  /** Pointer height in the chart; the tip follows it. */
  y: number;
}

/**
 * The pointer's layer over a chart: a cursor, a dot and a tip with the time and value of the
 * point nearest the pointer (with the day and zone over ranges longer than a day). Its own state, so hovering redraws this layer and not the chart.
 */
export function ChartHover(props: { frame: Frame; line: readonly Coordinate[]; points: readonly ChartPoint[]; unit: string; withDay?: boolean }) {
  const { frame, line, points, unit } = props;
  const timeText = props.withDay ? formatDayClockZone : formatClock;
  const [hovered, setHovered] = useState<Hovered | null>(null);

  const onMouseMove = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const inside = x >= frame.left && x <= frame.right && y >= frame.top && y <= frame.bottom;
    const index = inside ? nearestIndex(line, x) : -1;
    setHovered(index < 0 ? null : { index, y });
  };

  const at = hovered ? line[hovered.index] : undefined;
  const point = hovered ? points[hovered.index] : undefined;
  // A break in the line has no value to tell.
  const shown = at && point && at.y !== null && point.v !== null ? { x: at.x, y: at.y, time: timeText(point.t), value: formatNumber(point.v, 2) } : null;

  return (
    <div className="st-chart__hover" onMouseMove={onMouseMove} onMouseLeave={() => setHovered(null)}>
      {shown && hovered && (
        <>
          <svg className="st-chart__cursor" width={frame.width} height={frame.height} aria-hidden="true">
            <line x1={shown.x} x2={shown.x} y1={frame.top} y2={frame.bottom} stroke="var(--chart-cursor)" strokeOpacity={0.5} />
            <Dot className="recharts-active-dot" cx={shown.x} cy={shown.y} r={3} fill="var(--chart-line)" stroke="var(--bg)" strokeWidth={2} />
          </svg>
          <div className="st-chart__tip" style={tipPosition(shown.x, hovered.y, frame, `${shown.time} ${shown.value} ${unit}`)}>
            <span>{shown.time}</span> <strong>{shown.value}</strong> {unit}
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Below and right of the pointer, as recharts' tooltip sat, flipping to the other side where the
 * tip would leave the plot. Its size is estimated from the text (12 px tabular digits), which
 * saves measuring it on every move.
 */
function tipPosition(x: number, y: number, frame: Frame, text: string): CSSProperties {
  const width = text.length * TIP_CHAR_PX + TIP_PADDING_PX;
  return {
    ...(x + TIP_OFFSET + width <= frame.right ? { left: x + TIP_OFFSET } : { right: frame.width - x + TIP_OFFSET }),
    ...(y + TIP_OFFSET + TIP_HEIGHT_PX <= frame.bottom ? { top: y + TIP_OFFSET } : { bottom: frame.height - y + TIP_OFFSET }),
  };
}
