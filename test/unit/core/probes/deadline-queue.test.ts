// The probe GETs' deadlines: one timer for all of them, each expired once its length has passed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineQueue } from '../../../../core/probes/deadline-queue';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DeadlineQueue', () => {
  it('expires each deadline once its length has passed, in order, with one timer for all', () => {
    const q = new DeadlineQueue(3_000, () => Date.now());
    const expired: number[] = [];
    for (let i = 0; i < 100; i++) {
      q.add(() => expired.push(i));
      vi.advanceTimersByTime(10);
    }
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3_000 - 1_000 - 1); // 2,999 ms after the first was added
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([0]);
    vi.advanceTimersByTime(500);
    expect(expired).toEqual(Array.from({ length: 51 }, (_, i) => i));
    vi.advanceTimersByTime(10_000);
    expect(expired).toHaveLength(100);
    expect(q.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never calls a cancelled deadline, and clear drops them all', () => {
    const q = new DeadlineQueue(100, () => Date.now());
    const expired: string[] = [];
    const cancelA = q.add(() => expired.push('a'));
    q.add(() => expired.push('b'));
    cancelA();
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['b']);
    q.add(() => expired.push('c'));
    q.clear();
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual(['b']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
