// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { atNextTick, useNow } from '../../../../renderer/src/state/clock';
import { setScrolling } from '../../../../renderer/src/state/scrolling';

function Now() {
  return <span data-testid="now">{useNow()}</span>;
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  cleanup();
  setHidden(false);
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
});
