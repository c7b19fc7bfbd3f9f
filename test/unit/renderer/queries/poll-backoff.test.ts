/** The fleet poll eases off while the Orchestrator fails, and snaps back on the first success. */
import { describe, expect, it } from 'vitest';
import { countedPoll, failureStreak, MAX_POLL_BACKOFF_MS, pollBackoffMs } from '../../../../renderer/src/queries/poll-backoff';

describe('fleet poll backoff', () => {
  it('doubles the wait on each failure in a row, up to a minute', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 30].map((n) => pollBackoffMs(10_000, n));
    expect(waits).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    expect([0, 1, 2, 3, 4, 5].map((n) => pollBackoffMs(2_000, n))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
    expect(MAX_POLL_BACKOFF_MS).toBe(60_000);
  });

  it('never polls faster than configured, even when the interval is above the cap', () => {
    expect(pollBackoffMs(120_000, 3)).toBe(120_000);
  });

  it('counts failures per query and clears the streak on the first success', async () => {
    const fail = () => Promise.reject(new Error('503'));
    const succeed = () => Promise.resolve('fleet');
    for (let i = 0; i < 3; i++) await expect(countedPoll('whole', fail)).rejects.toThrow('503');
    await expect(countedPoll('filtered', fail)).rejects.toThrow('503');
    expect(failureStreak('whole')).toBe(3);
    expect(failureStreak('filtered')).toBe(1);
    await expect(countedPoll('whole', succeed)).resolves.toBe('fleet');
    expect(failureStreak('whole')).toBe(0);
    expect(failureStreak('filtered')).toBe(1);
  });
});
