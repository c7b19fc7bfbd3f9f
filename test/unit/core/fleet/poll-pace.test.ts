import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEED_SILENT_AFTER_MS, judgePollPace, LIVE_POLL_INTERVAL_MS, PollPaceWatcher, type FeedSignal } from '../../../../core/fleet/poll-pace';
import type { PollPace } from '../../../../shared/model';

const NOW = 1_800_000_000_000;

describe('judgePollPace', () => {
  it('polls every minute while the feed is open and was heard within the silence limit', () => {
    expect(judgePollPace({ open: true, lastHeardMs: NOW - 1_000 }, NOW, 10_000)).toEqual({ mode: 'live', intervalMs: LIVE_POLL_INTERVAL_MS });
    expect(judgePollPace({ open: true, lastHeardMs: NOW - FEED_SILENT_AFTER_MS }, NOW, 10_000).mode).toBe('live');
  });

  it('polls at the profile interval when the feed is closed, never heard, or silent too long', () => {
    expect(judgePollPace({ open: false, lastHeardMs: null }, NOW, 10_000)).toEqual({ mode: 'polling', intervalMs: 10_000 });
    expect(judgePollPace({ open: true, lastHeardMs: null }, NOW, 10_000).mode).toBe('polling');
    expect(judgePollPace({ open: true, lastHeardMs: NOW - FEED_SILENT_AFTER_MS - 1 }, NOW, 10_000)).toEqual({ mode: 'polling', intervalMs: 10_000 });
  });

  it('never polls slower than the profile asks, feed or not', () => {
    expect(judgePollPace({ open: true, lastHeardMs: NOW }, NOW, 120_000)).toEqual({ mode: 'polling', intervalMs: 120_000 });
  });
});

describe('PollPaceWatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('tells each change once: live when the feed delivers, fast again within seconds of silence, at once on a drop', () => {
    vi.useFakeTimers();
    let now = NOW;
    let feed: FeedSignal = { open: false, lastHeardMs: null };
    const told: PollPace[] = [];
    const w = new PollPaceWatcher({ fastIntervalMs: 10_000, feed: () => feed, now: () => now, onChange: (p) => told.push(p) });
    expect(w.pace().mode).toBe('polling');

    feed = { open: true, lastHeardMs: now };
    w.check(); // the feed's open event
    expect(told).toEqual([{ mode: 'live', intervalMs: 60_000 }]);

    // Heard every 30 s (the Orchestrator's pings): stays live, nothing more told.
    for (let i = 0; i < 4; i++) {
      now += 30_000;
      feed = { open: true, lastHeardMs: now };
      vi.advanceTimersByTime(30_000);
    }
    expect(told).toHaveLength(1);

    // Silent: no event comes, the watcher's own check finds it within 5 s of the limit.
    now += FEED_SILENT_AFTER_MS + 5_000;
    vi.advanceTimersByTime(FEED_SILENT_AFTER_MS + 5_000);
    expect(told.at(-1)).toEqual({ mode: 'polling', intervalMs: 10_000 });
    expect(w.pace().mode).toBe('polling');

    feed = { open: true, lastHeardMs: now };
    w.check();
    expect(w.pace().mode).toBe('live');
    feed = { open: false, lastHeardMs: null };
    w.check(); // the feed's close event: no wait
    expect(told.map((p) => p.mode)).toEqual(['live', 'polling', 'live', 'polling']);
    w.stop();
  });
});
