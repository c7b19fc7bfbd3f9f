// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwayCard } from '../../../../../renderer/src/features/events/AwayCard';
import { EventsView } from '../../../../../renderer/src/features/events/EventsView';
import { ProblemCount } from '../../../../../renderer/src/features/events/ProblemCount';
import { useAttentionPushes, useAwaySummaryOnReturn } from '../../../../../renderer/src/queries/useAttention';
import { useAttentionUi } from '../../../../../renderer/src/state/attention';
import { setScrolling } from '../../../../../renderer/src/state/scrolling';
import { useUi } from '../../../../../renderer/src/state/ui';
import { attentionEvent, createFakeAttention, item, type FakeAttention } from '../../../../support/attention-fake-steward';
import { installFakeSteward, ipcError, Refusal, renderWithClient, resetEventsUiAroundEachTest } from '../../../../support/detail-fake-steward';

resetEventsUiAroundEachTest();

function Pushes() {
  useAttentionPushes();
  return null;
}

/** The attention fake installed as main, and `children` rendered beside the attention pushes. */
function renderWithPushes(attention: FakeAttention, children: ReactNode): void {
  installFakeSteward({}, attention);
  renderWithClient(
    <>
      <Pushes />
      {children}
    </>,
  );
}

describe('While you were away', () => {
  it('sums up what happened while the window was hidden, opens the timeline, and goes when dismissed', async () => {
    const now = Date.now();
    const attention = createFakeAttention({
      events: [
        attentionEvent('inactive', [item(1, 'active', 'inactive', 'x'), item(2, 'active', 'inactive', 'x'), item(3, 'active', 'inactive', 'x')], now - 50 * 60_000),
        attentionEvent('recovered', [item(1, 'inactive', 'active', 'x', 'api-1')], now - 10 * 60_000),
        attentionEvent('error', [item(9, 'active', 'error', 'x', 'db-9')], now - 3 * 60 * 60_000),
      ],
    });
    renderWithPushes(attention, <AwayCard />);
    expect(screen.queryByTestId('away-card')).toBeNull();
    act(() => void attention.away(now - 60 * 60_000));
    const card = await screen.findByTestId('away-card');
    expect(card.textContent).toContain('2 events: 1 inactive · 1 recovered');
    expect(card.textContent).toContain('api-1 recovered');
    expect(card.textContent).not.toContain('db-9');
    fireEvent.click(screen.getByRole('button', { name: 'Open the timeline' }));
    expect(useUi.getState().panel).toBe('events');
    expect(screen.queryByTestId('away-card')).toBeNull();
  });

  it('stays away when nothing happened', async () => {
    const attention = createFakeAttention();
    renderWithPushes(attention, <AwayCard />);
    act(() => void attention.away(Date.now() - 60_000));
    expect(screen.queryByTestId('away-card')).toBeNull();
    expect(useAttentionUi.getState().away).toBeNull();
  });
});

describe('ProblemCount', () => {
  it('counts problems in the worst state\'s colour, names them on hover, follows pushes, and opens the Events tab', async () => {
    const attention = createFakeAttention({
      problems: {
        count: 3,
        unmutedCount: 2,
        worst: 'error',
        top: [
          { id: 4, name: 'db-4', state: 'error', since: Date.now() - 60_000, muted: false },
          { id: 5, name: 'api-5', state: 'late', since: Date.now() - 60_000, muted: false },
          { id: 6, name: 'old-6', state: 'inactive', since: Date.now() - 60_000, muted: true },
        ],
      },
    });
    renderWithPushes(attention, <ProblemCount />);
    const count = await screen.findByTestId('problem-count');
    expect(count.textContent).toBe('3 problems · 1 muted');
    expect(count.className).toContain('st-problems--error');
    expect(count.title).toContain('db-4 #4: error');
    expect(count.title).toContain('old-6 #6: inactive (muted)');
    act(() => attention.setProblems({ count: 1, unmutedCount: 1, worst: 'late', top: [{ id: 5, name: 'api-5', state: 'late', since: Date.now(), muted: false }] }));
    await waitFor(() => expect(screen.getByTestId('problem-count').textContent).toBe('1 problem'));
    expect(screen.getByTestId('problem-count').className).toContain('st-problems--late');
    fireEvent.click(screen.getByTestId('problem-count'));
    expect(useUi.getState().panel).toBe('events');
    act(() => attention.setProblems({ count: 0, unmutedCount: 0, worst: null, top: [] }));
    await waitFor(() => expect(screen.getByTestId('problem-count').textContent).toBe('No problems'));
  });

  it('shows a pushed problem count at once in front, after the scroll while the table scrolls, and on the half-minute in the background', async () => {
    const attention = createFakeAttention();
    renderWithPushes(attention, <ProblemCount />);
    await waitFor(() => expect(screen.getByTestId('problem-count').textContent).toBe('No problems'));
    // Time moves only when the test says: no margin to lose on a loaded machine.
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T09:00:00.200Z'));
    const focus = (focused: boolean) =>
      act(async () => {
        window.dispatchEvent(new FocusEvent(focused ? 'focus' : 'blur'));
      });
    const shown = () => screen.getByTestId('problem-count').textContent;
    try {
      const late = (n: number) => ({ count: n, unmutedCount: n, worst: 'late' as const, top: [] });
      // In front: the count agrees with the rows a poll shows, so it does not wait for the tick
      // (at 09:00:01); 300 ms is the render the push schedules.
      await act(async () => attention.setProblems(late(3)));
      await act(() => vi.advanceTimersByTimeAsync(300));
      expect(shown()).toBe('3 problems');

      // While the table scrolls it waits, and shows once the scroll stops.
      setScrolling(true);
      try {
        await act(async () => attention.setProblems(late(4)));
        await act(() => vi.advanceTimersByTimeAsync(2_000));
        expect(shown()).toBe('3 problems');
      } finally {
        setScrolling(false);
      }
      await act(() => vi.advanceTimersByTimeAsync(300));
      expect(shown()).toBe('4 problems');

      // In the background, a burst waits for the half-minute and shows as its latest.
      await act(() => vi.advanceTimersByTimeAsync(27_500)); // 09:00:30.300, just past a half-minute
      await focus(false);
      await act(async () => {
        attention.setProblems(late(5));
        attention.setProblems(late(6));
      });
      await act(() => vi.advanceTimersByTimeAsync(20_000));
      expect(shown()).toBe('4 problems');
      await act(() => vi.advanceTimersByTimeAsync(10_000));
      expect(shown()).toBe('6 problems');
    } finally {
      await focus(true);
      vi.useRealTimers();
    }
  });

  it('says nothing when main cannot answer (rather than a reassuring zero)', async () => {
    const fake = installFakeSteward({
      getProblems: () => {
        throw new Refusal(ipcError({ kind: 'not_found', message: 'Not available.' }));
      },
    });
    const { client } = renderWithClient(<ProblemCount />);
    await waitFor(() => expect(client.getQueryState(['attention', 'problems'])?.status).toBe('error'));
    expect(fake.callsOf('getProblems')).toHaveLength(1);
    expect(screen.queryByTestId('problem-count')).toBeNull();
  });
});

describe('focusDroplet (a notification or tray item was clicked)', () => {
  it('shows one droplet in its details', async () => {
    const attention = createFakeAttention();
    installFakeSteward({}, attention);
    renderWithClient(<Pushes />);
    act(() => attention.focus({ dropletId: 42, ids: [42], eventId: 'ev-1' }));
    expect(useUi.getState()).toMatchObject({ selectedId: 42, panel: 'details' });
    expect(useUi.getState().reveal?.id).toBe(42);
  });

  it('shows a group as its event opened in the timeline, with its first droplet selected', async () => {
    const ev = attentionEvent('inactive', [item(101, 'active', 'inactive', 'x'), item(102, 'active', 'inactive', 'x')], Date.now());
    const attention = createFakeAttention({ events: [ev] });
    renderWithPushes(attention, <EventsView />);
    act(() => attention.focus({ dropletId: null, ids: [101, 102], eventId: ev.id }));
    expect(useUi.getState()).toMatchObject({ selectedId: 101, panel: 'events' });
    expect(useAttentionUi.getState().focusEventId).toBe(ev.id);
    expect((await screen.findByRole('button', { name: 'Hide droplets' })).getAttribute('aria-expanded')).toBe('true');
  });
});

describe('coming back to the window', () => {
  function setVisibility(state: 'hidden' | 'visible') {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new Event('visibilitychange'));
  }
  function Away({ now }: { now: () => number }) {
    useAwaySummaryOnReturn(now);
    return <AwayCard />;
  }
  afterEach(() => setVisibility('visible'));

  it('asks what happened while hidden a while, and shows it', async () => {
    let t = Date.now();
    const attention = createFakeAttention({ events: [attentionEvent('error', [item(9, 'active', 'error', 'x', 'db-9')], t + 5 * 60_000)] });
    const fake = installFakeSteward({}, attention);
    const clock = () => t;
    renderWithClient(<Away now={clock} />);
    act(() => setVisibility('hidden'));
    const hiddenAt = t;
    t += 10 * 60_000;
    act(() => setVisibility('visible'));
    expect((await screen.findByTestId('away-card')).textContent).toContain('db-9 went into error (x)');
    expect(fake.callsOf('getAwaySummary')).toEqual([{ sinceMs: hiddenAt }]);
  });

  it('does not ask after a glance away', async () => {
    let t = Date.now();
    const fake = installFakeSteward({}, createFakeAttention());
    renderWithClient(<Away now={() => t} />);
    act(() => setVisibility('hidden'));
    t += 20_000;
    act(() => setVisibility('visible'));
    expect(fake.callsOf('getAwaySummary')).toEqual([]);
  });
});

describe('switching profile', () => {
  it("drops the other Orchestrator's away summary", async () => {
    const attention = createFakeAttention({ events: [attentionEvent('error', [item(9, 'active', 'error', 'x', 'db-9')], Date.now())] });
    const fake = installFakeSteward({}, attention);
    renderWithClient(
      <>
        <Pushes />
        <AwayCard />
      </>,
    );
    act(() => void attention.away(Date.now() - 60 * 60_000));
    await screen.findByTestId('away-card');
    act(() => fake.emit('profileChanged', { profileId: 'other', name: 'Other' }));
    expect(screen.queryByTestId('away-card')).toBeNull();
  });
});
