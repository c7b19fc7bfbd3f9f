/** Tick values and labels for the metric charts: round local times along x, three integers up y. */
import { getNiceTickValues } from 'recharts';
import type { ChartPoint } from '../../../../shared/downsample';
import { formatDayMonth, formatHourMinute, formatNumber } from '../../domain/format';

export interface Tick {
  value: number;
  label: string;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Ranges longer than this are labelled by day, shorter ones by time of day. */
const DAY_LABELS_BEYOND_MS = 36 * 3_600_000;
/** Steps between time ticks, in minutes; each divides the next larger unit so ticks fall on round local times. */
const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, DAY_MINUTES, 2 * DAY_MINUTES];
/** Width of a digit at the axes' 10 px font, and the least free space between two labels. */
const CHAR_PX = 5.5;
const MIN_LABEL_GAP_PX = 16;
const VALUE_TICKS = 3;

/** Approximate label width; the steps leave enough slack that an estimate is good enough. */
export function labelWidthPx(label: string): number {
  return label.length * CHAR_PX;
}

/**
 * Ticks for the time window `[from, to]` drawn `widthPx` wide: the finest round step whose
 * labels keep apart, at round local times ("27 Nov" beyond 36 h, else "14:30").
 */
export function timeTicks(from: number, to: number, widthPx: number): Tick[] {
  const span = to - from;
  if (!(span > 0) || !(widthPx > 0)) return [];
  const byDay = span > DAY_LABELS_BEYOND_MS;
  const label = byDay ? formatDayMonth : formatHourMinute;
  const room = labelWidthPx(label(to)) + MIN_LABEL_GAP_PX;
  const pxPerMinute = (widthPx * MINUTE_MS) / span;
  const step = STEPS_MIN.find((m) => m * pxPerMinute >= room) ?? STEPS_MIN[STEPS_MIN.length - 1]!;
  // Thinned once more by position: the largest step may still be too fine for a very narrow
  // chart, and a daylight-saving day has one short step.
  const ticks: Tick[] = [];
  let lastPx = -Infinity;
  for (const t of localTimesEvery(from, to, step)) {
    const px = ((t - from) * pxPerMinute) / MINUTE_MS;
    if (px - lastPx < room) continue;
    ticks.push({ value: t, label: label(t) });
    lastPx = px;
  }
  return ticks;
}

/**
 * Times in `[from, to]` on a local-time grid of `stepMin` minutes: minute steps counted from
 * the hour, hour steps from midnight, day steps on every n-th day of the month (as d3 does),
 * so the ticks stay put while the window slides. Built from wall-clock fields, so DST days
 * still read 00:00, 06:00, ...
 */
export function localTimesEvery(from: number, to: number, stepMin: number): number[] {
  const d = new Date(from);
  const [y, mo, day, h] = [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()];
  const out: number[] = [];
  if (stepMin >= DAY_MINUTES) {
    const days = stepMin / DAY_MINUTES;
    for (let k = 0; ; k++) {
      const at = new Date(y, mo, day + k);
      const t = at.getTime();
      if (t > to) break;
      if (t >= from && (at.getDate() - 1) % days === 0) out.push(t);
    }
  } else {
    const fromHour = stepMin <= 60;
    for (let k = 0; ; k++) {
      const t = (fromHour ? new Date(y, mo, day, h, k * stepMin) : new Date(y, mo, day, 0, k * stepMin)).getTime();
      if (t > to) break;
      if (t >= from) out.push(t);
    }
  }
  return out;
}

export interface ValueAxis {
  domain: [number, number];
  ticks: Tick[];
}

/**
 * The y-domain and its three integer ticks, as recharts' YAxis chose them: a fixed bound stays
 * unless values go beyond it, `'auto'` follows the data; the domain then widens to the nice ticks.
 */
export function valueAxis(spec: readonly [number, number | 'auto'], points: readonly ChartPoint[]): ValueAxis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p.v === null) continue;
    if (p.v < lo) lo = p.v;
    if (p.v > hi) hi = p.v;
  }
  const min = Math.min(spec[0], lo);
  const max = spec[1] === 'auto' ? (hi === -Infinity ? spec[0] : hi) : Math.max(spec[1], hi);
  const values = niceTicks(min, max);
  const first = values[0] ?? min;
  const last = values[values.length - 1] ?? max;
  return {
    domain: [Math.min(min, first), Math.max(max, last)],
    ticks: values.map((v) => ({ value: v, label: formatNumber(v, 0) })),
  };
}

/** recharts' nice ticks (decimal arithmetic, ~0.1 ms a call), remembered: the same few domains recur. */
const niceTickCache = new Map<string, number[]>();
const NICE_TICK_CACHE_SIZE = 64;

function niceTicks(min: number, max: number): number[] {
  const key = `${min}:${max}`;
  let values = niceTickCache.get(key);
  if (!values) {
    if (niceTickCache.size >= NICE_TICK_CACHE_SIZE) niceTickCache.clear();
    niceTickCache.set(key, (values = getNiceTickValues([min, max], VALUE_TICKS, false)));
  }
  return values;
}
