/**
 * Uptime and incidents from what Steward saw: each droplet's judged states over time (its
 * timeline) and the spans during which Steward was watching at all (observed spans). Time
 * Steward did not watch counts neither up nor down, and the coverage says how much it saw.
 * Pure functions over plain arrays.
 */
import type { Incident, UptimeWindow, WatchedState } from '../../shared/attention';

/** [epoch ms, state entered, cause]. Oldest first. */
export type TimelineEntry = [at: number, state: WatchedState, cause: string];
/** [start, end] epoch ms, oldest first, not overlapping. */
export type Span = [start: number, end: number];

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
const DOWN: ReadonlySet<WatchedState> = new Set(['error', 'inactive', 'late']);
/** Maintenance is observed but counts neither up nor down; absent is not the droplet's time. */
const UP: ReadonlySet<WatchedState> = new Set(['active', 'unknown']);

/** "5 h 12 min", "3 min", "40 s", "24 h"; two or more whole days as "7 d". */
export function spanText(ms: number): string {
  // Seconds under a minute: a droplet watched for 40 s would read "observed 0 min" beside its percent.
  if (ms < 60_000) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  const min = Math.floor(ms / 60_000);
  if (min >= 2880 && min % 1440 === 0) return `${min / 1440} d`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Extends the last span to `nowMs` when it ended at most `maxGapMs` before; starts a new one otherwise. */
export function observe(spans: Span[], nowMs: number, maxGapMs: number, keepMs = WEEK_MS): Span[] {
  const last = spans[spans.length - 1];
  if (last && nowMs >= last[1] && nowMs - last[1] <= maxGapMs) last[1] = nowMs;
  else if (!last || nowMs > last[1]) spans.push([nowMs, nowMs]);
  const cut = nowMs - keepMs;
  let drop = 0;
  while (drop < spans.length && spans[drop]![1] < cut) drop++;
  return drop > 0 ? spans.slice(drop) : spans;
}

/** Keeps entries newer than `keepMs` and the one before them (the state the window starts in). */
export function trimTimeline(entries: TimelineEntry[], nowMs: number, keepMs = WEEK_MS, maxEntries = 500): TimelineEntry[] {
  const cut = nowMs - keepMs;
  let first = 0;
  while (first + 1 < entries.length && entries[first + 1]![0] <= cut) first++;
  const start = Math.max(first, entries.length - maxEntries);
  return start > 0 ? entries.slice(start) : entries;
}

export function uptimeWindow(timeline: readonly TimelineEntry[], spans: readonly Span[], nowMs: number, windowMs: number): UptimeWindow {
  const from = nowMs - windowMs;
  let up = 0;
  let down = 0;
  let observed = 0;
  for (const [s0, s1] of spans) {
    const a = Math.max(s0, from);
    const b = Math.min(s1, nowMs);
    if (b <= a) continue;
    // Walk the timeline across [a, b): each piece counts by the state it was in.
    let state: WatchedState = 'absent';
    let i = 0;
    while (i < timeline.length && timeline[i]![0] <= a) state = timeline[i++]![1];
    let t = a;
    for (;;) {
      const next = i < timeline.length ? Math.min(timeline[i]![0], b) : b;
      const piece = next - t;
      if (state !== 'absent') observed += piece;
      if (UP.has(state)) up += piece;
      else if (DOWN.has(state)) down += piece;
      if (next >= b) break;
      state = timeline[i++]![1];
      t = next;
    }
  }
  return {
    windowMs,
    percent: up + down > 0 ? Math.round((up / (up + down)) * 100_000) / 1000 : null,
    observedMs: observed,
    observedText: `observed ${spanText(observed)} of ${spanText(windowMs)}`,
  };
}

/** Runs of error/inactive/late (and gone), newest first, at most `max`. */
export function incidents(id: number, timeline: readonly TimelineEntry[], nowMs: number, max = 100): Incident[] {
  const out: Incident[] = [];
  let open: { state: WatchedState; startedAt: number; cause: string } | null = null;
  for (const [at, state, cause] of timeline) {
    const bad = DOWN.has(state);
    if (bad && !open) open = { state, startedAt: at, cause };
    else if (!bad && open) {
      out.push({ dropletId: id, state: open.state, startedAt: open.startedAt, endedAt: at, durationMs: at - open.startedAt, cause: open.cause });
      open = null;
    }
  }
  if (open) out.push({ dropletId: id, state: open.state, startedAt: open.startedAt, endedAt: null, durationMs: Math.max(0, nowMs - open.startedAt), cause: open.cause });
  return out.reverse().slice(0, max);
}
