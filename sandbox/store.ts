/**
 * The sandbox's state: droplets, their bounded heartbeat history, and a change feed.
 * Times are epoch milliseconds; each dialect formats them on the way out. Every status
 * change (reported, re-registered or timed out) is announced to the listeners.
 */
import type { Metrics } from '../shared/model';
import { Ring } from './ring';

export interface HeartbeatEntry {
  at: number;
  status: string;
  metrics: Metrics | null;
}

export interface StoredDroplet {
  id: number;
  /** Insertion order, like a database serial; the deployed dialect quotes it in error text. */
  rowId: number;
  name: string;
  steward: string | null;
  endpoint: string | null;
  capabilities: string[];
  version: string | null;
  status: string;
  registeredAt: number;
  /** Last heartbeat (a deployed registration counts as one); null before the first. */
  lastHeartbeatAt: number | null;
  /** Last registration or heartbeat: what liveness is judged by. */
  lastContactAt: number;
  latestMetrics: Metrics | null;
  history: Ring<HeartbeatEntry>;
  /** Bumped on every change, so dialects can cache what they derive from a droplet. */
  revision: number;
}

export interface StatusChangeEvent {
  dropletId: number;
  oldStatus: string;
  newStatus: string;
  changedAt: number;
}

export interface RegistrationInput {
  id: number;
  name: string;
  steward: string | null;
  endpoint: string | null;
  capabilities: string[];
  version: string | null;
  status: string;
}

export interface ListFilter {
  status?: string | null;
  capability?: string | null;
}

export const DEFAULT_HISTORY_LIMIT = 1440;

export class SandboxStore {
  private readonly droplets = new Map<number, StoredDroplet>();
  /** Ids kept sorted so listing needs no sort; registrations mostly append. */
  private readonly orderedIds: number[] = [];
  private readonly listeners = new Set<(e: StatusChangeEvent) => void>();
  private nextRowId = 1;

  constructor(readonly historyLimit: number = DEFAULT_HISTORY_LIMIT) {}

  get size(): number {
    return this.droplets.size;
  }

  get(id: number): StoredDroplet | undefined {
    return this.droplets.get(id);
  }

  /** Droplets in id order, filtered by exact status and by capability membership. */
  list(filter: ListFilter = {}): StoredDroplet[] {
    const out: StoredDroplet[] = [];
    for (const id of this.orderedIds) {
      const d = this.droplets.get(id) as StoredDroplet;
      if (filter.status != null && d.status !== filter.status) continue;
      if (filter.capability != null && !d.capabilities.includes(filter.capability)) continue;
      out.push(d);
    }
    return out;
  }

  countByStatus(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const d of this.droplets.values()) counts[d.status] = (counts[d.status] ?? 0) + 1;
    return counts;
  }

  /**
   * Create or update a droplet. `countsAsHeartbeat` is the deployed rule (a registration
   * refreshes last_heartbeat); the guide leaves last_heartbeat to real heartbeats.
   */
  register(input: RegistrationInput, at: number, opts: { countsAsHeartbeat: boolean }): { created: boolean; droplet: StoredDroplet } {
    const existing = this.droplets.get(input.id);
    if (existing) {
      const oldStatus = existing.status;
      Object.assign(existing, {
        name: input.name,
        steward: input.steward,
        endpoint: input.endpoint,
        capabilities: [...input.capabilities],
        version: input.version ?? existing.version,
        status: input.status,
        lastContactAt: at,
        revision: existing.revision + 1,
      });
      if (opts.countsAsHeartbeat) existing.lastHeartbeatAt = at;
      this.announce(existing.id, oldStatus, input.status, at);
      return { created: false, droplet: existing };
    }
    const droplet: StoredDroplet = {
      ...input,
      capabilities: [...input.capabilities],
      rowId: this.nextRowId++,
      registeredAt: at,
      lastHeartbeatAt: opts.countsAsHeartbeat ? at : null,
      lastContactAt: at,
      latestMetrics: null,
      history: new Ring<HeartbeatEntry>(this.historyLimit),
      revision: 0,
    };
    this.droplets.set(droplet.id, droplet);
    this.insertOrderedId(droplet.id);
    return { created: true, droplet };
  }

  /** Record a heartbeat; undefined when the droplet is unknown. */
  heartbeat(id: number, status: string, metrics: Metrics | null, at: number): StoredDroplet | undefined {
    const d = this.droplets.get(id);
    if (!d) return undefined;
    const oldStatus = d.status;
    d.status = status;
    d.lastHeartbeatAt = at;
    d.lastContactAt = at;
    if (metrics) d.latestMetrics = metrics;
    d.history.push({ at, status, metrics });
    d.revision += 1;
    this.announce(id, oldStatus, status, at);
    return d;
  }

  /** Mark `active` droplets silent since before `cutoff` inactive; `error` ones are left alone. */
  expireSilent(cutoff: number, at: number): number {
    let changed = 0;
    for (const d of this.droplets.values()) {
      if (d.status === 'active' && d.lastContactAt < cutoff) {
        d.status = 'inactive';
        d.revision += 1;
        this.announce(d.id, 'active', 'inactive', at);
        changed += 1;
      }
    }
    return changed;
  }

  onChange(listener: (e: StatusChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(dropletId: number, oldStatus: string, newStatus: string, changedAt: number): void {
    if (oldStatus === newStatus) return;
    const event = { dropletId, oldStatus, newStatus, changedAt };
    for (const listener of this.listeners) listener(event);
  }

  private insertOrderedId(id: number): void {
    const ids = this.orderedIds;
    if (ids.length === 0 || id > (ids[ids.length - 1] as number)) {
      ids.push(id);
      return;
    }
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ids[mid] as number) < id) lo = mid + 1;
      else hi = mid;
    }
    ids.splice(lo, 0, id);
  }
}
