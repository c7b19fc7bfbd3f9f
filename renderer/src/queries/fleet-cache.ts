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
export function patchCachedFleets(queryClient: QueryClient, changes: readonly StatusChange[], log: PushLog = pushLog): void {
  log.note(changes);
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.fleetAll })) {
    const snapshot = query.state.data as FleetSnapshot | undefined;
    if (!snapshot) continue;
    const next = applyStatusChanges(snapshot, changes);
    if (next !== snapshot) query.setState({ data: next });
  }
}

/**
 * The pushed changes patched into the cache, numbered, so that a poll can tell which landed while
 * it was in flight: its answer replaces the snapshot it started from, and would drop them.
 */
export class PushLog {
  private changes: StatusChange[] = [];
  /** How many were noted before `changes[0]` (trimmed away): a mark is a count of all noted. */
  private dropped = 0;
  constructor(private readonly keep = 5_000) {}

  note(changes: readonly StatusChange[]): void {
    this.changes.push(...changes);
    // Trimmed in halves, not on every note: a chatty feed notes several times a second.
    if (this.changes.length > 2 * this.keep) {
      this.dropped += this.changes.length - this.keep;
      this.changes = this.changes.slice(-this.keep);
    }
  }

  /** Where the log stands now. */
  mark(): number {
    return this.dropped + this.changes.length;
  }

  /** The changes noted after `mark`, oldest first (those still kept). */
  since(mark: number): StatusChange[] {
    return this.changes.slice(Math.max(0, mark - this.dropped));
  }
}

/** The window's one log: useLiveStatus notes into it, fleet polls read it. */
export const pushLog = new PushLog();

/**
 * A poll's merged answer with the pushed changes that landed while it was in flight put back,
 * where the answer predates them: it still shows the status the change moved from, and no beat
 * newer than the change. An answer that already moved on keeps its own word.
 */
export function keepPushesNewerThanAnswer(snapshot: FleetSnapshot, during: readonly StatusChange[]): FleetSnapshot {
  if (during.length === 0) return snapshot;
  const wanted = new Set(during.map((c) => c.dropletId));
  const byId = new Map<number, Droplet>();
  for (const d of snapshot.droplets) if (wanted.has(d.id)) byId.set(d.id, d);
  let changed = false;
  // In order: a second change to one droplet moves on from where the first left it.
  for (const c of during) {
    const d = byId.get(c.dropletId);
    if (!d || d.status !== c.oldStatus) continue;
    if (c.changedAt !== null && d.lastHeartbeat !== null && Date.parse(d.lastHeartbeat) > Date.parse(c.changedAt)) continue;
    const next = applyStatusChange(d, c);
    changed ||= next !== d;
    byId.set(d.id, next);
  }
  return changed ? { ...snapshot, droplets: snapshot.droplets.map((d) => byId.get(d.id) ?? d) } : snapshot;
}
