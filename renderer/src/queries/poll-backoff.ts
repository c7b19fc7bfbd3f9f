/**
 * Polling that eases off while the Orchestrator fails: each consecutive failure doubles the
 * wait, up to a minute, and the first success restores the configured interval. A struggling
 * (or restarting) Orchestrator is not hammered by every open Steward, and the steward still
 * sees it come back within a minute.
 */
export const MAX_POLL_BACKOFF_MS = 60_000;

/** Consecutive failures per query (by react-query's query hash); absent after a success. */
const streaks = new Map<string, number>();
/** When each query's last poll ended (epoch ms), failed or not. */
const lastPollAt = new Map<string, number>();
/** Never sooner than this, so an overdue poll cannot turn into a busy loop. */
const MIN_DELAY_MS = 50;

/** The wait before the next poll after `failures` failures in a row. */
export function pollBackoffMs(baseMs: number, failures: number): number {
  if (failures <= 0) return baseMs;
  return Math.max(baseMs, Math.min(MAX_POLL_BACKOFF_MS, baseMs * 2 ** Math.min(failures, 16)));
}

/** Runs a poll, counting it towards (or clearing) the failure streak of `key`. */
export async function countedPoll<T>(key: string, poll: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  try {
    const value = await poll();
    streaks.delete(key);
    return value;
  } catch (e) {
    streaks.set(key, (streaks.get(key) ?? 0) + 1);
    throw e;
  } finally {
    lastPollAt.set(key, now());
  }
}

/**
 * How long from now until `key` is due for its next poll: the (backed-off) interval counted
 * from the end of its last poll. react-query restarts its refetch timer on every change to
 * the cached data, and pushed status changes patch the fleet often (at 10,000 droplets, more
 * often than the interval): a fixed interval would then never elapse and polling would stop.
 * Counting from the last poll keeps the pace whatever else touches the cache.
 */
export function nextPollDelayMs(key: string, baseMs: number, fetching: boolean, now: number = Date.now()): number {
  const wait = pollBackoffMs(baseMs, failureStreak(key));
  const last = lastPollAt.get(key);
  // While a poll is in flight the timer restarts when it ends; before the first, a full wait.
  if (fetching || last === undefined) return wait;
  return Math.max(MIN_DELAY_MS, Math.min(wait, wait - (now - last)));
}

export function failureStreak(key: string): number {
  return streaks.get(key) ?? 0;
}
