/** A fixed-capacity buffer that drops the oldest entry when full, so history stays bounded. */
export class Ring<T> {
  // Grows on demand: thousands of droplets must not each preallocate a full history.
  private readonly items: T[] = [];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('Ring capacity must be a positive integer');
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items.push(item);
      this.count += 1;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = new Array<T>(this.count);
    for (let i = 0; i < this.count; i += 1) out[i] = this.items[(this.start + i) % this.count] as T;
    return out;
  }
}
