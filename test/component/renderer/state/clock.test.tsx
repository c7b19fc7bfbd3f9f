// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { atNextTick, useInBackground, useNow } from '../../../../renderer/src/state/clock';
import { BACKGROUND_TICK_MS } from '../../../../shared/background';
import { setScrolling } from '../../../../renderer/src/state/scrolling';

function Now() {
  return <span data-testid="now">{useNow()}</span>;
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Another window takes the focus (or Steward gets it back): the window's own blur and focus. */
function setFocused(focused: boolean): void {
  window.dispatchEvent(new FocusEvent(focused ? 'focus' : 'blur'));
}

afterEach(() => {
  cleanup();
  setHidden(false);
  setFocused(true);
  vi.useRealTimers();
});

describe('the shared clock', () => {
  it('ticks each second while the window is seen, stops while hidden, and catches up when shown', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T09:00:00.000Z'));
    render(<Now />);
    const shown = () => Number(screen.getByTestId('now').textContent);
    const t0 = shown();
    await act(async () => vi.advanceTimersByTimeAsync(1_100));
    expect(shown()).toBeGreaterThan(t0);

    act(() => setHidden(true));
    await act(async () => vi.advanceTimersByTimeAsync(1_100)); // the tick already due
    const whileHidden = shown();
    await act(async () => vi.advanceTimersByTimeAsync(10_000));
    expect(shown()).toBe(whileHidden);

    act(() => setHidden(false));
    expect(shown()).toBeGreaterThanOrEqual(whileHidden + 10_000);
    await act(async () => vi.advanceTimersByTimeAsync(1_100));
    expect(shown()).toBeGreaterThan(whileHidden + 10_000);
  });

  it('runs work queued for the tick on the next whole second, with the clock, even while hidden', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T09:00:00.200Z'));
    render(<Now />);
    const shown = () => Number(screen.getByTestId('now').textContent);
    let ranAt: number | null = null;
    let shownWhenRan: number | null = null;
    atNextTick(() => {
      ranAt = Date.now();
    });
    await act(async () => vi.advanceTimersByTimeAsync(700));
    expect(ranAt).toBeNull();
    await act(async () => vi.advanceTimersByTimeAsync(200));
    expect(ranAt).toBe(Date.parse('2026-11-27T09:00:01.005Z'));
    expect(shown()).toBe(ranAt); // the "ago" texts moved on in the same tick

    // Cancelled work does not run; work queued while hidden still does.
    const cancel = atNextTick(() => {
      ranAt = -1;
    });
    cancel();
    act(() => setHidden(true));
    atNextTick(() => {
      shownWhenRan = shown();
    });
    await act(async () => vi.advanceTimersByTimeAsync(1_000));
    expect(ranAt).toBe(Date.parse('2026-11-27T09:00:01.005Z'));
    expect(shownWhenRan).toBe(Date.parse('2026-11-27T09:00:01.005Z'));
  });

  it('holds still while the table scrolls and moves on as soon as it stops', async () => {
    vi.useFakeTimers();
    render(<Now />);
    const shown = () => Number(screen.getByTestId('now').textContent);
    setScrolling(true);
    try {
      await act(async () => vi.advanceTimersByTimeAsync(1_100));
      const held = shown();
      await act(async () => vi.advanceTimersByTimeAsync(3_000));
      expect(shown()).toBe(held);
    } finally {
      setScrolling(false);
    }
    const before = shown();
    await act(async () => vi.advanceTimersByTimeAsync(300));
    expect(shown()).toBeGreaterThan(before);
  });

  it('in the background, moves on and runs waiting work every 30 s only, and catches up the moment the window has the focus again', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T09:00:00.200Z'));
    function Background() {
      return <span data-testid="bg">{String(useInBackground())}</span>;
    }
    render(
      <>
        <Now />
        <Background />
      </>,
    );
    const shown = () => Number(screen.getByTestId('now').textContent);
    expect(screen.getByTestId('bg').textContent).toBe('false');
    const first = shown();
    act(() => setFocused(false));
    expect(screen.getByTestId('bg').textContent).toBe('true');
    let ranAt: number | null = null;
    atNextTick(() => {
      ranAt = Date.now();
    });
    // Nothing moves for the rest of the half-minute, not even on the tick that was due within
    // the second: no "ago", no pushed change.
    await act(async () => vi.advanceTimersByTimeAsync(29_000));
    expect(shown()).toBe(first);
    expect(ranAt).toBeNull();
    // On the half-minute, both, in one tick.
    await act(async () => vi.advanceTimersByTimeAsync(1_000));
    expect(ranAt).toBe(Date.parse('2026-11-27T09:00:30.005Z'));
    expect(shown()).toBe(ranAt);
    expect(BACKGROUND_TICK_MS).toBe(30_000);

    // Work waiting when the steward comes back runs at once, with the clock.
    atNextTick(() => {
      ranAt = Date.now();
    });
    await act(async () => vi.advanceTimersByTimeAsync(10_000));
    expect(ranAt).toBe(Date.parse('2026-11-27T09:00:30.005Z'));
    act(() => setFocused(true));
    expect(screen.getByTestId('bg').textContent).toBe('false');
    expect(ranAt).toBe(Date.parse('2026-11-27T09:00:40.200Z'));
    expect(shown()).toBe(ranAt);
    // And by the second again.
    await act(async () => vi.advanceTimersByTimeAsync(1_000));
    expect(shown()).toBe(Date.parse('2026-11-27T09:00:41.005Z'));
  });

  it('shown again while still in the background, brings the "ago" texts up to date at once', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T09:00:00.200Z'));
    render(<Now />);
    const shown = () => Number(screen.getByTestId('now').textContent);
    act(() => setFocused(false));
    // Work waiting for the slow tick keeps its timer set while the window is hidden.
    atNextTick(() => undefined);
    act(() => setHidden(true));
    await act(async () => vi.advanceTimersByTimeAsync(12_000));
    act(() => setHidden(false));
    expect(shown()).toBe(Date.parse('2026-11-27T09:00:12.200Z'));
  });
});
