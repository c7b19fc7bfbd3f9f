/**
 * The table's rows, kept up to date by change rather than rebuilt: a poll or a batch of pushed
 * status changes touches a few hundred of 10,000 droplets (merged updates keep the others'
 * identity), so only those rows are judged, filtered and placed in the sorted order again.
 */
import type { Droplet, LivenessSettings } from '../../../../shared/model';
import type { EffectiveStatus } from '../../../../shared/liveness';
import type { UiState } from '../../stores/ui';
import { countCapabilities, lateAtMs, lateAfterSeconds, rowComparator, rowFilter, type FleetRow, type LocalFilters } from './fleet-rows';

/** One list's rows, judged at one time. Row objects are reused while droplet and status stay. */
export interface JudgedRows {
  rows: FleetRow[];
  byId: Map<number, FleetRow>;
  /** Rows made anew since the judgement `baseGen` (null: all rows are new). */
  fresh: FleetRow[] | null;
  gen: number;
  baseGen: number | null;
  /** Per row: when an active droplet turns late (epoch ms), else NaN. */
  lateAt: Float64Array;
  liveness: LivenessSettings;
}

/** As shared/liveness's effectiveStatus, from the row's precomputed lateAt. */
function statusAt(d: Droplet, lateAt: number, nowMs: number): EffectiveStatus {
  return d.status === 'active' && nowMs > lateAt ? 'late' : d.status;
}

let generations = 0;

export function judgeRows(droplets: readonly Droplet[], nowMs: number, liveness: LivenessSettings, prev: JudgedRows | null): JudgedRows {
  return (prev && alignedJudge(droplets, nowMs, liveness, prev)) ?? fullJudge(droplets, nowMs, liveness, prev);
}

function fullJudge(droplets: readonly Droplet[], nowMs: number, liveness: LivenessSettings, prev: JudgedRows | null): JudgedRows {
  const lateAfterMs = lateAfterSeconds(liveness) * 1000;
  const rows = new Array<FleetRow>(droplets.length);
  const lateAt = new Float64Array(droplets.length);
  const byId = new Map<number, FleetRow>();
  const fresh: FleetRow[] = [];
  for (let i = 0; i < droplets.length; i++) {
    const droplet = droplets[i]!;
    lateAt[i] = lateAtMs(droplet, lateAfterMs);
    const status = statusAt(droplet, lateAt[i]!, nowMs);
    const old = prev?.byId.get(droplet.id);
    let row: FleetRow;
    if (old && old.droplet === droplet && old.status === status) row = old;
    else {
      row = { droplet, status };
      fresh.push(row);
    }
    rows[i] = row;
    if (!byId.has(droplet.id)) byId.set(droplet.id, row);
  }
  return { rows, byId, fresh: prev ? fresh : null, gen: ++generations, baseGen: prev?.gen ?? null, lateAt, liveness };
}

/**
 * The usual case, in O(changes) map updates: the same droplets in the same order as last time
 * (merged updates keep both), a few of them new objects. Null when the list moved otherwise.
 */
function alignedJudge(droplets: readonly Droplet[], nowMs: number, liveness: LivenessSettings, prev: JudgedRows): JudgedRows | null {
  if (prev.liveness !== liveness || prev.rows.length !== droplets.length) return null;
  const lateAfterMs = lateAfterSeconds(liveness) * 1000;
  const rows = new Array<FleetRow>(droplets.length);
  const lateAt = new Float64Array(droplets.length);
  const fresh: FleetRow[] = [];
  const replaced: FleetRow[] = [];
  for (let i = 0; i < droplets.length; i++) {
    const droplet = droplets[i]!;
    const old = prev.rows[i]!;
    const same = old.droplet === droplet;
    if (!same && old.droplet.id !== droplet.id) return null;
    const at = same ? prev.lateAt[i]! : lateAtMs(droplet, lateAfterMs);
    lateAt[i] = at;
    const status = statusAt(droplet, at, nowMs);
    if (same && old.status === status) {
      rows[i] = old;
      continue;
    }
    const row = { droplet, status };
    rows[i] = row;
    fresh.push(row);
    replaced.push(old);
  }
  // The previous judgement is done with: its map is brought up to date rather than rebuilt.
  const byId = prev.byId;
  fresh.forEach((row, k) => {
    if (byId.get(row.droplet.id) === replaced[k]) byId.set(row.droplet.id, row);
  });
  return { rows, byId, fresh, gen: ++generations, baseGen: prev.gen, lateAt, liveness };
}

export interface RowQuery extends LocalFilters {
  sort: UiState['sort'];
}

export interface ShownRows {
  rows: FleetRow[];
  query: RowQuery;
  judgedGen: number;
}

const sameQuery = (a: RowQuery, b: RowQuery): boolean =>
  a.status === b.status && a.capability === b.capability && a.search === b.search && a.sort.key === b.sort.key && a.sort.dir === b.sort.dir;

/** Past this share of fresh rows, sorting everything again is as cheap. */
const INCREMENTAL_SHARE = 0.25;

/** The filtered, sorted rows: from `prev` and the fresh rows when it was shown one judgement before. */
export function showRows(judged: JudgedRows, query: RowQuery, prev: ShownRows | null): ShownRows {
  const accept = rowFilter(query);
  const cmp = rowComparator(query.sort);
  const incremental =
    prev !== null &&
    judged.fresh !== null &&
    judged.baseGen === prev.judgedGen &&
    sameQuery(prev.query, query) &&
    judged.fresh.length <= judged.rows.length * INCREMENTAL_SHARE;
  if (!incremental) {
    const rows = accept ? judged.rows.filter(accept) : judged.rows.slice();
    return { rows: rows.sort(cmp), query, judgedGen: judged.gen };
  }
  const fresh = judged.fresh!;
  // A row still current keeps its place; changed and gone ones leave, fresh ones are merged in.
  const kept = prev.rows.filter((r) => judged.byId.get(r.droplet.id) === r);
  const added = (accept ? fresh.filter(accept) : fresh.slice()).sort(cmp);
  return { rows: mergeSorted(kept, added, cmp), query, judgedGen: judged.gen };
}

function mergeSorted<T>(a: readonly T[], b: readonly T[], cmp: (x: T, y: T) => number): T[] {
  if (b.length === 0) return a as T[];
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** One table's judged and shown rows, each computed from the last (a cache held by the view). */
export class RowModel {
  private judged: JudgedRows | null = null;
  private shown: ShownRows | null = null;

  judge(droplets: readonly Droplet[], nowMs: number, liveness: LivenessSettings): JudgedRows {
    this.judged = judgeRows(droplets, nowMs, liveness, this.judged);
    return this.judged;
  }

  show(judged: JudgedRows, query: RowQuery): FleetRow[] {
    this.shown = showRows(judged, query, this.shown);
    return this.shown.rows;
  }
}

/**
 * Capability counts across the fleet, counted again only when some droplet's capability list
 * changed (a beat or a pushed status keeps the list's identity), not on every poll.
 */
export class CapabilityCounter {
  private lists: readonly (readonly string[])[] = [];
  private counts = new Map<string, number>();

  of(droplets: readonly Droplet[]): Map<string, number> {
    const same = droplets.length === this.lists.length && droplets.every((d, i) => d.capabilities === this.lists[i]);
    if (!same) {
      this.lists = droplets.map((d) => d.capabilities);
      this.counts = countCapabilities(droplets);
    }
    return this.counts;
  }
}
