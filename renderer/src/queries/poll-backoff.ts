/**
 * Polling that eases off while the Orchestrator fails: each consecutive failure doubles the
 * wait, up to a minute, and the first success restores the configured interval. A struggling
 * (or restarting) Orchestrator is not hammered by every open Steward, and the steward still
 * sees it come back within a minute.
 */
export const MAX_POLL_BACKOFF_MS = 60_000;

/** Consecutive failures per query (by react-query's query hash); absent after a success. */
const streaks = new Map<string, number>();

/** The wait before the next poll after `failures` failures in a row. */
export function pollBackoffMs(baseMs: number, failures: number): number {
  if (failures <= 0) return baseMs;
  return Math.max(baseMs, Math.min(MAX_POLL_BACKOFF_MS, baseMs * 2 ** Math.min(failures, 16)));
}

/** Runs a poll, counting it towards (or clearing) the failure streak of `key`. */
export async function countedPoll<T>(key: string, poll: () => Promise<T>): Promise<T> {
  try {
    const value = await poll();
    streaks.delete(key);
    return value;
  } catch (e) {
    streaks.set(key, (streaks.get(key) ?? 0) + 1);
    throw e;
  }
}

export function failureStreak(key: string): number {
  return streaks.get(key) ?? 0;
}
