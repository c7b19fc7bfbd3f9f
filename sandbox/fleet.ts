/**
 * The simulated fleet: droplets that heartbeat straight into the store with plausible,
 * slowly varying metrics. Every 10th flaps (reports `error`, then recovers); every 12th goes
 * silent (some before the sandbox starts, some a few beats in) so the monitor times it out.
 * On start each droplet gets the last N minutes of 1-minute beats, so charts are never empty.
 */
import type { Metrics } from '../shared/model';
import { makeIdentities, type SimIdentity } from './fleet-catalog';
import type { Prng } from './prng';
import type { SandboxStore } from './store';
import { traitsOf, type DropletRoutes } from './droplet-routes';

type Behaviour = 'steady' | 'flappy' | 'silent';

interface SimDroplet {
  identity: SimIdentity;
  behaviour: Behaviour;
  /** When it stops beating (epoch ms); null for never. */
  silentAt: number | null;
  silent: boolean;
  inError: boolean;
  nextBeatAt: number;
  baseCpu: number;
  baseMemoryMb: number;
  baseRequests: number;
  wavePeriodMs: number;
  wavePhase: number;
}

export interface FleetOptions {
  store: SandboxStore;
  now: () => number;
  rng: Prng;
  count: number;
  beatMs: number;
  seedHistoryMinutes: number;
  /** The droplets' own routes; their endpoints point there when given. */
  routes?: DropletRoutes;
}

export interface Fleet {
  /** Stop a simulated droplet's beats; false when the id is not simulated. */
  silence(id: number): boolean;
  stop(): void;
}

const MINUTE = 60_000;

export function startFleet({ store, now, rng, count, beatMs, seedHistoryMinutes, routes }: FleetOptions): Fleet {
  const start = now();
  const sims = makeIdentities(count, rng, routes?.endpointFor).map((identity, i) => createSim(identity, i, rng, start, beatMs, seedHistoryMinutes));
  routes?.add(sims.map((s, i) => ({ identity: s.identity, traits: traitsOf(i, s.behaviour === 'silent') })));
  const byId = new Map(sims.map((s) => [s.identity.id, s]));

  for (const sim of sims) seed(sim, store, rng, start, seedHistoryMinutes);

  const tick = (): void => {
    const at = now();
    for (const sim of sims) {
      if (sim.silent) continue;
      if (sim.silentAt !== null && at >= sim.silentAt) {
        sim.silent = true;
        continue;
      }
      if (at < sim.nextBeatAt) continue;
      beat(sim, store, rng, at);
      // ±10% jitter keeps beats spread over the period instead of bunching up.
      sim.nextBeatAt = Math.max(sim.nextBeatAt + beatMs * rng.float(0.9, 1.1), at + beatMs * 0.5);
    }
  };
  const timer = setInterval(tick, Math.min(1000, Math.max(10, beatMs / 4)));
  timer.unref();

  return {
    silence(id) {
      const sim = byId.get(id);
      if (!sim) return false;
      sim.silent = true;
      return true;
    },
    stop: () => clearInterval(timer),
  };
}

function createSim(identity: SimIdentity, index: number, rng: Prng, start: number, beatMs: number, seedMinutes: number): SimDroplet {
  const behaviour: Behaviour = index % 10 === 3 ? 'flappy' : index % 12 === 6 ? 'silent' : 'steady';
  let silentAt: number | null = null;
  if (behaviour === 'silent') {
    // Half were already down before the sandbox started (if there is history to show it).
    silentAt = seedMinutes > 6 && rng.chance(0.5) ? start - rng.int(3, Math.min(30, seedMinutes - 1)) * MINUTE : start + rng.int(2, 6) * beatMs;
  }
  return {
    identity,
    behaviour,
    silentAt,
    silent: silentAt !== null && silentAt <= start,
    inError: false,
    nextBeatAt: start + rng.float(0.05, 1) * beatMs,
    baseCpu: rng.float(4, 55),
    baseMemoryMb: Math.round(rng.pick([256, 512, 1024, 2048]) * rng.float(0.35, 0.85)),
    baseRequests: rng.int(15, 1800),
    wavePeriodMs: rng.int(20, 90) * MINUTE,
    wavePhase: rng.float(0, 2 * Math.PI),
  };
}

/** Register the droplet in the past and replay 1-minute beats up to now (or until it fell silent). */
function seed(sim: SimDroplet, store: SandboxStore, rng: Prng, start: number, minutes: number): void {
  const { id, name, steward, endpoint, capabilities, version } = sim.identity;
  const registeredAt = minutes > 0 ? start - minutes * MINUTE - rng.int(5, 14 * 24 * 60) * MINUTE : start;
  store.register({ id, name, steward, endpoint, capabilities, version, status: 'active' }, registeredAt, { countsAsHeartbeat: false });
  for (let k = minutes; k >= 1; k -= 1) {
    const at = sim.nextBeatAt - k * MINUTE;
    if (at >= start || (sim.silentAt !== null && at >= sim.silentAt)) continue;
    beat(sim, store, rng, at);
  }
}

function beat(sim: SimDroplet, store: SandboxStore, rng: Prng, at: number): void {
  if (sim.behaviour !== 'silent') {
    // Flappers fail often and recover fast; steady droplets almost never fail.
    if (sim.inError) sim.inError = !rng.chance(sim.behaviour === 'flappy' ? 0.5 : 0.35);
    else sim.inError = rng.chance(sim.behaviour === 'flappy' ? 0.12 : 0.002);
  }
  const status = sim.inError ? 'error' : 'active';
  store.heartbeat(sim.identity.id, status, metricsAt(sim, rng, at), at);
}

function metricsAt(sim: SimDroplet, rng: Prng, at: number): Metrics {
  const wave = Math.sin((2 * Math.PI * at) / sim.wavePeriodMs + sim.wavePhase);
  const cpu = sim.baseCpu * (1 + 0.35 * wave) + rng.gauss() * 2.5 + (sim.inError ? 30 : 0);
  const requests = Math.max(0, Math.round(sim.baseRequests * (1 + 0.4 * wave) * (sim.inError ? 0.4 : 1) + rng.gauss() * sim.baseRequests * 0.04));
  const errors = sim.inError ? Math.round(requests * rng.float(0.05, 0.3)) + 1 : rng.chance(0.08) ? rng.int(1, 3) : 0;
  return {
    cpu_percent: Math.round(Math.min(100, Math.max(0, cpu)) * 10) / 10,
    memory_mb: Math.max(16, Math.round(sim.baseMemoryMb * (1 + 0.06 * wave) + rng.gauss() * sim.baseMemoryMb * 0.01)),
    requests_last_minute: requests,
    errors_last_minute: errors,
  };
}
