/**
 * Which droplets' probe readings changed, gathered between `probesChanged` events. With the
 * rounds spread over the minute some droplet answers every second, and each event makes the
 * window fetch every probe summary again: readings alone (a fresher uptime, a later "last
 * answer") are sent at most every `everyMs`; a verdict change or a restart goes at the next tick.
 */
export class ChangeBatch {
  private pending = new Set<number>();
  private urgent = false;
  private lastSentAt = -Infinity;

  constructor(readonly everyMs: number) {}

  /** Droplets whose readings changed; `urgent` when one's verdict changed or it restarted. */
  add(ids: Iterable<number>, urgent = false): void {
    for (const id of ids) this.pending.add(id);
    if (urgent) this.urgent = true;
  }

  /** The ids to announce now, or null while nothing is due. */
  take(now: number): number[] | null {
    if (this.pending.size === 0) return null;
    if (!this.urgent && now - this.lastSentAt < this.everyMs) return null;
    const ids = [...this.pending];
    this.pending.clear();
    this.urgent = false;
    this.lastSentAt = now;
    return ids;
  }
}
