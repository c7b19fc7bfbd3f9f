/**
 * Work under way per key, so a reader can wait briefly for a writer already started: a chart
 * asked for while the droplet's details are being read is answered after they are recorded,
 * not drawn short and fetched again.
 */
export class InFlight<K> {
  private readonly pending = new Map<K, Promise<unknown>>();

  /** `work`, remembered under `key` until it settles. */
  track<T>(key: K, work: Promise<T>): Promise<T> {
    this.pending.set(key, work);
    const forget = () => {
      if (this.pending.get(key) === work) this.pending.delete(key);
    };
    work.then(forget, forget);
    return work;
  }

  /** Resolves once the key's work settles, or after `maxMs`, whichever comes first; at once when none is under way. Never rejects. */
  settled(key: K, maxMs: number): Promise<void> {
    const work = this.pending.get(key);
    if (!work) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      work.then(done, done);
    });
  }
}
