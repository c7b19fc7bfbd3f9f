/** Patching a cached fleet snapshot with pushed status changes, without waiting for a poll. */
import { applyStatusChange, type FleetSnapshot } from '../../../shared/fleet-update';
import type { Droplet, StatusChange } from '../../../shared/model';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';

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

/**
 * Patches every cached fleet with pushed changes, touching nothing but the data: not when it
 * was last polled, nor the poll's error. `setQueryData` would mark the query freshly fetched
 * and clear its error, and one pushed change during an outage would read as a good poll (the
 * stale banner gone, "Updated 2 s ago"). Only a successful poll says the fleet is current.
 */
export function patchCachedFleets(queryClient: QueryClient, changes: readonly StatusChange[]): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.fleetAll })) {
    const snapshot = query.state.data as FleetSnapshot | undefined;
    if (!snapshot) continue;
    const next = applyStatusChanges(snapshot, changes);
    if (next !== snapshot) query.setState({ data: next });
  }
}
