/**
 * A growable run of numbers kept off the JS heap: a Float64Array's backing store is external
 * memory, which V8's collector neither marks nor counts toward the old generation's limit.
 * Held in JS arrays, the history's samples took 129 B of main's heap each and grew its old
 * generation by every poll's samples (10,000 at a time at 10,000 droplets); off the heap,
 * main's heap grows half as fast over an hour (README, Performance).
 */
export class FloatRun {
  private buf: Float64Array;
  /** Numbers in use, from index 0. */
  length = 0;

  constructor(capacity = 32) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  at(i: number): number {
    return this.buf[i]!;
  }

  /** The numbers from `from` to `to`, as a view (no copy): valid until the run next changes. */
  view(from = 0, to = this.length): Float64Array {
    return this.buf.subarray(from, to);
  }

  push(...values: number[]): void {
    this.append(values);
  }

  /** Appends another run's numbers (or an array's). */
  append(values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.buf.set(values, this.length);
    this.length += values.length;
  }

  /** Puts `values` at `at`, moving what was there and after it up. */
  insert(at: number, values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.buf.copyWithin(at + values.length, at, this.length);
    this.buf.set(values, at);
    this.length += values.length;
  }

  /** Drops the first `n` numbers; gives memory back once most of it is unused. */
  dropFront(n: number): void {
    const k = Math.min(n, this.length);
    this.buf.copyWithin(0, k, this.length);
    this.length -= k;
    this.shrinkIfSparse();
  }

  /** Keeps the first `n` numbers. */
  truncate(n: number): void {
    this.length = Math.max(0, Math.min(n, this.length));
    this.shrinkIfSparse();
  }

  /** Doubling, so a run that grows a sample at a time is copied O(log n) times. */
  private reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < need) capacity *= 2;
    this.resize(capacity);
  }

  private shrinkIfSparse(): void {
    if (this.buf.length > 64 && this.length * 4 < this.buf.length) this.resize(Math.max(32, this.length * 2));
  }

  private resize(capacity: number): void {
    const next = new Float64Array(capacity);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}
