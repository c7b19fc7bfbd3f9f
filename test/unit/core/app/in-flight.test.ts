import { afterEach, describe, expect, it, vi } from 'vitest';
import { InFlight } from '../../../../core/app/in-flight';

afterEach(() => vi.useRealTimers());

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Whether `p` has settled once pending callbacks have run. */
async function isSettled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('InFlight: waiting for work already under way', () => {
  it('lets a reader wait for the work under its key, and only that key', async () => {
    vi.useFakeTimers();
    const reads = new InFlight<number>();
    const details = deferred<string>();
    const tracked = reads.track(7, details.promise);
    const forSeven = reads.settled(7, 1_000);
    expect(await isSettled(forSeven)).toBe(false);
    expect(await isSettled(reads.settled(8, 1_000))).toBe(true);
    details.resolve('read');
    expect(await tracked).toBe('read');
    expect(await isSettled(forSeven)).toBe(true);
    // Settled work is forgotten: a later reader does not wait.
    expect(await isSettled(reads.settled(7, 1_000))).toBe(true);
  });

  it('stops waiting after maxMs for work that hangs, and waits for failed work without failing', async () => {
    vi.useFakeTimers();
    const reads = new InFlight<number>();
    void reads.track(1, new Promise(() => undefined));
    const hung = reads.settled(1, 750);
    await vi.advanceTimersByTimeAsync(749);
    expect(await isSettled(hung)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await isSettled(hung)).toBe(true);

    const failing = deferred<never>();
    reads.track(2, failing.promise).catch(() => undefined);
    const reader = reads.settled(2, 750);
    failing.reject(new Error('details route down'));
    await expect(reader).resolves.toBeUndefined();
  });

  it('waits for the newest work under a key, not one it replaced', async () => {
    vi.useFakeTimers();
    const reads = new InFlight<number>();
    const first = deferred<number>();
    const second = deferred<number>();
    void reads.track(3, first.promise);
    void reads.track(3, second.promise);
    first.resolve(1);
    expect(await isSettled(reads.settled(3, 1_000))).toBe(false);
    second.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(await isSettled(reads.settled(3, 1_000))).toBe(true);
  });
});
