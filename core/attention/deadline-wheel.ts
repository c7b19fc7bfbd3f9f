/**
 * (deadline, id) pairs bucketed by the second they fall due: lateness is judged by taking what
 * fell due, not by re-checking every droplet each second. Entries are never removed early; a
 * caller drops the stale ones it takes (a newer beat moved that droplet's deadline).
 *
 * A ring of one-second buckets rather than a heap: at 10,000 droplets ~170 deadlines a second
 * come due, and popping each from a heap of ~20,000 walked a dozen levels of two big arrays,
 * every step a cache miss once the process had slept since the last second. A bucket is read
 * in order.
 */
export class DeadlineWheel {
  /** Bucket k % buckets.length holds the pairs [deadline, id, ...] due in second k (or a lap later). */
  private readonly buckets: number[][];
  /**
   * The earliest second not yet wholly taken (null before the first take); earlier deadlines are
   * put in its bucket. Not set by a push: the first deadline pushed may be far from the rest.
   */
  private cursor: number | null = null;
  private count = 0;

  constructor(
    private readonly bucketMs = 1000,
    bucketCount = 512,
  ) {
    this.buckets = Array.from({ length: bucketCount }, () => []);
  }

  get size(): number {
    return this.count;
  }

  /** A deadline that is not a finite time never falls due, and is not kept. */
  push(deadline: number, id: number): void {
    if (!Number.isFinite(deadline)) return;
    const second = Math.floor(deadline / this.bucketMs);
    this.bucket(this.cursor === null ? second : Math.max(second, this.cursor)).push(deadline, id);
    this.count++;
  }

  /** Removes the entries due before `nowMs` and answers them as [deadline, id, ...], earliest first. */
  takeDue(nowMs: number): number[] {
    const due: number[] = [];
    if (!Number.isFinite(nowMs)) return due;
    const nowSecond = Math.floor(nowMs / this.bucketMs);
    // Before the first take deadlines sit in their own seconds, however far back: a lap back
    // from now visits each bucket once. After it, in the cursor's bucket or later.
    const first = this.cursor ?? nowSecond - this.buckets.length + 1;
    // Each bucket at most once, however far the clock jumped; a deadline a lap or more ahead stays put.
    const last = Math.max(first, Math.min(nowSecond, first + this.buckets.length - 1));
    for (let second = first; second <= last && this.count > 0; second++) {
      const bucket = this.bucket(second);
      let kept = 0;
      for (let i = 0; i < bucket.length; i += 2) {
        const deadline = bucket[i]!;
        const id = bucket[i + 1]!;
        if (deadline < nowMs) {
          due.push(deadline, id);
          this.count--;
        } else {
          bucket[kept++] = deadline;
          bucket[kept++] = id;
        }
      }
      bucket.length = kept;
    }
    this.cursor = Math.max(first, nowSecond);
    return due.length > 2 ? sortedPairs(due) : due;
  }

  private bucket(second: number): number[] {
    const n = this.buckets.length;
    return this.buckets[((second % n) + n) % n]!;
  }
}

/** [deadline, id, ...] ordered by deadline, then id. */
function sortedPairs(pairs: number[]): number[] {
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => 2 * i);
  order.sort((a, b) => pairs[a]! - pairs[b]! || pairs[a + 1]! - pairs[b + 1]!);
  const out = new Array<number>(pairs.length);
  order.forEach((at, i) => {
    out[2 * i] = pairs[at]!;
    out[2 * i + 1] = pairs[at + 1]!;
  });
  return out;
}
