/**
 * The sandbox Orchestrator: a real HTTP + WebSocket server on 127.0.0.1 that speaks the guide
 * dialect (default) or the deployed one, with a store, a liveness monitor, an optional
 * simulated fleet and fault injection. Used by `npm run sandbox`, the tests, and the app's
 * embedded default profile.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireDialect } from '../shared/model';
import { createAuthenticator } from './auth';
import { createDeployedDialect } from './dialects/deployed';
import { createGuideDialect } from './dialects/guide';
import { Faults } from './faults';
import { startFleet, type Fleet } from './fleet';
import { startDropletRoutes, type DropletRoutes } from './droplet-routes';
import { createHostCheck, LISTEN_ADDRESS, type HostCheck } from './host-check';
import type { InfoDeps } from './info';
import { generateKeyPair } from './keys';
import { startMonitor } from './monitor';
import { createPrng, deriveSeed } from './prng';
import { createRequestHandler } from './server';
import { SandboxStore } from './store';
import { attachLiveChannel } from './ws';

export { generateKeyPair, type KeyAlgorithm, type PemKeyPair } from './keys';
export { SandboxStore, type StoredDroplet, type StatusChangeEvent, type HeartbeatEntry } from './store';

export interface SandboxOptions {
  /** 0 = pick a free port (the default here; the CLI defaults to 8010). */
  port?: number;
  dialect?: WireDialect;
  /** Trusted public key (SPKI PEM, RSA or EC P-256). Absent: a pair is generated and exposed. */
  publicKeyPem?: string;
  /** Simulated droplets, ids from 100 upward. Default 0. */
  fleet?: number;
  /** Fleet beat period in seconds. Default 60. */
  beatSeconds?: number;
  /** Minutes of 1-minute beats seeded per simulated droplet. Default 60 when fleet > 0. */
  seedHistoryMinutes?: number;
  /** Silence after which an `active` droplet becomes `inactive`. Default 90. */
  inactiveAfterSeconds?: number;
  /** Liveness sweep interval. Default 5000 (guide) or 60000 (deployed, as recorded). */
  monitorIntervalMs?: number;
  /** WebSocket ping interval. Default 30000. */
  pingIntervalMs?: number;
  latencyMs?: number;
  errorRate?: number;
  /** Makes the fleet and fault rolls repeatable. */
  seed?: number;
  /**
   * Serve the simulated droplets' own UDC routes (/health, /state, ...) on a second server and
   * register them there. Default true when fleet > 0.
   */
  dropletRoutes?: boolean;
  /** Clock for tests, epoch ms. Timers still run on real time; they read this clock. */
  now?: () => number;
  /**
   * How far a token's `iat` may be ahead of this clock. Default 60 s; Infinity models an
   * Orchestrator that does not check it (the deployed one, through python-jose).
   */
  iatLeewaySeconds?: number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  dialect: WireDialect;
  publicKeyPem: string;
  /** Set when the sandbox generated the pair. */
  privateKeyPem: string | null;
  store: SandboxStore;
  /** The simulated droplets' own routes, when served. */
  dropletRoutes: DropletRoutes | null;
  setFaults(f: { latencyMs?: number; errorRate?: number }): void;
  /** A simulated droplet stops beating (no-op for ids that are not simulated). */
  silence(dropletId: number): void;
  /** Stops server, WebSocket, monitor, fleet and timers. Idempotent. */
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const dialectName: WireDialect = opts.dialect ?? 'guide';
  const now = opts.now ?? Date.now;
  const fleetSize = checkedInt('fleet', opts.fleet ?? 0, 0);
  const beatMs = positive('beatSeconds', opts.beatSeconds ?? 60) * 1000;
  const inactiveAfterMs = positive('inactiveAfterSeconds', opts.inactiveAfterSeconds ?? 90) * 1000;
  const monitorIntervalMs = positive('monitorIntervalMs', opts.monitorIntervalMs ?? (dialectName === 'deployed' ? 60_000 : 5_000));
  const pingIntervalMs = positive('pingIntervalMs', opts.pingIntervalMs ?? 30_000);
  const seedHistoryMinutes = checkedInt('seedHistoryMinutes', opts.seedHistoryMinutes ?? (fleetSize > 0 ? 60 : 0), 0);

  const generated = opts.publicKeyPem === undefined ? await generateKeyPair('RS256') : null;
  const publicKeyPem = generated?.publicKeyPem ?? opts.publicKeyPem ?? '';
  const auth = createAuthenticator(publicKeyPem, dialectName, now, opts.iatLeewaySeconds);

  const store = new SandboxStore();
  const faults = new Faults(createPrng(deriveSeed(opts.seed, 1)), { latencyMs: opts.latencyMs, errorRate: opts.errorRate });
  const dialect = dialectName === 'deployed' ? createDeployedDialect({ store, now }) : createGuideDialect({ store, now });

  let url = '';
  // Set once the port is known; nothing arrives before listen() resolves.
  let hostCheck: HostCheck = () => false;
  const isOwnHost: HostCheck = (host) => hostCheck(host);
  const server: Server = createServer();
  const live = attachLiveChannel({ server, auth, dialect, store, pingIntervalMs, isOwnHost });
  const info: InfoDeps = { store, now, startedAt: now(), url: () => url, formatTime: dialect.formatTime, liveConnections: live.connections };
  server.on('request', createRequestHandler({ dialect, auth, faults, info, isOwnHost }));

  try {
    await listen(server, checkedInt('port', opts.port ?? 0, 0, 65535));
  } catch (e) {
    live.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  url = `http://${LISTEN_ADDRESS}:${port}`;
  hostCheck = createHostCheck(LISTEN_ADDRESS, port);

  let routes: DropletRoutes | null = null;
  try {
    routes = fleetSize > 0 && opts.dropletRoutes !== false ? await startDropletRoutes({ store, now }) : null;
  } catch (e) {
    live.close();
    server.close();
    throw e;
  }
  const fleet: Fleet | null =
    fleetSize > 0 ? startFleet({ store, now, rng: createPrng(deriveSeed(opts.seed, 0)), count: fleetSize, beatMs, seedHistoryMinutes, routes: routes ?? undefined }) : null;
  const monitor = startMonitor({ store, now, inactiveAfterMs, intervalMs: monitorIntervalMs });
  monitor.sweep(); // droplets seeded as already silent show inactive from the first request

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    dialect: dialectName,
    publicKeyPem,
    privateKeyPem: generated?.privateKeyPem ?? null,
    store,
    dropletRoutes: routes,
    setFaults: (f) => faults.set(f),
    silence: (id) => void fleet?.silence(id),
    close() {
      closing ??= Promise.all([
        routes?.close(),
        new Promise<void>((resolve) => {
          fleet?.stop();
          monitor.stop();
          live.close();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]).then(() => undefined);
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LISTEN_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

function checkedInt(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}
