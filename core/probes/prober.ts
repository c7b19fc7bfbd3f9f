/**
 * Probes droplets' own routes on a schedule: /health and /state every fast interval (60 s),
 * /capabilities and /dependencies every slow one (10 min), a bounded pool of droplets at once,
 * backoff per droplet that does not answer. Keeps each droplet's last readings, records state
 * numbers as `probe:` metrics, notices restarts (uptime went down) and tells whoever listens
 * when a droplet's verdict changes (the attention engine's hook).
 */
import type { DropletStatus } from '../../shared/model';
import type { DependencyMap, ProbeCapabilities, ProbeDependencies, ProbeDetails, ProbeHealth, ProbeRoute, ProbeSettings, ProbeState, ProbeSummary, ProbeVerdict, RouteOutcome } from '../../shared/probe';
import { PROBE_METRIC_PREFIX } from '../../shared/probe';
import { parseRouteBody, readProbeCapabilities, readProbeDependencies, readProbeHealth, readProbeState, type RouteRead } from '../../shared/udc/droplet-routes';
import { TaskPool } from './pool';
import type { RouteGet } from './route-get';

/** What the prober needs to know of a listed droplet. */
export interface ProbeTarget {
  id: number;
  name: string;
  endpoint: string | null;
  status: DropletStatus;
  capabilities: readonly string[];
  version: string | null;
}

export interface ProbeChange {
  id: number;
  from: ProbeVerdict;
  to: ProbeVerdict;
  at: number;
  /** The Orchestrator's status for it then. */
  orchestratorStatus: DropletStatus;
}

export interface RestartSeen {
  id: number;
  at: number;
  uptimeBefore: number;
  uptimeNow: number;
}

export interface ProberOptions {
  targets: () => readonly ProbeTarget[];
  get: RouteGet;
  settings: ProbeSettings;
  poolSize?: number;
  now?: () => number;
  /** A droplet's state numbers, as `probe:` metric names. */
  onRecord?: (id: number, atMs: number, values: Record<string, number>) => void;
  /** A droplet's verdict changed (for the attention engine). */
  onProbeChange?: (change: ProbeChange) => void;
  onRestart?: (restart: RestartSeen) => void;
  /** Droplets whose probe readings changed since the last call (batched by the caller). */
  onChanged?: (ids: number[]) => void;
}

interface Probed {
  id: number;
  base: string;
  /** The endpoint `base` was made from. */
  endpoint: string | null;
  health: ProbeHealth | null;
  capabilities: ProbeCapabilities | null;
  state: ProbeState | null;
  dependencies: ProbeDependencies | null;
  routes: Partial<Record<ProbeRoute, RouteOutcome>>;
  lastAnswerAt: number | null;
  silentSince: number | null;
  fails: number;
  nextFastAt: number;
  nextSlowAt: number;
  inFlight: boolean;
  restarts: number[];
  verdict: ProbeVerdict;
  metricNames: Set<string>;
}

export const DEFAULT_POOL_SIZE = 16;
/** The longest a droplet that does not answer waits between tries. */
export const MAX_BACKOFF_MS = 15 * 60_000;
const RESTARTS_KEPT = 20;
const METRIC_NAMES_MAX = 16;

export class Prober {
  private readonly probed = new Map<number, Probed>();
  private readonly pool: TaskPool;
  private readonly now: () => number;
  private current: ProbeSettings;
  private changed = new Set<number>();
  /** The target list forget() last saw: a new one is what can drop droplets. */
  private seenTargets: readonly ProbeTarget[] | null = null;
  /** Endpoint -> its probe base: URL parsing 1,000 endpoints every tick was most of a tick's cost. */
  private readonly bases = new Map<string, string | null>();

  constructor(private readonly o: ProberOptions) {
    this.pool = new TaskPool(o.poolSize ?? DEFAULT_POOL_SIZE);
    this.now = o.now ?? Date.now;
    this.current = o.settings;
  }

  get settings(): ProbeSettings {
    return this.current;
  }

  /** The most droplets ever probed at once. */
  get peakConcurrency(): number {
    return this.pool.peak;
  }

  setSettings(s: ProbeSettings): void {
    const intervalsChanged = s.fastIntervalSeconds !== this.current.fastIntervalSeconds || s.slowIntervalSeconds !== this.current.slowIntervalSeconds;
    this.current = s;
    // New intervals or scope take effect at the next run, not after the old interval.
    if (intervalsChanged) for (const p of this.probed.values()) p.nextFastAt = Math.min(p.nextFastAt, this.now());
    this.changed = new Set([...this.changed, ...this.probed.keys()]);
  }

  /** Starts the droplets whose probes are due (bounded by the pool); resolves when they finish. */
  runDue(): Promise<void> {
    if (!this.current.enabled) return Promise.resolve();
    const at = this.now();
    const jobs: Promise<void>[] = [];
    const targets = this.o.targets();
    for (const t of targets) {
      const known = this.probed.get(t.id);
      // The common case, a droplet not yet due, costs a lookup and a comparison.
      if (known && (known.inFlight || at < known.nextFastAt) && known.endpoint === t.endpoint) continue;
      if (!this.inScope(t)) continue;
      const base = this.baseOf(t.endpoint);
      if (!base) continue;
      const p = this.entry(t.id, base, t.endpoint);
      if (p.inFlight || at < p.nextFastAt) continue;
      jobs.push(this.probe(p, t, at >= p.nextSlowAt));
    }
    if (targets !== this.seenTargets) this.forget(targets);
    return Promise.all(jobs).then(() => undefined);
  }

  /** Every route of the given droplets (all in scope when none), now, whatever the schedule or the on/off setting. */
  async probeNow(ids?: readonly number[]): Promise<void> {
    const wanted = ids ? new Set(ids) : null;
    const jobs: Promise<void>[] = [];
    for (const t of this.o.targets()) {
      if (wanted ? !wanted.has(t.id) : !this.inScope(t)) continue;
      const base = this.baseOf(t.endpoint);
      if (!base) continue;
      const p = this.entry(t.id, base, t.endpoint);
      if (!p.inFlight) jobs.push(this.probe(p, t, true));
    }
    await Promise.all(jobs);
  }

  /** Ids whose readings changed since the last call. */
  takeChanged(): number[] {
    const ids = [...this.changed];
    this.changed.clear();
    return ids;
  }

  summaries(): ProbeSummary[] {
    const at = this.now();
    return this.o.targets().map((t) => this.summaryOf(t, at));
  }

  details(target: ProbeTarget): ProbeDetails {
    const p = this.probed.get(target.id);
    const served = p?.capabilities;
    const features = served?.features ?? [];
    return {
      summary: this.summaryOf(target, this.now()),
      endpoint: target.endpoint,
      health: p?.health ?? null,
      capabilities: served ?? null,
      state: p?.state ?? null,
      dependencies: p?.dependencies ?? null,
      routes: p?.routes ?? {},
      restarts: [...(p?.restarts ?? [])].reverse(),
      drift: {
        registeredVersion: target.version,
        servedVersion: served?.version ?? p?.health?.version ?? null,
        notServed: served ? target.capabilities.filter((c) => !features.includes(c)) : [],
        notRegistered: served ? features.filter((f) => !target.capabilities.includes(f)) : [],
      },
      metrics: [...(p?.metricNames ?? [])],
    };
  }

  dependencyMap(): DependencyMap {
    const targets = this.o.targets();
    const byId = new Map(targets.map((t) => [t.id, t]));
    const byName = new Map(targets.map((t) => [t.name.toLowerCase(), t]));
    const missing: DependencyMap['missing'] = [];
    const down = new Map<string, DependencyMap['downDependencies'][number]>();
    let probed = 0;
    let withDependencies = 0;
    for (const t of targets) {
      const p = this.probed.get(t.id);
      if (!p?.dependencies) continue;
      probed += 1;
      const deps = p.dependencies;
      if (deps.required.length || deps.optional.length) withDependencies += 1;
      if (deps.missing.length) missing.push({ id: t.id, name: t.name, missing: deps.missing });
      for (const d of [...deps.required, ...deps.optional]) {
        if (deps.missing.includes(d.name)) continue;
        const held = (d.id !== null ? byId.get(d.id) : undefined) ?? byName.get(d.name.toLowerCase());
        const why = held ? this.downWhy(held) : d.status && d.status !== 'connected' ? `its dependants see it ${d.status}` : null;
        if (!why) continue;
        const key = held ? `#${held.id}` : d.name.toLowerCase();
        const entry = down.get(key) ?? { id: held?.id ?? null, name: held?.name ?? d.name, why, dependants: [] };
        if (!entry.dependants.some((x) => x.id === t.id)) entry.dependants.push({ id: t.id, name: t.name });
        down.set(key, entry);
      }
    }
    missing.sort((a, b) => b.missing.length - a.missing.length || a.id - b.id);
    const downDependencies = [...down.values()].sort((a, b) => b.dependants.length - a.dependants.length || a.name.localeCompare(b.name));
    return { missing, downDependencies, probed, withDependencies };
  }

  private downWhy(t: ProbeTarget): string | null {
    if (t.status === 'inactive' || t.status === 'error') return `${t.status} at the Orchestrator`;
    const p = this.probed.get(t.id);
    if (p?.verdict === 'unreachable') return "its /health does not answer";
    if (p?.health && (p.health.status === 'error' || p.health.status === 'inactive')) return `its /health says ${p.health.status}`;
    return null;
  }

  private inScope(t: ProbeTarget): boolean {
    const s = this.current;
    if (s.scope === 'ids') return s.ids.includes(t.id);
    if (s.scope === 'capability') return t.capabilities.some((c) => s.capabilities.includes(c));
    return true;
  }

  private baseOf(endpoint: string | null): string | null {
    if (endpoint === null) return null;
    let base = this.bases.get(endpoint);
    if (base === undefined) {
      if (this.bases.size >= 100_000) this.bases.clear();
      base = httpBase(endpoint);
      this.bases.set(endpoint, base);
    }
    return base;
  }

  private entry(id: number, base: string, endpoint: string | null): Probed {
    let p = this.probed.get(id);
    if (!p || p.base !== base) {
      p = { id, base, endpoint, health: null, capabilities: null, state: null, dependencies: null, routes: {}, lastAnswerAt: null, silentSince: null, fails: 0, nextFastAt: 0, nextSlowAt: 0, inFlight: false, restarts: [], verdict: 'not_probed', metricNames: p?.metricNames ?? new Set() };
      this.probed.set(id, p);
    }
    return p;
  }

  /** Droplets no longer listed lose their readings. */
  private forget(targets: readonly ProbeTarget[]): void {
    this.seenTargets = targets;
    if (this.probed.size === 0) return;
    const listed = new Set(targets.map((t) => t.id));
    for (const id of this.probed.keys()) if (!listed.has(id)) this.probed.delete(id);
  }

  private probe(p: Probed, t: ProbeTarget, slowToo: boolean): Promise<void> {
    p.inFlight = true;
    return this.pool
      .run(async () => {
        const health = await this.ask(p, 'health', readProbeHealth);
        const at = this.now();
        const fastMs = this.current.fastIntervalSeconds * 1000;
        if (!health) {
          // Unreachable is normal (localhost endpoints of other hosts): back off, don't storm.
          p.fails += 1;
          p.silentSince ??= at;
          p.nextFastAt = at + Math.min(Math.max(MAX_BACKOFF_MS, fastMs), fastMs * 2 ** p.fails);
          this.setVerdict(p, t, 'unreachable', at);
          return;
        }
        p.fails = 0;
        p.silentSince = null;
        p.lastAnswerAt = at;
        p.health = health;
        p.nextFastAt = nextSlot(p.id, at, fastMs);
        const state = await this.ask(p, 'state', readProbeState);
        if (state) this.takeState(p, state, this.now());
        if (slowToo) {
          p.nextSlowAt = at + this.current.slowIntervalSeconds * 1000;
          const caps = await this.ask(p, 'capabilities', readProbeCapabilities);
          if (caps) p.capabilities = caps;
          const deps = await this.ask(p, 'dependencies', readProbeDependencies);
          if (deps) p.dependencies = deps;
        }
        this.setVerdict(p, t, health.status === 'active' ? 'answering' : 'degraded', this.now());
      })
      .finally(() => {
        p.inFlight = false;
        this.changed.add(p.id);
      });
  }

  private async ask<T>(p: Probed, route: ProbeRoute, read: (body: unknown) => RouteRead<T>): Promise<T | null> {
    const at = this.now();
    const answer = await this.o.get(`${p.base}/${route}`);
    if (!answer.ok) {
      p.routes[route] = { at, ok: false, error: answer.error, ms: null };
      return null;
    }
    const parsed = parseRouteBody(answer.text);
    const reading = parsed.ok ? read(parsed.value) : parsed;
    p.routes[route] = reading.ok ? { at, ok: true, error: null, ms: answer.ms } : { at, ok: false, error: reading.error.message, ms: answer.ms };
    return reading.ok ? reading.value : null;
  }

  private takeState(p: Probed, state: ProbeState, at: number): void {
    const before = p.state?.uptimeSeconds;
    if (before != null && state.uptimeSeconds != null && state.uptimeSeconds < before) {
      p.restarts.push(at);
      if (p.restarts.length > RESTARTS_KEPT) p.restarts.shift();
      this.o.onRestart?.({ id: p.id, at, uptimeBefore: before, uptimeNow: state.uptimeSeconds });
    }
    p.state = state;
    const values: Record<string, number> = {};
    const put = (name: string, v: number | null): void => {
      if (v === null) return;
      const key = `${PROBE_METRIC_PREFIX}${name}`;
      if (!p.metricNames.has(key) && p.metricNames.size >= METRIC_NAMES_MAX) return;
      p.metricNames.add(key);
      values[key] = v;
    };
    put('requests_per_minute', state.requestsPerMinute);
    put('errors_last_hour', state.errorsLastHour);
    put('cpu_percent', state.cpuPercent);
    put('memory_mb', state.memoryMb);
    put('uptime_seconds', state.uptimeSeconds);
    put('requests_total', state.requestsTotal);
    for (const [k, v] of Object.entries(state.custom)) put(k, v);
    if (Object.keys(values).length) this.o.onRecord?.(p.id, at, values);
  }

  private setVerdict(p: Probed, t: ProbeTarget, verdict: ProbeVerdict, at: number): void {
    if (p.verdict === verdict) return;
    const from = p.verdict;
    p.verdict = verdict;
    this.o.onProbeChange?.({ id: p.id, from, to: verdict, at, orchestratorStatus: t.status });
  }

  private summaryOf(t: ProbeTarget, at: number): ProbeSummary {
    const p = this.probed.get(t.id);
    const base = { id: t.id, healthStatus: null, lastAnswerAt: null, silentSince: null, disagreement: null, lastRestartAt: null };
    if (!httpBase(t.endpoint)) return { ...base, verdict: 'not_probed', note: t.endpoint ? 'its endpoint is not an http(s) URL' : 'it registered no endpoint' };
    if (!p || p.verdict === 'not_probed') {
      const note = !this.current.enabled ? 'probing is off for this profile' : !this.inScope(t) ? 'outside the probe scope' : 'not probed yet';
      return { ...base, verdict: 'not_probed', note };
    }
    const healthRoute = p.routes.health;
    return {
      id: t.id,
      verdict: p.verdict,
      note: p.verdict === 'unreachable' ? (healthRoute?.error ?? null) : (p.health?.message ?? null),
      healthStatus: p.verdict === 'unreachable' ? null : (p.health?.status ?? null),
      lastAnswerAt: p.lastAnswerAt,
      silentSince: p.silentSince,
      disagreement: disagreement(t.status, p, at),
      lastRestartAt: p.restarts.at(-1) ?? (p.state?.lastRestart ? Date.parse(p.state.lastRestart) : null),
    };
  }
}

function disagreement(status: DropletStatus, p: Probed, at: number): string | null {
  if (p.verdict === 'unreachable') {
    if (status !== 'active') return null;
    return `Orchestrator: active; droplet's /health: no answer for ${duration(at - (p.silentSince ?? at))}`;
  }
  const h = p.health?.status;
  if ((status === 'inactive' || status === 'error') && h === 'active') return `${status} at the Orchestrator but its /health answers`;
  if (status === 'active' && (h === 'inactive' || h === 'error')) return `Orchestrator: active; droplet's /health: ${h}`;
  return null;
}

/**
 * When a droplet that answered at `at` is next due: never later than one interval on, and each
 * time up to half an interval earlier until it falls on its own slot in the interval (its id's
 * golden-ratio fraction of it). A round that started as one burst (launch, new settings) so
 * spreads evenly within two intervals and stays spread: ~17 droplets a second for 1,000 at 60 s
 * instead of all of them queueing in the pool at once, which held main's thread for a stretch
 * every minute.
 */
export function nextSlot(id: number, at: number, intervalMs: number): number {
  const slot = ((id * GOLDEN_RATIO_FRACTION) % 1) * intervalMs;
  const past = (((at + intervalMs - slot) % intervalMs) + intervalMs) % intervalMs;
  return at + intervalMs - Math.min(past, intervalMs / 2);
}
const GOLDEN_RATIO_FRACTION = 0.6180339887498949;

/** "40 s", "3 min", "2 h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

/** The endpoint without a trailing slash when it is an http(s) URL; null otherwise. */
export function httpBase(endpoint: string | null): string | null {
  if (!endpoint) return null;
  try {
    const u = new URL(endpoint);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username || u.password) return null; // credentials in a URL would be sent: not probed
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}
