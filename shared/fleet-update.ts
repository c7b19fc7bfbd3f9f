/**
 * The fleet crosses IPC as changes, not as the whole list: main remembers what it last sent
 * the renderer for each set of filters and answers a poll with the droplets that differ since
 * (a few hundred of 10,000 on a typical poll). The renderer names the copy it holds (`since`);
 * main answers a delta on top of exactly that copy, or the whole list when it cannot.
 */
import { z } from 'zod';
import { DropletSchema, IsoTimeSchema, ListFiltersSchema, WireDialectSchema, type Droplet, type StatusChange } from './model';

/** A mark naming which copy of a filtered fleet a side holds: `stream` is main's, `version` counts its answers. */
export const FleetMarkSchema = z.object({ stream: z.string().min(1).max(100), version: z.number().int().nonnegative() });
export type FleetMark = z.infer<typeof FleetMarkSchema>;

/** A poll of the fleet: the filters, and the copy the renderer holds (for an answer of changes only). */
export const FleetPollSchema = ListFiltersSchema.extend({ since: FleetMarkSchema.optional() }).strict();

const fleetMeta = {
  total: z.number().int().nonnegative(),
  /** Entries the Orchestrator sent that could not be read, each with why. */
  unreadable: z.array(z.string()),
  fetchedAt: IsoTimeSchema,
  /**
   * The Orchestrator's clock minus this computer's when a minute or more apart (else 0); the
   * droplets' times have already been moved onto this computer's clock by that much.
   */
  clockOffsetMs: z.number(),
  dialect: WireDialectSchema,
  traceId: z.string().nullable(),
  /** The copy this answer brings its receiver to. */
  sync: FleetMarkSchema,
};

/** The whole (filtered) fleet, as the renderer holds it. */
export const FleetSnapshotSchema = z.object({ droplets: z.array(DropletSchema), ...fleetMeta });
export type FleetSnapshot = z.infer<typeof FleetSnapshotSchema>;

/** The fields of a listed droplet that changed (a new beat: its time, metrics, maybe status). */
export const DropletPatchSchema = DropletSchema.partial().extend({ id: DropletSchema.shape.id });
export type DropletPatch = z.infer<typeof DropletPatchSchema>;

/** A poll's answer: the whole list (`base` null), or what changed on top of `base`. */
export const FleetUpdateSchema = z.object({
  base: FleetMarkSchema.nullable(),
  /** Whole list: every droplet. Delta: droplets not in `base`, in the Orchestrator's order. */
  droplets: z.array(DropletSchema),
  /** Delta only: droplets in `base` that changed, with only the fields that did. */
  patches: z.array(DropletPatchSchema),
  /** Delta only: ids no longer listed. */
  removed: z.array(z.number().int()),
  ...fleetMeta,
});
export type FleetUpdate = z.infer<typeof FleetUpdateSchema>;

export const sameMark = (a: FleetMark | null | undefined, b: FleetMark | null | undefined): boolean =>
  !!a && !!b && a.stream === b.stream && a.version === b.version;

/**
 * The snapshot after `update`; null when the update is a delta on a copy other than `prev`
 * (the caller then asks for the whole list). Unchanged droplets keep their identity, so only
 * the rows of changed ones render again.
 */
export function mergeFleetUpdate(prev: FleetSnapshot | undefined, update: FleetUpdate): FleetSnapshot | null {
  const { base, removed, patches, droplets: incoming, ...meta } = update;
  if (base === null) return { ...meta, droplets: incoming };
  if (!prev || !sameMark(prev.sync, base)) return null;
  if (incoming.length === 0 && patches.length === 0 && removed.length === 0) return { ...meta, droplets: prev.droplets };
  const patchOf = new Map<number, DropletPatch>();
  for (const p of patches) patchOf.set(p.id, p);
  const gone = new Set(removed);
  const droplets: Droplet[] = [];
  for (const d of prev.droplets) {
    if (gone.has(d.id)) continue;
    const patch = patchOf.get(d.id);
    droplets.push(patch ? { ...d, ...patch } : d);
  }
  for (const d of incoming) droplets.push(d);
  return { ...meta, droplets };
}

/** What changed from `a` to `b` (the same droplet), as a patch holding only those fields. */
export function dropletPatch(a: Droplet, b: Droplet): DropletPatch {
  const patch: DropletPatch = { id: b.id };
  if (a.status !== b.status) patch.status = b.status;
  if (a.lastHeartbeat !== b.lastHeartbeat) patch.lastHeartbeat = b.lastHeartbeat;
  if (!sameMetrics(a.latestMetrics, b.latestMetrics)) patch.latestMetrics = b.latestMetrics;
  if (a.name !== b.name) patch.name = b.name;
  if (a.steward !== b.steward) patch.steward = b.steward;
  if (a.endpoint !== b.endpoint) patch.endpoint = b.endpoint;
  if (a.version !== b.version) patch.version = b.version;
  if (a.registeredAt !== b.registeredAt) patch.registeredAt = b.registeredAt;
  if (!sameList(a.capabilities, b.capabilities)) patch.capabilities = b.capabilities;
  return patch;
}

/**
 * A droplet after a pushed status change; the same object when nothing changes. A change to
 * active is caused by a beat (or registration), so the beat is at least that recent: without
 * this the row would show "late" until the next poll brings the beat time.
 */
export function applyStatusChange(droplet: Droplet, change: StatusChange): Droplet {
  const beatAdvances =
    change.newStatus === 'active' &&
    change.changedAt !== null &&
    (droplet.lastHeartbeat === null || Date.parse(change.changedAt) > Date.parse(droplet.lastHeartbeat));
  if (droplet.status === change.newStatus && !beatAdvances) return droplet;
  return { ...droplet, status: change.newStatus, lastHeartbeat: beatAdvances ? change.changedAt : droplet.lastHeartbeat };
}

/** Equal in everything a fleet row shows: all but registeredAt and the metrics (a new beat's metrics alone do not count). */
export function sameShownDroplet(a: Droplet, b: Droplet): boolean {
  if (a === b) return true;
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.steward === b.steward &&
    a.status === b.status &&
    a.endpoint === b.endpoint &&
    a.version === b.version &&
    a.lastHeartbeat === b.lastHeartbeat &&
    sameList(a.capabilities, b.capabilities)
  );
}

/** Whether two readings of a droplet show the same thing (field by field; metrics by value). */
export function sameDroplet(a: Droplet, b: Droplet): boolean {
  return a === b || (sameShownDroplet(a, b) && a.registeredAt === b.registeredAt && sameMetrics(a.latestMetrics, b.latestMetrics));
}

/** Two string lists with the same items in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameMetrics(a: Droplet['latestMetrics'], b: Droplet['latestMetrics']): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
    n++;
  }
  return n === Object.keys(b).length;
}
