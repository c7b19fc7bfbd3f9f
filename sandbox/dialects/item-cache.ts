/**
 * Per-droplet memo of a dialect's serialised list item, valid while the droplet's revision
 * is unchanged. Formatting times is the costly part of a list; most droplets do not change
 * between two polls, so a 10,000-droplet list is mostly string joins.
 */
import type { StoredDroplet } from '../store';

export class ItemCache {
  // Keyed by id (a Map is much faster than a WeakMap here); the store never deletes droplets.
  private readonly entries = new Map<number, { revision: number; text: string }>();

  constructor(private readonly serialise: (d: StoredDroplet) => string) {}

  get(d: StoredDroplet): string {
    const hit = this.entries.get(d.id);
    if (hit && hit.revision === d.revision) return hit.text;
    const text = this.serialise(d);
    this.entries.set(d.id, { revision: d.revision, text });
    return text;
  }
}
