import { afterEach, describe, expect, it } from 'vitest';
import { labelWidthPx, localTimesEvery, timeTicks, valueAxis } from '../../../../../renderer/src/features/charts/axes';
import { layoutPlot, nearestIndex } from '../../../../../renderer/src/features/charts/plot';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Pixel positions of `ticks` on a `width`-px axis over [from, to]. */
const positions = (ticks: { value: number }[], from: number, to: number, width: number) => ticks.map((t) => ((t.value - from) / (to - from)) * width);

describe('time ticks', () => {
  it('labels a day by round hours and a week by local midnights', () => {
    process.env.TZ = 'UTC';
    const to = Date.UTC(2026, 10, 27, 8, 17);
    const day = timeTicks(to - DAY, to, 350);
    expect(day.length).toBeGreaterThanOrEqual(4);
    for (const t of day) {
      expect(t.label).toMatch(/^\d\d:00$/);
      expect(new Date(t.value).getUTCMinutes()).toBe(0);
    }
    const week = timeTicks(to - 7 * DAY, to, 350);
    expect(week.map((t) => t.label)).toEqual(['21 Nov', '22 Nov', '23 Nov', '24 Nov', '25 Nov', '26 Nov', '27 Nov']);
    for (const t of week) expect(t.value % DAY).toBe(0);
  });

  it('keeps labels apart however narrow the chart, thinning them rather than overlapping', () => {
    const to = Date.UTC(2026, 10, 27, 8, 17);
    for (const span of [15 * MIN, HOUR, 6 * HOUR, DAY, 7 * DAY]) {
      for (let width = 60; width <= 900; width += 40) {
        const ticks = timeTicks(to - span, to, width);
        const at = positions(ticks, to - span, to, width);
        for (let i = 1; i < ticks.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThan(labelWidthPx(ticks[i]!.label));
        for (const t of ticks) expect(t.value >= to - span && t.value <= to).toBe(true);
      }
    }
  });

  it('stays on round wall-clock times across a daylight-saving change', () => {
    process.env.TZ = 'Europe/Berlin';
    // Clocks went from 02:00 to 03:00 on 29 March 2026.
    const to = new Date(2026, 2, 29, 20, 0).getTime();
    const labels = timeTicks(to - DAY, to, 350).map((t) => t.label);
    expect(labels.length).toBeGreaterThanOrEqual(4);
    for (const l of labels) expect(l).toMatch(/^(00|03|06|09|12|15|18|21):00$/);
    expect(localTimesEvery(new Date(2026, 2, 29, 0, 0).getTime(), new Date(2026, 2, 29, 12, 0).getTime(), 360).map((t) => new Date(t).getHours())).toEqual([0, 6, 12]);
  });

  it('answers nothing for an empty window or no room', () => {
    expect(timeTicks(5, 5, 300)).toEqual([]);
    expect(timeTicks(0, DAY, 0)).toEqual([]);
  });
});

describe('value axis', () => {
  it('keeps CPU at 0-100 and fits the others to their data, with three integer ticks', () => {
    expect(valueAxis([0, 100], [{ t: 1, v: 12 }])).toEqual({ domain: [0, 100], ticks: [{ value: 0, label: '0' }, { value: 50, label: '50' }, { value: 100, label: '100' }] });
    const memory = valueAxis([0, 'auto'], [{ t: 1, v: 1146 }, { t: 2, v: null }, { t: 3, v: 700 }]);
    expect(memory.domain).toEqual([0, 1200]);
    expect(memory.ticks.map((t) => t.value)).toEqual([0, 600, 1200]);
    const errors = valueAxis([0, 'auto'], [{ t: 1, v: 0 }]);
    expect(errors.ticks.map((t) => t.value)).toEqual([0, 1, 2]);
    for (const t of errors.ticks) expect(Number.isInteger(t.value)).toBe(true);
  });
});

describe('plot layout', () => {
  it('maps points into the plot, breaks the line at gaps and dots lone points', () => {
    const points = [
      { t: 0, v: 0 },
      { t: 10, v: 50 },
      { t: 20, v: null },
      { t: 30, v: 100 },
    ];
    const plot = layoutPlot(points, [0, 30], [0, 100], 300, 110);
    expect(plot.frame).toMatchObject({ left: 44, right: 292, top: 4, bottom: 80 });
    expect(plot.line.map((c) => c.y)).toEqual([80, 42, null, 4]);
    expect(plot.line[0]!.x).toBe(44);
    expect(plot.line[3]!.x).toBe(292);
    expect(plot.dots).toEqual([{ x: 292, y: 4 }]);
    expect(plot.valueTicks.map((t) => t.at)).toEqual([80, 42, 4]);
  });

  it('finds the point nearest the pointer', () => {
    const line = [{ x: 0, y: 1 }, { x: 10, y: null }, { x: 30, y: 2 }];
    expect([-5, 4, 6, 19, 21, 99].map((px) => nearestIndex(line, px))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(nearestIndex([], 3)).toBe(-1);
  });
});
