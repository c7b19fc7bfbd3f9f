// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { StaleBanner } from '../../../../../renderer/src/features/fleet/StaleBanner';
import { TopBar } from '../../../../../renderer/src/app/TopBar';
import { createQueryClient } from '../../../../../renderer/src/queries/client';
import { LIVE_BATCH_MAX_MS, useLiveStatus } from '../../../../../renderer/src/queries/useLiveStatus';
import { setScrolling } from '../../../../../renderer/src/state/scrolling';
import { useProfileChanges } from '../../../../../renderer/src/queries/useProfileChanges';
import { useUi } from '../../../../../renderer/src/state/ui';
import { FleetView } from '../../../../../renderer/src/features/fleet/FleetView';
import { droplet, fakeSteward, ipcError, type FakeSteward } from '../../../../support/fleet-fake-steward';

const initialUi = useUi.getState();

beforeAll(() => {
  // jsdom has no layout: give the table's scroll area a size so the virtualiser renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

beforeEach(() => useUi.setState(initialUi, true));
afterEach(cleanup);

/** A small fleet with one droplet of each kind of problem. */
function fleet() {
  return [
    droplet(1, 'active', 5, { name: 'alpha', steward: 'ana', capabilities: ['compute', 'gpu'] }),
    droplet(2, 'error', 10, { name: 'bravo', steward: 'ben' }),
    droplet(3, 'active', 92, { name: 'charlie', steward: 'cy', endpoint: 'http://edge-3.example:8002' }),
    droplet(4, 'inactive', 400, { name: 'delta', steward: 'dee' }),
    droplet(5, 'maintenance', 20, { name: 'echo', steward: 'eve', capabilities: ['storage'] }),
    droplet(6, 'error', 30, { name: 'foxtrot', steward: 'fay' }),
    droplet(7, 'active', 2, { name: 'golf', steward: null, capabilities: [] }),
  ];
}

function Harness() {
  useLiveStatus();
  useProfileChanges();
  return (
    <>
      <TopBar />
      <StaleBanner />
      <FleetView />
    </>
  );
}

function renderFleet(data = fleet()): FakeSteward {
  const fake = fakeSteward(data);
  window.steward = fake.bridge;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <Harness />
    </QueryClientProvider>,
  );
  return fake;
}

const dropletRows = (): HTMLElement[] => screen.getAllByRole('row').filter((r) => r.dataset.dropletId !== undefined);
const shownIds = (): number[] => dropletRows().map((r) => Number(r.dataset.dropletId));
const row = (id: number): HTMLElement => {
  const r = dropletRows().find((x) => x.dataset.dropletId === String(id));
  if (!r) throw new Error(`row ${id} is not shown`);
  return r;
};
const statusText = (id: number): string => within(row(id)).getByTestId('status-cell').textContent ?? '';

async function loaded(): Promise<void> {
  await waitFor(() => expect(dropletRows().length).toBeGreaterThan(0));
}

describe('fleet view', () => {
  it('shows a row per droplet with its status in words', async () => {
    renderFleet();
    await loaded();
    expect(dropletRows()).toHaveLength(7);
    expect(statusText(1)).toBe('active');
    expect(statusText(2)).toBe('error');
    expect(statusText(4)).toBe('inactive');
    expect(statusText(5)).toBe('maintenance');
    expect(within(row(1)).getByText('alpha')).toBeTruthy();
    // Rarest across the fleet first: every droplet computes, only alpha has a gpu.
    expect(within(row(1)).getByText('gpu, compute')).toBeTruthy();
    expect(within(row(1)).getByTitle('compute, gpu')).toBeTruthy();
    // Its beat was 10 s before the fixture was made; a slow render may see a second or two more.
    expect(within(row(2)).getByText(/^1[0-2] s ago$/)).toBeTruthy();
  });

  it('sorts problems first by default: error, inactive, late, then the rest, ties by id', async () => {
    renderFleet();
    await loaded();
    expect(shownIds()).toEqual([2, 6, 4, 3, 5, 1, 7]);
    const statusHeader = screen.getByRole('columnheader', { name: /status/i });
    expect(statusHeader.getAttribute('aria-sort')).toBe('ascending');
  });

  it('marks an active droplet with an overdue beat as late, saying the Orchestrator still says active', async () => {
    renderFleet();
    await loaded();
    expect(statusText(3)).toBe('late');
    const badge = within(row(3)).getByText('late').closest('[title]');
    expect(badge?.getAttribute('title')).toMatch(/^No heartbeat for 1 min 3\d s; the Orchestrator still says active$/);
    expect(screen.getByRole('button', { name: '1 late' })).toBeTruthy();
  });

  it('turns a row late when its limit passes between polls, on the clock\'s next tick', async () => {
    // Beat 73 s ago: late after 60 s + 15 s grace, so about 2 s from now, with no poll in between.
    const fake = renderFleet([...fleet(), droplet(8, 'active', 73, { name: 'hotel' })]);
    await loaded();
    const calls = fake.listCalls.length;
    expect(statusText(8)).toBe('active');
    await waitFor(() => expect(statusText(8)).toBe('late'), { timeout: 4_000 });
    expect(screen.getByRole('button', { name: '2 late' })).toBeTruthy();
    expect(fake.listCalls.length).toBe(calls);
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    renderFleet();
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: /^Name/ }));
    const header = screen.getByRole('columnheader', { name: /^Name/ });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(shownIds()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    fireEvent.click(screen.getByRole('button', { name: /^Name/ }));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(shownIds()).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(screen.getByRole('columnheader', { name: /status/i }).getAttribute('aria-sort')).toBe('none');
  });

  it('filters by free text over id, name, steward and endpoint', async () => {
    renderFleet();
    await loaded();
    const search = screen.getByRole('searchbox', { name: 'Search droplets' });
    fireEvent.change(search, { target: { value: 'edge-3' } });
    await waitFor(() => expect(shownIds()).toEqual([3]));
    fireEvent.change(search, { target: { value: 'EVE' } });
    await waitFor(() => expect(shownIds()).toEqual([5]));
    fireEvent.change(search, { target: { value: 'nothing-like-this' } });
    await waitFor(() => expect(screen.getByText('No droplets match these filters.')).toBeTruthy());
  });

  it('filters to a status when its summary count is clicked, from the one fleet copy', async () => {
    const fake = renderFleet();
    await loaded();
    const errors = screen.getByRole('button', { name: '2 error' });
    fireEvent.click(errors);
    await waitFor(() => expect(shownIds()).toEqual([2, 6]));
    expect(errors.getAttribute('aria-pressed')).toBe('true');
    // No second, server-filtered copy that would be polled apart from the counts.
    expect(fake.listCalls.every((c) => Object.keys(c).length === 0)).toBe(true);
    // The counts are the whole fleet's, not the filtered table's.
    expect(screen.getByRole('button', { name: '2 active' })).toBeTruthy();
    fireEvent.click(errors);
    await waitFor(() => expect(shownIds()).toHaveLength(7));
  });

  it('filters late droplets locally', async () => {
    renderFleet();
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: '1 late' }));
    await waitFor(() => expect(shownIds()).toEqual([3]));
  });

  it('takes the status counts and the "N of M" from the same poll as the rows, so they agree after it', async () => {
    const fake = renderFleet();
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: '2 error' }));
    await waitFor(() => expect(shownIds()).toEqual([2, 6]));
    const before = fake.listCalls.length;
    // Two more droplets fail; one poll brings it.
    fake.setDroplets([...fleet().map((d) => (d.id === 1 ? { ...d, status: 'error' as const } : d)), droplet(8, 'error', 3, { name: 'hotel' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(shownIds()).toEqual([1, 2, 6, 8]));
    expect(screen.getByRole('button', { name: '4 error' })).toBeTruthy();
    expect(screen.getByText('4 of 8 droplets')).toBeTruthy();
    // One request a poll: the rows, the counts and the total are one copy.
    expect(fake.listCalls.length - before).toBe(1);
  });

  it('filters by capability, built from the capabilities seen', async () => {
    const fake = renderFleet();
    await loaded();
    const select = screen.getByRole('combobox', { name: 'Capability filter' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Any', 'compute', 'gpu', 'storage']);
    fireEvent.change(select, { target: { value: 'gpu' } });
    await waitFor(() => expect(shownIds()).toEqual([1]));
    expect(fake.listCalls.every((c) => Object.keys(c).length === 0)).toBe(true);
  });

  it('keeps the selection across a refetch that re-sorts the rows', async () => {
    const fake = renderFleet();
    await loaded();
    fireEvent.click(row(1));
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    const calls = fake.listCalls.length;
    // Droplet 1 now fails: it moves up to the errors.
    fake.setDroplets(fleet().map((d) => (d.id === 1 ? { ...d, status: 'error' } : d)));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(statusText(1)).toBe('error'));
    expect(fake.listCalls.length).toBeGreaterThan(calls);
    expect(shownIds().slice(0, 3)).toEqual([1, 2, 6]);
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(dropletRows().filter((r) => r.getAttribute('aria-selected') === 'true')).toHaveLength(1);
    expect(useUi.getState().selectedId).toBe(1);
  });

  it('on a failed poll keeps the rows and says the data is stale, why, and that it retries', async () => {
    const fake = renderFleet();
    await loaded();
    fake.failList(ipcError('Steward could not connect to the Orchestrator at 127.0.0.1:45123 (connection refused).'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    const banner = await screen.findByTestId('stale-banner');
    expect(within(banner).getByTestId('stale-reason').textContent).toBe('Steward could not connect to the Orchestrator at 127.0.0.1:45123 (connection refused).');
    await waitFor(() => expect(banner.textContent).toMatch(/Retrying every 10 min\./));
    expect(screen.getByTestId('freshness').textContent).toMatch(/^Stale · updated \d+ s ago$/);
    expect(dropletRows()).toHaveLength(7);
    // Recovery clears the marker.
    fake.failList(null);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(screen.queryByTestId('stale-banner')).toBeNull());
    expect(screen.getByTestId('freshness').textContent).toMatch(/^Updated \d+ s ago$/);
  });

  it('a failed poll names its trace_id and opens its exchange in the communications log', async () => {
    const fake = renderFleet();
    await loaded();
    fake.failList({ ...ipcError('The Orchestrator failed while handling the fleet list (500: boom).', 'server'), status: 500, traceId: 'trace-500', exchangeId: 42 });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    const banner = await screen.findByTestId('stale-banner');
    await waitFor(() => expect(banner.textContent).toContain('trace-500'));
    fireEvent.click(within(banner).getByRole('button', { name: 'See exchange' }));
    expect(useUi.getState()).toMatchObject({ panel: 'log', focusExchangeId: 42 });
  });

  it('applies a pushed status change within a second, without a poll', async () => {
    const fake = renderFleet();
    await loaded();
    const calls = fake.listCalls.length;
    act(() => fake.emitStatusChange({ dropletId: 7, oldStatus: 'active', newStatus: 'error', changedAt: new Date().toISOString() }));
    await waitFor(() => expect(statusText(7)).toBe('error'), { timeout: LIVE_BATCH_MAX_MS + 500 });
    expect(shownIds().slice(0, 3)).toEqual([2, 6, 7]);
    expect(screen.getByRole('button', { name: '3 error' })).toBeTruthy();
    expect(fake.listCalls.length).toBe(calls);
  });

  it('holds a pushed change while the table scrolls and applies it once the scroll settles', async () => {
    // Fake timers that also follow real time (so waitFor works): two batch windows pass exactly.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const fake = renderFleet();
      await loaded();
      setScrolling(true);
      try {
        act(() => fake.emitStatusChange({ dropletId: 7, oldStatus: 'active', newStatus: 'error', changedAt: new Date().toISOString() }));
        await act(() => vi.advanceTimersByTimeAsync(LIVE_BATCH_MAX_MS * 2 + 100));
        expect(statusText(7)).toBe('active');
      } finally {
        setScrolling(false);
      }
      await act(() => vi.advanceTimersByTimeAsync(LIVE_BATCH_MAX_MS + 100));
      await waitFor(() => expect(statusText(7)).toBe('error'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('in the background, says so and holds a pushed change for the half-minute redraw; the focus back shows it at once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    // Just after a half-minute: the next background redraw is 30 s away.
    vi.setSystemTime(new Date('2026-11-27T09:00:00.200Z'));
    // No timer runs in between: what shows after it shows at once.
    const focus = (focused: boolean) =>
      act(async () => {
        window.dispatchEvent(new FocusEvent(focused ? 'focus' : 'blur'));
      });
    try {
      const fake = renderFleet();
      await loaded();
      expect(screen.queryByTestId('background-refresh')).toBeNull();
      await focus(false);
      expect(screen.getByTestId('background-refresh').textContent).toBe('Background · updates every 30 s');
      act(() => fake.emitStatusChange({ dropletId: 7, oldStatus: 'active', newStatus: 'error', changedAt: new Date().toISOString() }));
      // Past the second it would take in front.
      await act(() => vi.advanceTimersByTimeAsync(LIVE_BATCH_MAX_MS * 3));
      expect(statusText(7)).toBe('active');
      await focus(true);
      expect(statusText(7)).toBe('error');
      expect(screen.queryByTestId('background-refresh')).toBeNull();

      // Left in the background, the change shows on the half-minute.
      await focus(false);
      act(() => fake.emitStatusChange({ dropletId: 7, oldStatus: 'error', newStatus: 'active', changedAt: new Date().toISOString() }));
      await act(() => vi.advanceTimersByTimeAsync(30_000));
      expect(statusText(7)).toBe('active');
    } finally {
      await focus(true);
      vi.useRealTimers();
    }
  });

  it('moves the selection with the arrow keys, focus following', async () => {
    renderFleet();
    await loaded();
    fireEvent.click(row(2));
    row(2).focus();
    fireEvent.keyDown(row(2), { key: 'ArrowDown' });
    await waitFor(() => expect(row(6).getAttribute('aria-selected')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(row(6)));
    fireEvent.keyDown(row(6), { key: 'ArrowUp' });
    await waitFor(() => expect(row(2).getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(row(2), { key: 'End' });
    await waitFor(() => expect(useUi.getState().selectedId).toBe(7));
    expect(row(7).tabIndex).toBe(0);
    expect(row(2).tabIndex).toBe(-1);
  });

  it('shows the profile, the Orchestrator URL and the dialect in the top bar', async () => {
    renderFleet();
    await loaded();
    await waitFor(() => expect(screen.getByTestId('profile-name').textContent).toBe('Local sandbox'));
    expect(screen.getByTestId('orchestrator-url').textContent).toBe('http://127.0.0.1:45123');
    expect(screen.getByTestId('dialect').textContent).toBe('guide');
  });

  it('starts over when main switches profile: new fleet, no selection, no filters', async () => {
    const fake = renderFleet();
    await loaded();
    fireEvent.click(row(2));
    fireEvent.click(screen.getByRole('button', { name: '2 error' }));
    await waitFor(() => expect(shownIds()).toEqual([2, 6]));
    fake.setDroplets([droplet(500, 'active', 1, { name: 'elsewhere' })]);
    act(() => fake.emit('profileChanged', { profileId: 'other', name: 'Production' }));
    await waitFor(() => expect(shownIds()).toEqual([500]));
    expect(useUi.getState()).toMatchObject({ selectedId: null, statusFilter: null });
  });
});

describe('fleet view while stale', () => {
  const table = () => screen.getByRole('grid', { name: 'Fleet' });

  async function outage(fake: FakeSteward): Promise<HTMLElement> {
    fake.failList(ipcError('Steward could not connect to the Orchestrator at 127.0.0.1:45123 (connection refused).'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    return screen.findByTestId('stale-banner');
  }

  it('keeps the banner and "Stale" through a pushed change, which still updates its row; only a good poll clears them', async () => {
    const fake = renderFleet();
    await loaded();
    await outage(fake);
    act(() => fake.emitStatusChange({ dropletId: 7, oldStatus: 'active', newStatus: 'error', changedAt: new Date().toISOString() }));
    await waitFor(() => expect(statusText(7)).toBe('error'), { timeout: LIVE_BATCH_MAX_MS + 500 });
    expect(screen.getByRole('button', { name: '3 error' })).toBeTruthy();
    // Still stale: the push is not a poll.
    expect(screen.queryByTestId('stale-banner')).not.toBeNull();
    expect(screen.getByTestId('freshness').textContent).toMatch(/^Stale · updated \d+ s ago$/);
    expect(table().dataset.stale).toBe('true');
    fake.failList(null);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(screen.queryByTestId('stale-banner')).toBeNull());
    expect(table().dataset.stale).toBeUndefined();
  });

  it('dims the rows with one class on the table and says so in the banner', async () => {
    const fake = renderFleet();
    await loaded();
    expect(table().classList.contains('is-stale')).toBe(false);
    const banner = await outage(fake);
    await waitFor(() => expect(table().classList.contains('is-stale')).toBe(true));
    expect(within(banner).getByTestId('stale-meaning').textContent).toMatch(/Rows are dimmed and “late” is only a guess until a poll succeeds/);
    // No row carries a mark of its own: the table's class does it.
    expect(dropletRows().every((r) => r.className === 'fleet-row' || r.className === 'fleet-row selected')).toBe(true);
  });

  it('gives Steward\'s late verdict as a guess while stale: "late?", Orchestrator unreachable', async () => {
    const fake = renderFleet();
    await loaded();
    expect(statusText(3)).toBe('late');
    await outage(fake);
    await waitFor(() => expect(statusText(3)).toBe('late?'));
    const badge = within(row(3)).getByTestId('status-cell').querySelector('[data-status="late"]')!;
    expect(badge.getAttribute('title')).toMatch(/^late\? Orchestrator unreachable: no heartbeat seen for 1 min 3\d s, but Steward cannot refresh the fleet/);
    const chip = screen.getByRole('button', { name: '1 late' });
    expect(chip.textContent).toContain('late?');
    expect(chip.getAttribute('title')).toMatch(/Orchestrator unreachable/);
    // The Orchestrator's own statuses are facts as of the last poll, shown as they are.
    expect(statusText(2)).toBe('error');
  });
});

describe('kept-alive droplets in the fleet', () => {
  const keepAlive = (dropletId: number) => ({ dropletId, status: 'active', nextBeatAt: null, lastError: null, beatsSent: 2 });

  it('marks a kept-alive row with an icon and words, with a tooltip, and counts them in the top bar', async () => {
    const fake = renderFleet();
    await loaded();
    expect(screen.queryByTestId('kept-alive')).toBeNull();
    expect(screen.queryByTestId('keepalive-count')).toBeNull();
    act(() => fake.emit('keepAliveChanged', [keepAlive(4), keepAlive(5)]));
    await waitFor(() => expect(within(row(4)).queryByTestId('kept-alive')).not.toBeNull());
    const mark = within(row(4)).getByTestId('kept-alive');
    expect(mark.textContent).toBe('kept alive');
    expect(mark.querySelector('svg')).not.toBeNull();
    expect(mark.getAttribute('title')).toMatch(/Steward is sending this droplet’s heartbeats, so it looks alive even if the droplet itself has gone silent/);
    expect(within(row(5)).queryByTestId('kept-alive')).not.toBeNull();
    expect(within(row(1)).queryByTestId('kept-alive')).toBeNull();
    const count = screen.getByTestId('keepalive-count');
    expect(count.textContent).toBe('2 kept alive');
    expect(count.getAttribute('title')).toMatch(/#4, #5: a real silence of those droplets will not show/);
    fireEvent.click(count);
    expect(useUi.getState()).toMatchObject({ panel: 'heartbeat', selectedId: 4 });
    act(() => fake.emit('keepAliveChanged', []));
    await waitFor(() => expect(screen.queryByTestId('kept-alive')).toBeNull());
    expect(screen.queryByTestId('keepalive-count')).toBeNull();
  });
});
