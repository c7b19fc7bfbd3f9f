/**
 * One GET of a droplet's own route over node:http(s) with keep-alive agents: a deadline for the
 * whole exchange, no redirects (a 3xx is an answer to report, not a place to go), a cap on the
 * body, and no credentials of any kind: the only headers sent are Accept and User-Agent, so
 * neither the Orchestrator's token nor any Authorization header can reach a droplet.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { formatBytes } from '../../shared/format-bytes';
import { DeadlineQueue } from './deadline-queue';

export type RouteAnswer = { ok: true; text: string; ms: number } | { ok: false; error: string; ms: number };

export interface RouteGetOptions {
  timeoutMs: number;
  maxBytes: number;
}

/** GETs a URL and answers the body text or why there is none, in words; never throws. */
export type RouteGet = (url: string) => Promise<RouteAnswer>;

/** The only headers a probe ever sends. */
export const PROBE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ accept: 'application/json', 'user-agent': 'Steward-probe' });

export interface RouteClient {
  get: RouteGet;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

/** A URL made ready to request once: parsing it for every GET was a share of each GET's cost. */
type PreparedRoute = { ok: true; https: boolean; options: RequestOptions } | { ok: false; error: string };

/** Droplets x routes fit many times over; past it the cache starts again rather than grow. */
const PREPARED_MAX = 20_000;

export function createRouteClient(o: RouteGetOptions & { maxSockets: number; now?: () => number }): RouteClient {
  const now = o.now ?? Date.now;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: o.maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: o.maxSockets }),
  };
  const secs = `${Math.round(o.timeoutMs / 100) / 10} s`;
  const deadlines = new DeadlineQueue(o.timeoutMs);
  const prepared = new Map<string, PreparedRoute>();

  const prepare = (url: string): PreparedRoute => {
    let route = prepared.get(url);
    if (route) return route;
    route = prepareRoute(url, agents);
    if (prepared.size >= PREPARED_MAX) prepared.clear();
    prepared.set(url, route);
    return route;
  };

  const get: RouteGet = (url) =>
    new Promise((resolve) => {
      const started = now();
      let done = false;
      let cancelDeadline: (() => void) | null = null;
      const finish = (a: { ok: true; text: string } | { ok: false; error: string }): void => {
        if (done) return;
        done = true;
        cancelDeadline?.();
        resolve({ ...a, ms: now() - started });
      };
      const route = prepare(url);
      if (!route.ok) return finish(route);
      const req = (route.https ? httpsRequest : httpRequest)(route.options, (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return finish({ ok: false, error: `redirected (HTTP ${status}); redirects are not followed` });
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return finish({ ok: false, error: `HTTP ${status}` });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > o.maxBytes) {
            finish({ ok: false, error: `the answer is larger than ${formatBytes(o.maxBytes)}` });
            req.destroy();
            return;
          }
          chunks.push(c);
        });
        // A droplet's answer is small and mostly arrives in one chunk: no copy then.
        res.on('end', () => finish({ ok: true, text: (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8') }));
        res.on('error', () => finish({ ok: false, error: 'the answer broke off' }));
      });
      cancelDeadline = deadlines.add(() => {
        finish({ ok: false, error: `no answer within ${secs}` });
        req.destroy();
      });
      req.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, error: networkWords(e) }));
      req.end();
    });

  return {
    get,
    close() {
      deadlines.clear();
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/**
 * The request options for a URL, or why it cannot be asked. Headers go as a flat list, which
 * node writes as given: Host (which node would add itself from an options object) and the
 * probe's two, nothing else.
 */
function prepareRoute(url: string, agents: { http: HttpAgent; https: HttpsAgent }): PreparedRoute {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: 'the endpoint is not a URL' };
  }
  const https = target.protocol === 'https:';
  if (!https && target.protocol !== 'http:') return { ok: false, error: 'the endpoint is not an http(s) URL' };
  const headers: string[] = ['host', target.host];
  for (const [name, value] of Object.entries(PROBE_HEADERS)) headers.push(name, value);
  return {
    ok: true,
    https,
    options: {
      method: 'GET',
      protocol: target.protocol,
      // node wants an IPv6 literal without its brackets.
      hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: target.port || (https ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      agent: https ? agents.https : agents.http,
      headers: Object.freeze(headers),
    },
  };
}

function networkWords(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was cut';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'its host is out of reach';
    default:
      return e.code ? `network error (${e.code})` : 'network error';
  }
}
