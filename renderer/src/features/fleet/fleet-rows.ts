/**
 * The table's rows from a snapshot: Steward's liveness judgement per droplet, local filters,
 * sorting and counts. Pure, so the whole pipeline is cheap to test and to memoise.
 */
import { probeRankOf } from './probe-rank';
import { DEFAULT_LIVENESS, STATUS_SEVERITY, effectiveStatus, lateAfterMs, lateAtMs, statusAt, type EffectiveStatus, type LivenessSettings } from '../../../../shared/liveness';
import type { Droplet } from '../../../../shared/model';
import type { SortKey, UiState } from '../../state/ui';

export interface FleetRow {
  droplet: Droplet;
  /** The Orchestrator's status, or `late` when Steward sees an overdue beat. */
  status: EffectiveStatus;
}

/** Statuses in the order problems come first; the summary strip and status select use it. */
export const STATUS_ORDER: readonly EffectiveStatus[] = ['error', 'inactive', 'late', 'maintenance', 'unknown', 'active'];

export function toRows(droplets: readonly Droplet[], nowMs: number, liveness: LivenessSettings = DEFAULT_LIVENESS): FleetRow[] {
  return droplets.map((droplet) => ({ droplet, status: effectiveStatus(droplet, nowMs, liveness).status }));
}

/**
 * When the next active droplet turns late after `nowMs` (epoch ms), or null if none will:
 * the table re-judges the fleet then, instead of every second.
 */
export function nextLatenessChange(droplets: readonly Droplet[], nowMs: number, liveness: LivenessSettings = DEFAULT_LIVENESS): number | null {
  const lateAfter = lateAfterMs(liveness);
  let next: number | null = null;
  for (const d of droplets) {
    const lateAt = dropletLateAt(d, lateAfter);
    // Not late yet by the rule, but it will be: the table must look again then.
    if (Number.isFinite(lateAt) && statusAt(d.status, lateAt, nowMs) !== 'late' && (next === null || lateAt < next)) next = lateAt;
  }
  return next;
}

/** shared/liveness's lateAtMs, with the beat parsed once per droplet object. */
export function dropletLateAt(d: Droplet, lateAfter: number): number {
  return lateAtMs(d.status, beatMsOf(d), lateAfter);
}

export interface LocalFilters {
  status: string | null;
  capability: string | null;
  search: string;
}

/** Text a search matches against: id, name, steward and endpoint. */
function haystack(d: Droplet): string {
  return `${d.id}\n${d.name}\n${d.steward ?? ''}\n${d.endpoint ?? ''}`.toLowerCase();
}

/**
 * Filters applied here even when the Orchestrator applied them too: `late` and `unknown` exist
 * only here, and a pushed status change can move a row out of the filter between polls.
 */
export function filterRows(rows: readonly FleetRow[], f: LocalFilters): FleetRow[] {
  const accept = rowFilter(f);
  return accept ? rows.filter(accept) : rows.slice();
}

/** Whether a row passes the filters; null when there are none. */
export function rowFilter(f: LocalFilters): ((r: FleetRow) => boolean) | null {
  const terms = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (f.status === null && f.capability === null && terms.length === 0) return null;
  return (r) => {
    if (f.status !== null && r.status !== f.status) return false;
    if (f.capability !== null && !r.droplet.capabilities.includes(f.capability)) return false;
    if (terms.length > 0) {
      const text = haystack(r.droplet);
      if (!terms.every((t) => text.includes(t))) return false;
    }
    return true;
  };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Nulls last in either direction: a missing value is never "first". */
function compareNullable<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number, dir: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return cmp(a, b) * dir;
}

const text = (x: string, y: string): number => collator.compare(x, y);
const num = (x: number, y: number): number => x - y;

const beats = new WeakMap<Droplet, number>();

/** The droplet's last beat as epoch ms (NaN when none), parsed once per droplet object. */
export function beatMsOf(d: Droplet): number {
  let ms = beats.get(d);
  if (ms === undefined) {
    ms = d.lastHeartbeat === null ? NaN : Date.parse(d.lastHeartbeat);
    beats.set(d, ms);
  }
  return ms;
}

function beatMs(d: Droplet): number | null {
  const ms = beatMsOf(d);
  return Number.isFinite(ms) ? ms : null;
}

function comparePrimary(a: FleetRow, b: FleetRow, key: SortKey, dir: number): number {
  switch (key) {
    case 'problems':
    case 'status':
      return (STATUS_SEVERITY[a.status] - STATUS_SEVERITY[b.status]) * dir;
    case 'id':
      return (a.droplet.id - b.droplet.id) * dir;
    case 'name':
      return text(a.droplet.name, b.droplet.name) * dir;
    case 'steward':
      return compareNullable(a.droplet.steward, b.droplet.steward, text, dir);
    case 'endpoint':
      return compareNullable(a.droplet.endpoint, b.droplet.endpoint, text, dir);
    case 'version':
      return compareNullable(a.droplet.version, b.droplet.version, text, dir);
    case 'capabilities':
      return text(a.droplet.capabilities.join(' '), b.droplet.capabilities.join(' ')) * dir;
    case 'probe':
      return (probeRankOf(a.droplet.id) - probeRankOf(b.droplet.id)) * dir;
    case 'lastHeartbeat':
      // Ascending reads like the column: most recent ("2 s ago") first.
      return compareNullable(beatMs(a.droplet), beatMs(b.droplet), (x, y) => y - x, dir);
  }
}

/** Sorted copy; ties fall back to id ascending so the order is total and stable across polls. */
export function sortRows(rows: readonly FleetRow[], sort: UiState['sort']): FleetRow[] {
  return rows.slice().sort(rowComparator(sort));
}

export function rowComparator(sort: UiState['sort']): (a: FleetRow, b: FleetRow) => number {
  const dir = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => comparePrimary(a, b, sort.key, dir) || num(a.droplet.id, b.droplet.id);
}

export function countByStatus(rows: readonly FleetRow[]): Record<EffectiveStatus, number> {
  const counts: Record<EffectiveStatus, number> = { error: 0, inactive: 0, late: 0, maintenance: 0, unknown: 0, active: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}

/** Every capability in the fleet, sorted, for the capability filter. */
export function capabilitiesOf(droplets: readonly Droplet[]): string[] {
  return capabilityNames(countCapabilities(droplets));
}

/** The capabilities counted, sorted for the capability filter. */
export function capabilityNames(counts: ReadonlyMap<string, number>): string[] {
  return [...counts.keys()].sort(text);
}

/** How many droplets list each capability. */
export function countCapabilities(droplets: readonly Droplet[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of droplets) for (const c of d.capabilities) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}
