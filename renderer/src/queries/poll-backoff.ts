/**
 * Polling that eases off while the Orchestrator fails: each consecutive failure doubles the
 * wait, up to a cap, and the first success (of this poll, or of any other call to the same
 * Orchestrator: resetPollBackoff) restores the configured interval. A struggling (or
 * restarting) Orchestrator is not hammered by every open Steward. The fleet caps the wait at
 * the liveness grace: a droplet's next beat is then seen before Steward would call it late.
 */
export const MAX_POLL_BACKOFF_MS = 60_000;

/** Consecutive failures per query (by react-query's query hash); absent after a success. */
const streaks = new Map<string, number>();
/** When each query's last poll ended (epoch ms), failed or not. */
const lastPollAt = new Map<string, number>();
/** Never sooner than this, so an overdue poll cannot turn into a busy loop. */
const MIN_DELAY_MS = 50;

/** The wait before the next poll after `failures` failures in a row; never above `capMs` unless the interval is. */
export function pollBackoffMs(baseMs: number, failures: number, capMs: number = MAX_POLL_BACKOFF_MS): number {
  if (failures <= 0) return baseMs;
  return Math.max(baseMs, Math.min(capMs, baseMs * 2 ** Math.min(failures, 16)));
}

/** The Orchestrator answered some other call (a droplet's details): it is back, so every poll's streak ends. */
export function resetPollBackoff(): void {
  streaks.clear();
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
export function nextPollDelayMs(key: string, baseMs: number, fetching: boolean, now: number = Date.now(), capMs: number = MAX_POLL_BACKOFF_MS): number {
  const wait = pollBackoffMs(baseMs, failureStreak(key), capMs);
  const last = lastPollAt.get(key);
  // While a poll is in flight the timer restarts when it ends; before the first, a full wait.
  if (fetching || last === undefined) return wait;
  return Math.max(MIN_DELAY_MS, Math.min(wait, wait - (now - last)));
}

export function failureStreak(key: string): number {
  return streaks.get(key) ?? 0;
}
