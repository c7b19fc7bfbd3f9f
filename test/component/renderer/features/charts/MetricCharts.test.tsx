// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MetricCharts } from '../../../../../renderer/src/features/charts/MetricCharts';
import { useChartRange } from '../../../../../renderer/src/state/chart-range';
import { formatClock, formatDayClockZone, formatHourMinuteOrDay } from '../../../../../renderer/src/domain/format';
import { installDomShims, installFakeSteward, renderWithClient } from '../../../../support/detail-fake-steward';
import { historyOf, MIN, sample, series } from '../../../../support/chart-samples';

beforeAll(() => installDomShims());
beforeEach(() => useChartRange.setState({ range: '1h' }));
afterEach(cleanup);

const timeLabels = (chart: Element) => [...chart.querySelectorAll('.st-chart__x .st-chart__tick')].map((t) => t.textContent ?? '');
const valueLabels = (chart: Element) => [...chart.querySelectorAll('.st-chart__y .st-chart__tick')].map((t) => t.textContent ?? '');

/** The drawn line's sub-paths: each "M" starts a run, each "L" joins one more point. */
function linePaths(chart: HTMLElement): { runs: number; points: number } {
  const d = [...chart.querySelectorAll('path.recharts-line-curve')].map((p) => p.getAttribute('d') ?? '').join('');
  return { runs: (d.match(/M/g) ?? []).length, points: (d.match(/[ML]/g) ?? []).length };
}

describe('MetricCharts', () => {
  it('draws the four metrics as small multiples with their units', async () => {
    installFakeSteward({ getHistory: () => historyOf(series(50)) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    const figures = [...region.querySelectorAll<HTMLElement>('figure')];
    expect(figures.map((f) => f.dataset.metric)).toEqual(['cpu_percent', 'memory_mb', 'requests_last_minute', 'errors_last_minute']);
    expect(figures.map((f) => f.getAttribute('aria-label'))).toEqual(['CPU (%)', 'Memory (MB)', 'Requests (req/min)', 'Errors (err/min)']);
    for (const f of figures) expect(linePaths(f)).toEqual({ runs: 1, points: 50 });
    // The caption tells the newest value (the sample a minute ago).
    expect(figures.map((f) => f.querySelector('.st-chart__latest')?.textContent)).toEqual(['11 %', '501 MB', '101 req/min', '1 err/min']);
    // The time axis reads HH:MM at round times, a few labels, none overlapping.
    const ticks = timeLabels(figures[0]!);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect(t).toMatch(/^\d\d:\d[05]$/);
    // Three integer value ticks: CPU is fixed at 0-100, the others follow their data.
    expect(valueLabels(figures[0]!)).toEqual(['0', '50', '100']);
    expect(valueLabels(figures[1]!)).toEqual(['0', '300', '600']);
    // A dashed horizontal grid line at each value tick.
    const grid = [...figures[0]!.querySelectorAll('.st-chart__grid line')];
    expect(grid).toHaveLength(3);
    for (const line of grid) expect(line.getAttribute('stroke-dasharray')).toBe('2 3');
  });

  it('switching the range shows only that range and asks main from its start', async () => {
    const fake = installFakeSteward({ getHistory: () => historyOf(series(50)) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));

    fireEvent.click(within(region).getByRole('radio', { name: '15 min' }));
    expect(within(region).getByRole('radio', { name: '15 min' }).getAttribute('aria-checked')).toBe('true');
    await waitFor(() => expect(linePaths(region.querySelector('figure')!).points).toBeLessThanOrEqual(15));
    expect(linePaths(region.querySelector('figure')!).points).toBeGreaterThanOrEqual(14);
    const asked = fake.callsOf('getChartHistory').at(-1)!;
    expect(Date.now() - asked.sinceMs).toBeGreaterThanOrEqual(15 * MIN);
    expect(Date.now() - asked.sinceMs).toBeLessThan(16 * MIN);
  });

  it('offers 7 days, asks main from a week back, and labels the axis by day', async () => {
    // A beat every 10 minutes over 5 days: older than the 24 h range, inside the 7-day one.
    const now = Date.now();
    const samples = Array.from({ length: 5 * 144 }, (_, i) => sample(now - (5 * 144 - i) * 10 * MIN, i));
    const fake = installFakeSteward({ getHistory: () => historyOf(samples) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    fireEvent.click(within(region).getByRole('radio', { name: '7 d' }));
    await waitFor(() => expect(Date.now() - fake.callsOf('getChartHistory').at(-1)!.sinceMs).toBeGreaterThanOrEqual(7 * 24 * 60 * MIN));
    // What the charts draw crosses, not every sample: about a point per pixel of a 300 px chart.
    expect(fake.callsOf('getChartHistory').at(-1)!.points).toBeLessThanOrEqual(300);
    expect(fake.callsOf('getHistory')).toHaveLength(0);
    await waitFor(() => expect(timeLabels(region.querySelector('figure')!)[0]).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/));
    const days = timeLabels(region.querySelector('figure')!);
    expect(days.length).toBeGreaterThanOrEqual(3);
    for (const t of days) expect(t).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/);
    expect(new Set(days).size).toBe(days.length);
  });

  it('draws a gap where beats stopped instead of bridging it', async () => {
    // Nothing between 30 and 20 minutes ago.
    installFakeSteward({ getHistory: () => historyOf(series(50, (m) => m < 30 && m > 20)) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    for (const f of region.querySelectorAll<HTMLElement>('figure')) expect(linePaths(f).runs).toBe(2);
  });

  it('marks a lone sample between gaps with a dot, since it has no line to be part of', async () => {
    // Beats stopped 40 minutes ago, one came 31 minutes ago, then none until 20 minutes ago.
    installFakeSteward({ getHistory: () => historyOf(series(50, (m) => (m < 40 && m > 31) || (m < 31 && m > 20))) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    for (const f of region.querySelectorAll<HTMLElement>('figure')) expect(f.querySelectorAll('.recharts-dot')).toHaveLength(1);
  });

  it('shows the time and value of the point under the pointer, and nothing once it leaves', async () => {
    const samples = series(50);
    installFakeSteward({ getHistory: () => historyOf(samples) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const memory = await screen.findByRole('figure', { name: 'Memory (MB)' });
    const layer = memory.querySelector<HTMLElement>('.st-chart__hover')!;
    // jsdom lays nothing out: pointer coordinates are the chart's own. The plot spans x 44-292.
    fireEvent.mouseMove(layer, { clientX: 291, clientY: 30 });
    const newest = samples.at(-1)!;
    expect(memory.querySelector('.st-chart__tip')?.textContent).toBe(`${formatClock(newest.t)} ${newest.memory_mb} MB`);
    expect(memory.querySelectorAll('.recharts-active-dot')).toHaveLength(1);

    // Left edge of the plot: the oldest sample still inside the hour.
    fireEvent.mouseMove(layer, { clientX: 45, clientY: 30 });
    expect(memory.querySelector('.st-chart__tip')?.textContent).toBe(`${formatClock(samples[0]!.t)} ${samples[0]!.memory_mb} MB`);

    // Over the value labels, outside the plot: no tip.
    fireEvent.mouseMove(layer, { clientX: 10, clientY: 30 });
    expect(memory.querySelector('.st-chart__tip')).toBeNull();
    fireEvent.mouseMove(layer, { clientX: 200, clientY: 30 });
    expect(memory.querySelector('.st-chart__tip')).not.toBeNull();
    fireEvent.mouseLeave(layer);
    expect(memory.querySelector('.st-chart__tip')).toBeNull();
    expect(memory.querySelector('.recharts-active-dot')).toBeNull();
  });

  it('says which metric has no values in the range while drawing the others', async () => {
    installFakeSteward({ getHistory: () => historyOf(series(50).map((s) => ({ ...s, errors_last_minute: null }))) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const errors = await screen.findByRole('figure', { name: 'Errors (err/min)' });
    expect(within(errors).getByText('No errors values in this range')).toBeTruthy();
    expect(errors.querySelector('svg')).toBeNull();
    expect(linePaths(screen.getByRole('figure', { name: 'CPU (%)' })).points).toBe(50);
  });

  it('lays the charts out in two columns when there is room, else one, drawn at that width from the start', async () => {
    let reportWidth = 800;
    const original = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe(el: Element): void {
        this.callback([{ contentRect: { width: reportWidth } } as ResizeObserverEntry], this as unknown as ResizeObserver);
        void el;
      }
      unobserve(): void {}
      disconnect(): void {}
    };
    try {
      installFakeSteward({ getHistory: () => historyOf(series(50)) });
      // Every chart drawn is drawn at its final width: none at a guessed one first.
      const drawnWidths: string[] = [];
      const drawn = new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'attributes') drawnWidths.push(r.oldValue ?? '');
          for (const n of r.addedNodes) if (n instanceof Element) for (const svg of n.querySelectorAll('svg')) drawnWidths.push(svg.getAttribute('width') ?? '');
        }
      });
      drawn.observe(document.body, { childList: true, subtree: true, attributeFilter: ['width'], attributeOldValue: true });
      const wide = renderWithClient(<MetricCharts dropletId={7} />);
      const grid = () => wide.container.querySelector<HTMLElement>('.st-charts__grid')!;
      await waitFor(() => expect(grid().style.gridTemplateColumns).toBe('repeat(2, minmax(0, 1fr))'));
      // Two charts and the gap share the width.
      await waitFor(() => expect(grid().querySelectorAll('svg')).toHaveLength(4));
      drawn.disconnect();
      expect(new Set(drawnWidths)).toEqual(new Set(['394']));
      wide.unmount();

      reportWidth = 400;
      const narrow = renderWithClient(<MetricCharts dropletId={7} />);
      await waitFor(() => expect(narrow.container.querySelector<HTMLElement>('.st-charts__grid')?.style.gridTemplateColumns).toBe('repeat(1, minmax(0, 1fr))'));
      await waitFor(() => expect(narrow.container.querySelector('.st-charts__grid svg')?.getAttribute('width')).toBe('400'));
    } finally {
      globalThis.ResizeObserver = original;
    }
  });

  it('says so when the range has no samples', async () => {
    // The history began long before the range: an empty range is a real silence.
    installFakeSteward({ getHistory: () => historyOf([], Date.now() - 8 * 24 * 60 * MIN) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    expect(await screen.findByText('No samples in this range yet')).toBeTruthy();
    expect(document.querySelector('figure')).toBeNull();
  });

  it('says there is no history yet, rather than no samples, when Steward has recorded none', async () => {
    installFakeSteward({ getHistory: () => historyOf([]) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    expect(await screen.findByText('No history yet; Steward records beats while it runs')).toBeTruthy();
    expect(screen.queryByText('No samples in this range yet')).toBeNull();
  });

  it('says where the history begins when that is inside the range, and shades the stretch before it in every chart', async () => {
    const samples = series(20);
    installFakeSteward({ getHistory: () => historyOf(samples) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe(`History since ${formatHourMinuteOrDay(samples[0]!.t, Date.now())}; Steward records beats while it runs`);
    const figures = [...document.querySelectorAll('figure')];
    expect(figures).toHaveLength(4);
    for (const f of figures) {
      const shade = f.querySelector('rect.st-chart__unrecorded');
      // 40 of the hour's 60 minutes, of a plot 248 px wide (x 44-292).
      expect(Number(shade?.getAttribute('width'))).toBeGreaterThan(248 * (39 / 60));
      expect(Number(shade?.getAttribute('width'))).toBeLessThan(248 * (41 / 60));
    }
  });

  it('says nothing of where the history begins when it covers the range', async () => {
    installFakeSteward({ getHistory: () => historyOf(series(50), Date.now() - 3 * 60 * MIN) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    await waitFor(() => expect(document.querySelectorAll('figure')).toHaveLength(4));
    expect(screen.queryByRole('note')).toBeNull();
    expect(document.querySelector('.st-chart__unrecorded')).toBeNull();
  });

  it('names the day and zone in the tooltip over 24 h (the clock alone over an hour, above)', async () => {
    const samples = series(50);
    installFakeSteward({ getHistory: () => historyOf(samples) });
    useChartRange.setState({ range: '24h' });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const memory = await screen.findByRole('figure', { name: 'Memory (MB)' });
    fireEvent.mouseMove(memory.querySelector<HTMLElement>('.st-chart__hover')!, { clientX: 291, clientY: 30 });
    // A pixel holds several samples at 24 h: whichever is shown, its time names the day and zone.
    const tip = memory.querySelector('.st-chart__tip')?.textContent ?? '';
    expect(tip).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d\d:\d\d:\d\d \S+ \d+ MB$/);
    expect(samples.some((x) => tip.startsWith(formatDayClockZone(x.t)))).toBe(true);
  });
  it('shares one crosshair: hovering one chart shows the same time, with each metric’s value, on all four', async () => {
    const samples = series(50);
    installFakeSteward({ getHistory: () => historyOf(samples) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const memory = await screen.findByRole('figure', { name: 'Memory (MB)' });
    await waitFor(() => expect(document.querySelectorAll('figure .st-chart__hover')).toHaveLength(4));
    fireEvent.mouseMove(memory.querySelector<HTMLElement>('.st-chart__hover')!, { clientX: 291, clientY: 30 });
    const newest = samples.at(-1)!;
    const tips = [...document.querySelectorAll('figure')].map((f) => f.querySelector('.st-chart__tip')?.textContent ?? null);
    expect(tips).toHaveLength(4);
    for (const tip of tips) expect(tip?.startsWith(formatClock(newest.t))).toBe(true);
    expect(document.querySelectorAll('.recharts-active-dot')).toHaveLength(4);
    fireEvent.mouseLeave(memory.querySelector<HTMLElement>('.st-chart__hover')!);
    expect(document.querySelectorAll('.st-chart__tip')).toHaveLength(0);
  });

  it('names the day in the tooltip over 7 d too', async () => {
    const samples = series(50);
    installFakeSteward({ getHistory: () => historyOf(samples) });
    useChartRange.setState({ range: '7d' });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const memory = await screen.findByRole('figure', { name: 'Memory (MB)' });
    fireEvent.mouseMove(memory.querySelector<HTMLElement>('.st-chart__hover')!, { clientX: 291, clientY: 30 });
    expect(memory.querySelector('.st-chart__tip')?.textContent ?? '').toMatch(/^\d{1,2} [A-Z][a-z]{2} \d\d:\d\d:\d\d \S+ \d+ MB$/);
  });
});
