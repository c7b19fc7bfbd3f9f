/**
 * How often the window polls the fleet. Reading the whole list (4 MB at 10,000 droplets) every
 * 10 s is most of main's idle CPU; while `/ws/droplets` is connected and delivering (its pings
 * arrive), status changes come from it, so the fleet is polled only every minute, to catch what
 * the feed does not carry (new beats, metrics, registrations). The fast pace is back at once when
 * the feed drops or falls silent.
 */
import type { PollPace } from '../../shared/model';

/** The pace while the feed delivers: a poll a minute still catches what no push carries. */
export const LIVE_POLL_INTERVAL_MS = 60_000;
/** A feed this long without any traffic (message, ping or pong) no longer counts as delivering. */
export const FEED_SILENT_AFTER_MS = 45_000;

export interface FeedSignal {
  /** The socket is open. */
  open: boolean;
  /** When the feed was last heard from (epoch ms), null when never on this connection. */
  lastHeardMs: number | null;
}

export function judgePollPace(feed: FeedSignal, nowMs: number, fastIntervalMs: number, liveIntervalMs = LIVE_POLL_INTERVAL_MS): PollPace {
  const delivering = feed.open && feed.lastHeardMs !== null && nowMs - feed.lastHeardMs <= FEED_SILENT_AFTER_MS;
  // Never slower than the steward asked for (a profile may poll every 2 minutes).
  if (delivering && fastIntervalMs < liveIntervalMs) return { mode: 'live', intervalMs: liveIntervalMs };
  return { mode: 'polling', intervalMs: fastIntervalMs };
}

export interface PollPaceWatcherOptions {
  fastIntervalMs: number;
  /** The pace while the feed delivers (default LIVE_POLL_INTERVAL_MS). */
  liveIntervalMs?: number;
  feed: () => FeedSignal;
  now: () => number;
  onChange: (pace: PollPace) => void;
  /** How often silence is looked for between feed events (default 5 s). */
  checkEveryMs?: number;
}

/** Re-judges the pace on every feed event and every few seconds (silence has no event); tells only changes. */
export class PollPaceWatcher {
  private current: PollPace;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly opts: PollPaceWatcherOptions) {
    this.current = this.judge();
    this.timer = setInterval(() => this.check(), opts.checkEveryMs ?? 5_000);
    this.timer.unref?.();
  }

  pace(): PollPace {
    return this.current;
  }

  check(): void {
    const next = this.judge();
    if (next.mode === this.current.mode && next.intervalMs === this.current.intervalMs) return;
    this.current = next;
    this.opts.onChange(next);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private judge(): PollPace {
    return judgePollPace(this.opts.feed(), this.opts.now(), this.opts.fastIntervalMs, this.opts.liveIntervalMs);
  }
}
