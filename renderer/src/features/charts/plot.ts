/** Where a metric chart's parts go, in pixels: the plot area, the line, its lone dots, the ticks. */
import type { ChartPoint } from '../../../../shared/downsample';
import { labelWidthPx, timeTicks, valueAxis, type Tick } from './axes';
import { isolatedIndices } from './series';

/** Room for the y-axis labels; the plot is the chart's width minus this (and the right margin). */
export const Y_AXIS_WIDTH = 44;
/** Room under the plot for the time labels. */
const X_AXIS_HEIGHT = 30;
const MARGIN_TOP = 4;
const MARGIN_RIGHT = 8;

export interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A point on screen; `y: null` where the line breaks (the shape recharts' Curve takes). */
export interface Coordinate {
  x: number;
  y: number | null;
}

export interface PositionedTick extends Tick {
  /** x for time ticks, y for value ticks. */
  at: number;
}

export interface Plot {
  frame: Frame;
  line: Coordinate[];
  /** Points with no neighbour to draw a line to; they get a dot of their own. */
  dots: { x: number; y: number }[];
  timeTicks: PositionedTick[];
  valueTicks: PositionedTick[];
}

function chartFrame(width: number, height: number): Frame {
  return { width, height, left: Y_AXIS_WIDTH, top: MARGIN_TOP, right: Math.max(Y_AXIS_WIDTH + 1, width - MARGIN_RIGHT), bottom: Math.max(MARGIN_TOP + 1, height - X_AXIS_HEIGHT) };
}

/** Everything a chart draws, from its points (oldest first), time window and y-domain rule. */
export function layoutPlot(points: readonly ChartPoint[], window: readonly [number, number], yDomain: readonly [number, number | 'auto'], width: number, height: number): Plot {
  const frame = chartFrame(width, height);
  const [t0, t1] = window;
  const plotWidth = frame.right - frame.left;
  const xScale = plotWidth / Math.max(1, t1 - t0);
  const x = (t: number) => frame.left + (t - t0) * xScale;
  const values = valueAxis(yDomain, points);
  const [v0, v1] = values.domain;
  const yScale = (frame.bottom - frame.top) / (v1 - v0 || 1);
  const y = (v: number) => frame.bottom - (v - v0) * yScale;

  const line = points.map((p) => ({ x: x(p.t), y: p.v === null ? null : y(p.v) }));
  const dots = [...isolatedIndices(points)].map((i) => ({ x: line[i]!.x, y: line[i]!.y! }));
  // Labels that would spill past the chart's edges are left out rather than clipped.
  const fits = (tick: Tick) => {
    const half = labelWidthPx(tick.label) / 2;
    const at = x(tick.value);
    return at - half >= 0 && at + half <= width;
  };
  return {
    frame,
    line,
    dots,
    timeTicks: timeTicks(t0, t1, plotWidth)
      .filter(fits)
      .map((tick) => ({ ...tick, at: x(tick.value) })),
    valueTicks: values.ticks.map((tick) => ({ ...tick, at: y(tick.value) })),
  };
}

/** Index of the line point nearest to `px` horizontally (points are in time order), or -1 if none. */
export function nearestIndex(line: readonly Coordinate[], px: number): number {
  if (line.length === 0) return -1;
  let lo = 0;
  let hi = line.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (line[mid]!.x < px) lo = mid + 1;
    else hi = mid;
  }
  const before = line[lo - 1];
  return before && px - before.x <= line[lo]!.x - px ? lo - 1 : lo;
}
