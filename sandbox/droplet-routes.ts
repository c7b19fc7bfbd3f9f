/**
 * The simulated droplets' own UDC routes (spec udc-droplet-routes.md), served by one server on
 * 127.0.0.1 and routed per droplet: `http://127.0.0.1:PORT/d/<id>/health` and so on. Every
 * simulated droplet registers that base as its endpoint. Half answer in shape A (the UDC
 * standard text), half in shape B (the deployed Orchestrator's own routes); some are degraded,
 * some restart every few minutes, some miss a dependency, some never answer (the connection is
 * cut, as `localhost` endpoints of other hosts are), and some stopped beating but still answer.
 * Tests can change one droplet's behaviour and watch every request's headers.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LISTEN_ADDRESS } from './host-check';
import type { SimIdentity } from './fleet-catalog';
import type { SandboxStore } from './store';

/** How one droplet's routes answer. The last five are for tests. */
export type RouteMode = 'normal' | 'unreachable' | 'hang' | 'redirect' | 'huge' | 'not-json' | 'server-error';

export interface RouteTraits {
  shape: 'A' | 'B';
  mode: RouteMode;
  degraded: boolean;
  /** Restarts every this many ms (uptime falls back to 0); null for never. */
  restartEveryMs: number | null;
  /** Required dependencies it reports missing. */
  missing: string[];
}

/** What the simulated droplet with this index (0 for the first) is like; `silent` ones stopped beating. */
export function traitsOf(index: number, silent: boolean): RouteTraits {
  // Of the droplets that stopped beating, every other one still answers: the Orchestrator and
  // the droplet disagree. A few beating ones never answer (their /health is out of reach).
  const unreachable = silent ? index % 24 === 6 : index % 15 === 1;
  return {
    shape: index % 2 === 0 ? 'A' : 'B',
    mode: unreachable ? 'unreachable' : 'normal',
    degraded: index % 9 === 4,
    restartEveryMs: index % 8 === 5 ? (4 + (index % 3)) * 60_000 : null,
    missing: index % 7 === 2 ? ['mail-relay'] : [],
  };
}

/** Service -> what it requires and may use, by service name (resolved to a droplet of that service). */
const NEEDS: Readonly<Record<string, { required: string[]; optional: string[] }>> = {
  'billing-api': { required: ['auth-gateway', 'ledger-sync'], optional: ['notify-hub'] },
  'auth-gateway': { required: [], optional: ['cache-warmer'] },
  'search-indexer': { required: ['inventory-api'], optional: ['cache-warmer'] },
  'media-transcoder': { required: ['task-runner'], optional: [] },
  'notify-hub': { required: ['auth-gateway'], optional: [] },
  'ledger-sync': { required: ['auth-gateway'], optional: ['report-builder'] },
  'report-builder': { required: ['ledger-sync', 'task-runner'], optional: [] },
  'geo-lookup': { required: [], optional: ['cache-warmer'] },
  'task-runner': { required: ['auth-gateway'], optional: ['metrics-relay'] },
  'cache-warmer': { required: [], optional: [] },
  'metrics-relay': { required: [], optional: [] },
  'inventory-api': { required: ['auth-gateway'], optional: ['search-indexer'] },
};

export interface RouteRequestSeen {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface DropletRoutes {
  url: string;
  /** The endpoint a droplet registers: the server's base for it. */
  endpointFor(id: number): string;
  /** Add the simulated droplets once their identities are known. */
  add(members: readonly { identity: SimIdentity; traits: RouteTraits }[]): void;
  /** Change how one droplet answers (tests). */
  setMode(id: number, mode: RouteMode): void;
  traits(id: number): RouteTraits | undefined;
  /** Every request as it arrives (tests check no Authorization header ever comes). */
  onRequest(listener: (seen: RouteRequestSeen) => void): () => void;
  close(): Promise<void>;
}

interface Member {
  identity: SimIdentity;
  traits: RouteTraits;
  bootAt: number;
  /** Required and optional dependencies as droplet names (the first droplet of each service). */
  required: SimIdentity[];
  optional: SimIdentity[];
  features: string[];
  servedVersion: string;
}

const ROUTE = /^\/d\/(\d{1,9})\/(health|capabilities|state|dependencies)$/;
export const HUGE_BYTES = 1024 * 1024;

export async function startDropletRoutes(o: { store: SandboxStore; now: () => number }): Promise<DropletRoutes> {
  const members = new Map<number, Member>();
  const listeners = new Set<(seen: RouteRequestSeen) => void>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    for (const l of listeners) l({ path, headers: req.headers });
    const m = ROUTE.exec(path);
    const member = m ? members.get(Number(m[1])) : undefined;
    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    if (!m || !member || req.method !== 'GET') return send(404, JSON.stringify({ detail: 'Not Found' }));
    switch (member.traits.mode) {
      case 'unreachable':
        return void req.socket.destroy();
      case 'hang':
        return; // never answers; closed with the server
      case 'redirect':
        return send(307, '', { location: `http://example.invalid/d/${member.identity.id}/${m[2]}` });
      case 'huge':
        return send(200, `{"status":"active","pad":"${'x'.repeat(HUGE_BYTES)}"}`);
      case 'not-json':
        return send(200, '<html>oops</html>', { 'content-type': 'text/html' });
      case 'server-error':
        return send(500, JSON.stringify({ detail: 'Internal Server Error' }));
      default:
        return send(200, JSON.stringify(answer(member, m[2]!, o.store, o.now())));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LISTEN_ADDRESS, () => resolve());
  });
  const url = `http://${LISTEN_ADDRESS}:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | null = null;
  return {
    url,
    endpointFor: (id) => `${url}/d/${id}`,
    add(list) {
      const firstOf = new Map<string, SimIdentity>();
      for (const { identity } of list) {
        const service = serviceOf(identity.name);
        if (!firstOf.has(service)) firstOf.set(service, identity);
      }
      const start = o.now();
      list.forEach(({ identity, traits }, i) => {
        const needs = NEEDS[serviceOf(identity.name)] ?? { required: [], optional: [] };
        const resolve = (names: string[]): SimIdentity[] => names.map((n) => firstOf.get(n)).filter((d): d is SimIdentity => d !== undefined && d.id !== identity.id);
        // One droplet in eleven runs another version than it registered, and serves a feature more.
        const drifted = i % 11 === 7;
        members.set(identity.id, {
          identity,
          traits,
          bootAt: start - ((i * 7919) % 86_400) * 1000 - 60_000,
          required: resolve(needs.required),
          optional: resolve(needs.optional),
          features: drifted ? [...identity.capabilities, 'beta_api'] : identity.capabilities,
          servedVersion: drifted ? bump(identity.version) : identity.version,
        });
      });
    },
    setMode(id, mode) {
      const m = members.get(id);
      if (m) m.traits = { ...m.traits, mode };
    },
    traits: (id) => members.get(id)?.traits,
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function answer(m: Member, route: string, store: SandboxStore, now: number): unknown {
  const held = store.get(m.identity.id);
  const { shape } = m.traits;
  const status = m.traits.degraded ? 'degraded' : held?.status === 'error' ? (shape === 'A' ? 'degraded' : 'error') : 'active';
  const uptimeMs = m.traits.restartEveryMs ? (now - m.bootAt) % m.traits.restartEveryMs : now - m.bootAt;
  const uptime = Math.floor(uptimeMs / 1000);
  const metrics = held?.latestMetrics ?? {};
  const n = (k: string): number => (typeof metrics[k] === 'number' ? (metrics[k] as number) : 0);
  const missing = m.traits.missing;
  switch (route) {
    case 'health':
      return shape === 'A'
        ? { status, service: m.identity.name, version: m.servedVersion, timestamp: new Date(now).toISOString() }
        : { id: m.identity.id, name: m.identity.name, steward: m.identity.steward, status, endpoint: m.identity.endpoint, updated_at: new Date(now).toISOString().replace('Z', '') };
    case 'capabilities':
      return { version: m.servedVersion, features: m.features, dependencies: [...m.required, ...m.optional].map((d) => d.name).concat(missing), udc_version: '1.0', ...(shape === 'A' ? { metadata: {} } : {}) };
    case 'state':
      return shape === 'A'
        ? {
            uptime_seconds: uptime,
            requests_total: Math.round(n('requests_last_minute') * (uptime / 60)),
            requests_per_minute: n('requests_last_minute'),
            errors_last_hour: n('errors_last_minute') * 60,
            last_restart: new Date(now - uptimeMs).toISOString(),
          }
        : {
            cpu_percent: n('cpu_percent'),
            memory_mb: n('memory_mb'),
            uptime_seconds: uptime,
            custom_metrics: { queue_depth: Math.round(n('requests_last_minute') / 40), num_threads: 8 + (m.identity.id % 9) },
          };
    case 'dependencies': {
      const linked = (d: SimIdentity) => {
        const st = store.get(d.id)?.status;
        return { id: d.id, name: d.name, status: st === 'active' ? 'connected' : 'disconnected', last_check: new Date(now).toISOString() };
      };
      return shape === 'A'
        ? { required: [...m.required.map((d) => d.name), ...missing], optional: m.optional.map((d) => d.name), missing }
        : { required: [...m.required.map(linked), ...missing.map((name) => ({ id: null, name, status: 'missing' }))], optional: m.optional.map(linked), missing };
    }
    default:
      return {};
  }
}

/** `billing-api-3` -> `billing-api`. */
function serviceOf(name: string): string {
  return name.replace(/-\d+$/, '');
}

function bump(version: string): string {
  const parts = version.split('.').map(Number);
  return parts.length === 3 && parts.every(Number.isFinite) ? `${parts[0]}.${parts[1]}.${(parts[2] ?? 0) + 1}` : `${version}+1`;
}
