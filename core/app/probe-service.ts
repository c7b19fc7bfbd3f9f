/**
 * One profile's probing: the fleet as the polls last showed it (what the prober probes and
 * judges disagreement against), the prober on a one-second tick, its settings file, the
 * `probesChanged` event, and hooks for the attention engine (onProbeChange, onRestart).
 */
import type { HandlersFor, probeMethods } from '../../shared/ipc-contract';
import type { FleetUpdate } from '../../shared/fleet-update';
import type { Droplet, DropletStatus } from '../../shared/model';
import { ProbeSettingsSchema, type ProbeSettings } from '../../shared/probe';
import type { MetricHistory } from '../history/metric-history';
import { ChangeBatch } from '../probes/change-batch';
import { Prober, type ProbeChange, type ProbeTarget, type RestartSeen } from '../probes/prober';
import { loadProbeSettings, saveProbeSettings } from '../probes/probe-settings-file';
import { createRouteClient, type RouteGet } from '../probes/route-get';
import { workerRouteClient } from '../probes/worker-route-client';
import { OrchestratorError } from '../orchestrator/errors';

export type ProbeHandlers = HandlersFor<keyof typeof probeMethods>;

export interface ProbeHooks {
  /** A droplet's probe verdict changed (answering, degraded, unreachable). Returns the unsubscribe. */
  onProbeChange(listener: (change: ProbeChange) => void): () => void;
  /** A droplet's uptime went down between two probes. */
  onRestart(listener: (restart: RestartSeen) => void): () => void;
}

export interface ProbeServiceOptions {
  dataDir?: string;
  embeddedSandbox: boolean;
  history: MetricHistory;
  emitChanged: (ids: number[]) => void;
  now?: () => number;
  /** Defaults: 16 at once, 3 s, 256 KB. */
  poolSize?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** Replaces the HTTP client (tests, the bench). */
  get?: RouteGet;
  /** GET in a worker thread started from this file (the built route-worker.js, or its .ts under tsx); on main's thread when absent. */
  workerFile?: string;
  /** How often due probes are started (default 1000 ms); 0 for never (the caller runs them). */
  tickMs?: number;
}

export interface ProbeService {
  handlers: ProbeHandlers;
  hooks: ProbeHooks;
  prober: Prober;
  readonly warning: string | null;
  /** A poll's answer: `filtered` when it was asked with filters (a part of the fleet only). */
  noteFleet(update: FleetUpdate, filtered: boolean): void;
  noteDroplet(d: Droplet): void;
  /** A status the live feed pushed (between polls): disagreement is judged against it. */
  noteStatus(id: number, status: DropletStatus): void;
  close(): void;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;
export const DEFAULT_PROBE_MAX_BYTES = 256 * 1024;
/** Readings alone reach the window at most this often (a verdict change at the next tick). */
export const PROBES_CHANGED_EVERY_MS = 10_000;

export async function createProbeService(o: ProbeServiceOptions): Promise<ProbeService> {
  const { settings, warning } = await loadProbeSettings(o.dataDir, o.embeddedSandbox);
  const poolSize = o.poolSize ?? 16;
  const clientOptions = { timeoutMs: o.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, maxBytes: o.maxBytes ?? DEFAULT_PROBE_MAX_BYTES, maxSockets: poolSize };
  const routes = o.get ? null : o.workerFile ? workerRouteClient(o.workerFile, clientOptions) : createRouteClient({ ...clientOptions, now: o.now });
  const fleet = new Map<number, ProbeTarget>();
  let targets: ProbeTarget[] = [];
  let targetsStale = false;
  const list = (): ProbeTarget[] => {
    if (targetsStale) targets = [...fleet.values()];
    targetsStale = false;
    return targets;
  };
  const changeListeners = new Set<(c: ProbeChange) => void>();
  const restartListeners = new Set<(r: RestartSeen) => void>();
  const now = o.now ?? Date.now;
  const batch = new ChangeBatch(PROBES_CHANGED_EVERY_MS);
  const prober = new Prober({
    targets: list,
    get: o.get ?? routes!.get,
    settings,
    poolSize,
    now: o.now,
    onRecord: (id, at, values) => o.history.recordProbe(id, at, values),
    onProbeChange: (c) => {
      batch.add([c.id], true);
      changeListeners.forEach((l) => safely(() => l(c)));
    },
    onRestart: (r) => {
      batch.add([r.id], true);
      restartListeners.forEach((l) => safely(() => l(r)));
    },
  });

  const tickMs = o.tickMs ?? 1000;
  const timer =
    tickMs > 0
      ? setInterval(() => {
          void prober.runDue();
          batch.add(prober.takeChanged());
          const ids = batch.take(now());
          if (ids) o.emitChanged(ids);
        }, tickMs)
      : null;
  timer?.unref?.();

  const put = (d: ProbeTarget): void => {
    fleet.set(d.id, { id: d.id, name: d.name, endpoint: d.endpoint, status: d.status, capabilities: d.capabilities, version: d.version });
    targetsStale = true;
  };

  const handlers: ProbeHandlers = {
    getProbeSummary: async () => prober.summaries(),
    getProbeDetails: async ({ id }) => {
      const target = fleet.get(id);
      if (!target) throw new OrchestratorError({ kind: 'not_found', message: `Droplet ${id} is not in the fleet Steward last read.`, hint: 'Refresh the fleet, then try again.' });
      return prober.details(target);
    },
    getDependencyMap: async () => prober.dependencyMap(),
    getProbeSettings: async () => prober.settings,
    setProbeSettings: async (change) => {
      const next: ProbeSettings = ProbeSettingsSchema.parse({ ...prober.settings, ...change });
      await saveProbeSettings(o.dataDir, next);
      prober.setSettings(next);
      return next;
    },
    probeNow: async (input) => {
      await prober.probeNow(input?.ids);
      const wanted = input?.ids ? new Set(input.ids) : null;
      return prober.summaries().filter((s) => (wanted ? wanted.has(s.id) : s.verdict !== 'not_probed'));
    },
  };

  return {
    handlers,
    prober,
    warning,
    hooks: {
      onProbeChange: (l) => (changeListeners.add(l), () => void changeListeners.delete(l)),
      onRestart: (l) => (restartListeners.add(l), () => void restartListeners.delete(l)),
    },
    noteFleet(update, filtered) {
      if (update.base === null && !filtered) {
        fleet.clear();
        targetsStale = true;
      }
      for (const d of update.droplets) put(d);
      for (const p of update.patches) {
        // Most patches are a beat and its metrics, which a probe target does not hold: copying
        // 1,600 droplets a poll for them cost main ~7 ms at 10,000.
        if (p.name === undefined && p.endpoint === undefined && p.status === undefined && p.capabilities === undefined && p.version === undefined) continue;
        const held = fleet.get(p.id);
        if (held) put({ ...held, ...definedOf(p) });
      }
      if (!filtered) for (const id of update.removed) if (fleet.delete(id)) targetsStale = true;
    },
    noteDroplet: (d: Droplet) => put(d),
    noteStatus(id, status) {
      const held = fleet.get(id);
      if (held && held.status !== status) put({ ...held, status });
    },
    close() {
      if (timer) clearInterval(timer);
      routes?.close();
      changeListeners.clear();
      restartListeners.clear();
    },
  };
}

function definedOf<T extends object>(patch: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(patch) as (keyof T)[]) if (patch[k] !== undefined) out[k] = patch[k];
  return out;
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A broken listener must not stop probing.
  }
}
