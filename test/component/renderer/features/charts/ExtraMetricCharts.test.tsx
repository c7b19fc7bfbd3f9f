// @vitest-environment jsdom
/** "More metrics": a metric beyond the charted four is charted on demand (issue 11, section 4). */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MetricCharts } from '../../../../../renderer/src/features/charts/MetricCharts';
import { useChartRange } from '../../../../../renderer/src/state/chart-range';
import { useShownExtraMetrics } from '../../../../../renderer/src/state/extra-metrics';
import { installDomShims, installFakeSteward, renderWithClient } from '../../../../support/detail-fake-steward';
import { historyOf, MIN, series } from '../../../../support/chart-samples';

beforeAll(() => installDomShims());
beforeEach(() => {
  useChartRange.setState({ range: '1h' });
  useShownExtraMetrics.setState({ shown: [] });
});
afterEach(cleanup);

function queueDepth(minutes: number) {
  const now = Date.now();
  return Array.from({ length: minutes }, (_, i) => ({ t: now - (minutes - i) * MIN, v: i % 5 }));
}

describe('More metrics', () => {
  it('toggling queue_depth on fetches it and draws its chart under its raw name, and the choice outlives the pane', async () => {
    const fake = installFakeSteward({ getHistory: () => historyOf(series(30), undefined, ['queue_depth']), getExtraMetric: () => queueDepth(30) });
    const first = renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    const more = await within(region).findByRole('group', { name: 'More metrics' });
    expect(within(more).getByText(/kept while Steward runs/i)).toBeTruthy();
    expect(more.querySelector('figure')).toBeNull();
    expect(fake.callsOf('getExtraMetric')).toEqual([]);

    const toggle = within(more).getByRole('button', { name: 'queue_depth' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const chart = await waitFor(() => {
      const f = more.querySelector<HTMLElement>('figure[data-metric="queue_depth"]');
      expect(f?.querySelector('path.recharts-line-curve')).toBeTruthy();
      return f!;
    });
    expect(chart.getAttribute('aria-label')).toBe('queue_depth');
    expect(chart.querySelector('.st-chart__title')?.textContent?.trim()).toBe('queue_depth');
    expect(chart.querySelector('.st-chart__latest')?.textContent).toBe('4');
    expect(fake.callsOf('getExtraMetric').at(-1)).toMatchObject({ id: 7, metric: 'queue_depth' });
    // The four are still the four.
    expect(region.querySelectorAll('.st-charts__grid')[0]!.querySelectorAll('figure')).toHaveLength(4);

    // Another droplet and back: still toggled on.
    first.unmount();
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const again = await screen.findByRole('group', { name: 'More metrics' });
    expect(within(again).getByRole('button', { name: 'queue_depth' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(again.querySelector('figure[data-metric="queue_depth"]')).toBeTruthy());
  });

  it('shows no "More metrics" when the droplet sent none beyond the four', async () => {
    installFakeSteward({ getHistory: () => historyOf(series(30)) });
    renderWithClient(<MetricCharts dropletId={7} width={300} height={100} />);
    const region = screen.getByRole('region', { name: 'Metric charts' });
    await waitFor(() => expect(region.querySelectorAll('figure')).toHaveLength(4));
    expect(within(region).queryByRole('group', { name: 'More metrics' })).toBeNull();
  });
});
