// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../shared/ipc-contract';
import { MetricCharts } from '../../renderer/src/views/charts/MetricCharts';
import { useChartRange } from '../../renderer/src/views/charts/rangeStore';
import { chartSeries, isolatedIndices, samplesSince } from '../../renderer/src/views/charts/series';
import { installDomShims, installFakeSteward, renderWithClient } from './detail-fake-steward';

beforeAll(() => installDomShims());
beforeEach(() => useChartRange.setState({ range: '1h' }));
afterEach(cleanup);

const MIN = 60_000;

function sample(t: number, i: number): Sample {
  return { t, status: 'active', cpu_percent: 10 + (i % 7), memory_mb: 500 + i, requests_last_minute: 100 + i, errors_last_minute: i % 3 };
}

/** One sample a minute over the last `minutes`, except those `skip` says are missing. */
function series(minutes: number, skip: (minutesAgo: number) => boolean = () => false): Sample[] {
  const now = Date.now();
  const out: Sample[] = [];
  for (let m = minutes; m >= 1; m--) if (!skip(m)) out.push(sample(now - m * MIN, m));
  return out;
}

/** The drawn line's sub-paths: each "M" starts a run, each "L" joins one more point. */
function linePaths(chart: HTMLElement): { runs: number; points: number } {
  const d = [...chart.querySelectorAll('path.recharts-line-curve')].map((p) => p.getAttribute('d') ?? '').join('');
  return { runs: (d.match(/M/g) ?? []).length, points: (d.match(/[ML]/g) ?? []).length };
}

describe('MetricCharts', () => {
  it('draws the four metrics as small multiples with their units', async () => {
    installFakeSteward({ getHistory: () => ({ samples: series(50) }) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    const figures = [...region.querySelectorAll<HTMLElement>('figure')];
    expect(figures.map((f) => f.dataset.metric)).toEqual(['cpu_percent', 'memory_mb', 'requests_last_minute', 'errors_last_minute']);
    expect(figures.map((f) => f.getAttribute('aria-label'))).toEqual(['CPU (%)', 'Memory (MB)', 'Requests (req/min)', 'Errors (err/min)']);
    for (const f of figures) expect(linePaths(f)).toEqual({ runs: 1, points: 50 });
    // Axis ticks (drawn in a later pass) read as HH:MM.
    const tickTexts = () => [...figures[0]!.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
    await waitFor(() => expect(tickTexts().length).toBeGreaterThan(0));
    const ticks = tickTexts();
    for (const t of ticks) expect(t).toMatch(/^\d\d:\d\d$/);
  });

  it('switching the range shows only that range and asks main from its start', async () => {
    const fake = installFakeSteward({ getHistory: () => ({ samples: series(50) }) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));

    fireEvent.click(within(region).getByRole('radio', { name: '15 min' }));
    expect(within(region).getByRole('radio', { name: '15 min' }).getAttribute('aria-checked')).toBe('true');
    await waitFor(() => expect(linePaths(region.querySelector('figure')!).points).toBeLessThanOrEqual(15));
    expect(linePaths(region.querySelector('figure')!).points).toBeGreaterThanOrEqual(14);
    const asked = fake.callsOf('getHistory').at(-1)!;
    expect(Date.now() - asked.sinceMs!).toBeGreaterThanOrEqual(15 * MIN);
    expect(Date.now() - asked.sinceMs!).toBeLessThan(16 * MIN);
  });

  it('offers 7 days, asks main from a week back, and labels the axis by day', async () => {
    // A beat every 10 minutes over 5 days: older than the 24 h range, inside the 7-day one.
    const now = Date.now();
    const samples = Array.from({ length: 5 * 144 }, (_, i) => sample(now - (5 * 144 - i) * 10 * MIN, i));
    const fake = installFakeSteward({ getHistory: () => ({ samples }) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    fireEvent.click(within(region).getByRole('radio', { name: '7 d' }));
    await waitFor(() => expect(Date.now() - fake.callsOf('getHistory').at(-1)!.sinceMs!).toBeGreaterThanOrEqual(7 * 24 * 60 * MIN));
    const tickTexts = () => [...region.querySelector('figure')!.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => t.textContent);
    await waitFor(() => expect(tickTexts().length).toBeGreaterThan(0));
    for (const t of tickTexts()) expect(t).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/);
  });

  it('draws a gap where beats stopped instead of bridging it', async () => {
    // Nothing between 30 and 20 minutes ago.
    installFakeSteward({ getHistory: () => ({ samples: series(50, (m) => m < 30 && m > 20) }) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    for (const f of region.querySelectorAll<HTMLElement>('figure')) expect(linePaths(f).runs).toBe(2);
  });

  it('says so when the range has no samples', async () => {
    installFakeSteward({ getHistory: () => ({ samples: [] }) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    expect(await screen.findByText('No samples in this range yet')).toBeTruthy();
    expect(document.querySelector('figure')).toBeNull();
  });
});

describe('chart series', () => {
  it('breaks the series with a null at a gap and never invents points', () => {
    const samples = series(50, (m) => m < 30 && m > 20);
    const points = chartSeries(samples, 'memory_mb', 300);
    const breaks = points.filter((p) => p.v === null);
    expect(breaks).toHaveLength(1);
    const real = new Set(samples.map((s) => `${s.t}:${s.memory_mb}`));
    for (const p of points) if (p.v !== null) expect(real.has(`${p.t}:${p.v}`)).toBe(true);
  });

  it('downsamples to about the chart width', () => {
    const now = Date.now();
    const dense = Array.from({ length: 2000 }, (_, i) => sample(now - (2000 - i) * 30_000, i));
    expect(chartSeries(dense, 'cpu_percent', 200).length).toBeLessThanOrEqual(200);
  });

  it('keeps only samples inside the range, and marks lone points so they are drawn', () => {
    const samples = series(50);
    expect(samplesSince(samples, Date.now() - 10.5 * MIN)).toHaveLength(10);
    expect([...isolatedIndices([{ t: 1, v: 1 }, { t: 2, v: null }, { t: 3, v: 2 }, { t: 4, v: 3 }])]).toEqual([0]);
  });
});
