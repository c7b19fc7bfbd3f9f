// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TopBar } from '../../../../renderer/src/app/TopBar';
import { FleetView } from '../../../../renderer/src/features/fleet/FleetView';
import { useLivenessTime } from '../../../../renderer/src/features/fleet/useLivenessTime';
import { createQueryClient } from '../../../../renderer/src/queries/client';
import { usePollPaceChanges } from '../../../../renderer/src/queries/usePollPace';
import { effectiveStatus, lateJudgedUntil } from '../../../../shared/liveness';
import type { PollPace } from '../../../../shared/model';
import { APP_INFO, droplet, fakeSteward } from '../../../support/fleet-fake-steward';

const LIVENESS = { intervalSeconds: 60, graceSeconds: 15 };
const LIVE: PollPace = { mode: 'live', intervalMs: 60_000 };

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('lateness at the live pace', () => {
  it('does not call a droplet late on the guess that it has not beaten since the read, but calls one overdue at the read late at once', () => {
    vi.useFakeTimers();
    const readAt = Date.now();
    // Beat 62 s before the read: its next beat, a little slow, is unseen until the next poll.
    const slowish = droplet(1, 'active', 62);
    // Beat 80 s before the read: already past interval + grace when read.
    const silent = droplet(2, 'active', 80);
    const lists = [[slowish, silent]];
    const until = lateJudgedUntil(LIVE, readAt);
    expect(until).toBe(readAt);
    const { result } = renderHook(() => useLivenessTime(lists, readAt, LIVENESS, until));
    act(() => void vi.advanceTimersByTime(45_000));
    // Judged as of the read: the slowish droplet (late at +13 s by the clock) is not late; the silent one is.
    expect(result.current).toBeLessThan(readAt + 13_000);
    expect(effectiveStatus(silent, result.current, LIVENESS).late).toBe(true);
    expect(effectiveStatus(slowish, result.current, LIVENESS).late).toBe(false);

    // Polling fast, the same data is judged as time passes (the next poll comes within the grace).
    const fast = renderHook(() => useLivenessTime(lists, readAt, LIVENESS, lateJudgedUntil({ mode: 'polling', intervalMs: 10_000 }, readAt)));
    act(() => void vi.advanceTimersByTime(30_000));
    expect(fast.result.current).toBeGreaterThan(readAt + 13_000);
    expect(effectiveStatus(slowish, fast.result.current, LIVENESS).late).toBe(true);
  });
});

function Harness() {
  usePollPaceChanges();
  return (
    <>
      <TopBar />
      <FleetView />
    </>
  );
}

describe('poll pace in the window', () => {
  it('shows the live pace, and polls at once and says so when main reports the feed stopped delivering', async () => {
    const fake = fakeSteward([droplet(1, 'active', 5), droplet(2, 'active', 80)]);
    fake.bridge.getAppInfo = () => Promise.resolve({ ok: true, value: { ...APP_INFO, pollIntervalMs: 10_000, pollPace: LIVE } });
    window.steward = fake.bridge;
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Harness />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('poll-pace').textContent).toBe('Live · polls every 1 min'));
    await waitFor(() => expect(fake.listCalls.length).toBe(1));
    // Overdue at the read itself: late even at the live pace.
    await waitFor(() => expect(screen.getByRole('button', { name: '1 late' })).toBeTruthy());

    act(() => fake.emit('pollPaceChanged', { mode: 'polling', intervalMs: 10_000 }));
    await waitFor(() => expect(screen.getByTestId('poll-pace').textContent).toBe('Polling every 10 s'));
    await waitFor(() => expect(fake.listCalls.length).toBe(2));
  });
});
