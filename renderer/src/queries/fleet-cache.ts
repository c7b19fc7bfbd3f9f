/** Patching a cached fleet snapshot with a pushed status change, without waiting for a poll. */
import type { FleetSnapshot } from '../../../shared/ipc-contract';
import type { StatusChange } from '../../../shared/model';

/**
 * The snapshot with the droplet's status replaced; the same object when nothing changes, and
 * every other droplet keeps its identity so only the changed row re-renders.
 */
export function applyStatusChange(snapshot: FleetSnapshot, change: StatusChange): FleetSnapshot {
  const index = snapshot.droplets.findIndex((d) => d.id === change.dropletId);
  if (index < 0) return snapshot;
  const droplet = snapshot.droplets[index]!;
  // A change to active is caused by a beat (or registration), so the beat is at least that
  // recent; without this the row would show "late" until the next poll brings the beat time.
  const beatAdvances =
    change.newStatus === 'active' &&
    change.changedAt !== null &&
    (droplet.lastHeartbeat === null || Date.parse(change.changedAt) > Date.parse(droplet.lastHeartbeat));
  if (droplet.status === change.newStatus && !beatAdvances) return snapshot;
  const droplets = snapshot.droplets.slice();
  droplets[index] = { ...droplet, status: change.newStatus, lastHeartbeat: beatAdvances ? change.changedAt : droplet.lastHeartbeat };
  return { ...snapshot, droplets };
}
