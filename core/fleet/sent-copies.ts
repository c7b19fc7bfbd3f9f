/**
 * What main last sent the renderer of each filtered fleet, so a poll can be answered with the
 * droplets that changed since (see shared/fleet-update.ts). Pushed status changes are applied
 * here as the renderer applies them, so both sides judge the next poll against the same copy.
 */
import { randomUUID } from 'node:crypto';
import { applyStatusChange, dropletPatch, sameDroplet, sameList, sameMark, sameMetrics, type DropletPatch, type FleetMark } from '../../shared/fleet-update';
import type { Droplet, ListFilters, StatusChange } from '../../shared/model';

/** Filter sets remembered at once (the whole fleet, the table's filter, a few recent ones). */
const MAX_STREAMS = 6;

interface FleetDiff {
  base: FleetMark | null;
  sync: FleetMark;
  /** Everything (base null), or droplets new since base, in the list's order. */
  droplets: Droplet[];
  /** The changed fields of droplets in base. */
  patches: DropletPatch[];
  removed: number[];
}

interface Copy {
  version: number;
  /** What was sent, deduplicated, in the list's order. */
  list: Droplet[];
  /** Built when first needed (a reordered list, a pushed change), not on every poll. */
  index: Map<number, number> | null;
}

export function filtersKey(filters: ListFilters): string {
  return JSON.stringify([filters.status ?? null, filters.capability ?? null]);
}

function indexOf(copy: Copy): Map<number, number> {
  if (!copy.index) {
    copy.index = new Map();
    copy.list.forEach((d, i) => copy.index!.set(d.id, i));
  }
  return copy.index;
}

export class SentCopies {
  /** New for every instance: a renderer holding another instance's copy gets the whole list. */
  readonly stream = randomUUID();
  private readonly copies = new Map<string, Copy>();

  /** The answer to a poll of `key` that read `droplets`, for a renderer holding `since`. */
  diff(key: string, droplets: readonly Droplet[], since: FleetMark | undefined): FleetDiff {
    const copy = this.copies.get(key);
    const version = (copy?.version ?? 0) + 1;
    const sync = { stream: this.stream, version };
    const delta = copy !== undefined && sameMark(since, { stream: this.stream, version: copy.version });
    const result = delta ? (alignedDiff(copy.list, droplets) ?? mappedDiff(copy, droplets)) : null;
    const list = result?.list ?? unique(droplets);

    this.copies.delete(key); // re-inserted last: the least recently polled filter is forgotten first
    this.copies.set(key, { version, list, index: null });
    if (this.copies.size > MAX_STREAMS) this.copies.delete(this.copies.keys().next().value!);

    // A copy: pushed changes patch the remembered list in place, never what was answered.
    if (!result) return { base: null, sync, droplets: list.slice(), patches: [], removed: [] };
    return { base: { stream: this.stream, version: copy!.version }, sync, droplets: result.added, patches: result.changed, removed: result.removed };
  }

  /** A pushed status change, applied to every remembered copy that lists the droplet. */
  applyStatus(change: StatusChange): void {
    for (const copy of this.copies.values()) {
      const i = indexOf(copy).get(change.dropletId);
      if (i !== undefined) copy.list[i] = applyStatusChange(copy.list[i]!, change);
    }
  }
}

interface DiffResult {
  list: Droplet[];
  changed: DropletPatch[];
  added: Droplet[];
  removed: number[];
}

/** The usual case, cheap: the same droplets in the same order as last time, some changed. */
function alignedDiff(before: readonly Droplet[], droplets: readonly Droplet[]): DiffResult | null {
  if (before.length !== droplets.length) return null;
  const list: Droplet[] = new Array<Droplet>(droplets.length);
  const changed: DropletPatch[] = [];
  for (let i = 0; i < droplets.length; i++) {
    const was = before[i]!;
    const now = droplets[i]!;
    if (was.id !== now.id) return null;
    if (sameDroplet(was, now)) list[i] = was;
    else {
      list[i] = keptCopy(was, now);
      changed.push(dropletPatch(was, now));
    }
  }
  return { list, changed, added: [], removed: [] };
}

/**
 * A changed droplet as the copy keeps it: what did not change is the copy's own long-lived
 * value, so the answer just parsed dies young. Kept whole, every poll at 10,000 droplets moved
 * ~14 MB of the answer into the worker's old generation, and each set off a full collection
 * of it (and the memory reducer's two or three more once the worker idled).
 */
function keptCopy(was: Droplet, now: Droplet): Droplet {
  return {
    id: now.id,
    name: same(was.name, now.name),
    steward: same(was.steward, now.steward),
    endpoint: same(was.endpoint, now.endpoint),
    capabilities: sameList(was.capabilities, now.capabilities) ? was.capabilities : now.capabilities,
    status: same(was.status, now.status),
    version: same(was.version, now.version),
    lastHeartbeat: same(was.lastHeartbeat, now.lastHeartbeat),
    registeredAt: same(was.registeredAt, now.registeredAt),
    latestMetrics: sameMetrics(was.latestMetrics, now.latestMetrics) ? was.latestMetrics : now.latestMetrics,
  };
}

/** Droplets added, gone or moved: matched by id. */
function mappedDiff(copy: Copy, droplets: readonly Droplet[]): DiffResult {
  const index = indexOf(copy);
  const list = unique(droplets);
  const changed: DropletPatch[] = [];
  const added: Droplet[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const now = list[i]!;
    seen.add(now.id);
    const at = index.get(now.id);
    const was = at === undefined ? undefined : copy.list[at];
    if (!was) added.push(now);
    else if (sameDroplet(was, now)) list[i] = was;
    else {
      list[i] = keptCopy(was, now);
      changed.push(dropletPatch(was, now));
    }
  }
  const removed = copy.list.filter((d) => !seen.has(d.id)).map((d) => d.id);
  return { list, changed, added, removed };
}

/** `b`, as `a` when they are equal. */
function same<T>(a: T, b: T): T {
  return a === b ? a : b;
}

/** A repeated id: the first reading stands, as the renderer's merge by id would keep it. */
function unique(droplets: readonly Droplet[]): Droplet[] {
  const ids = new Set<number>();
  const out: Droplet[] = [];
  for (const d of droplets) {
    if (ids.has(d.id)) continue;
    ids.add(d.id);
    out.push(d);
  }
  return out;
}
