/** Patching a cached fleet snapshot with pushed status changes, without waiting for a poll. */
import { applyStatusChange, type FleetSnapshot } from '../../../shared/fleet-update';
import type { Droplet, StatusChange } from '../../../shared/model';

/**
 * The snapshot with the changes applied (in order); the same object when nothing changes, and
 * every other droplet keeps its identity so only the changed rows re-render.
 */
export function applyStatusChanges(snapshot: FleetSnapshot, changes: readonly StatusChange[]): FleetSnapshot {
  const byId = new Map<number, StatusChange[]>();
  for (const c of changes) {
    const mine = byId.get(c.dropletId);
    if (mine) mine.push(c);
    else byId.set(c.dropletId, [c]);
  }
  let droplets: Droplet[] | null = null;
  snapshot.droplets.forEach((d, i) => {
    const mine = byId.get(d.id);
    if (!mine) return;
    const next = mine.reduce(applyStatusChange, d);
    if (next === d) return;
    droplets ??= snapshot.droplets.slice();
    droplets[i] = next;
  });
  return droplets ? { ...snapshot, droplets } : snapshot;
}
