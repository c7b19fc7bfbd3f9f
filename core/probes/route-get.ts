/**
 * One GET of a droplet's own route over node:http(s) with keep-alive agents: a deadline for the
 * whole exchange, no redirects (a 3xx is an answer to report, not a place to go), a cap on the
 * body, and no credentials of any kind: the only headers sent are Accept and User-Agent, so
 * neither the Orchestrator's token nor any Authorization header can reach a droplet.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { formatBytes } from '../../shared/format-bytes';

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

export function createRouteClient(o: RouteGetOptions & { maxSockets: number; now?: () => number }): RouteClient {
  const now = o.now ?? Date.now;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: o.maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: o.maxSockets }),
  };
  const secs = `${Math.round(o.timeoutMs / 100) / 10} s`;

  const get: RouteGet = (url) =>
    new Promise((resolve) => {
      const started = now();
      let done = false;
      const finish = (a: { ok: true; text: string } | { ok: false; error: string }): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ ...a, ms: now() - started });
      };
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return finish({ ok: false, error: 'the endpoint is not a URL' });
      }
      const https = target.protocol === 'https:';
      if (!https && target.protocol !== 'http:') return finish({ ok: false, error: 'the endpoint is not an http(s) URL' });
      const req = (https ? httpsRequest : httpRequest)(target, { method: 'GET', agent: https ? agents.https : agents.http, headers: { ...PROBE_HEADERS } }, (res: IncomingMessage) => {
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
        res.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => finish({ ok: false, error: 'the answer broke off' }));
      });
      const timer = setTimeout(() => {
        finish({ ok: false, error: `no answer within ${secs}` });
        req.destroy();
      }, o.timeoutMs);
      timer.unref?.();
      req.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, error: networkWords(e) }));
      req.end();
    });

  return {
    get,
    close() {
      agents.http.destroy();
      agents.https.destroy();
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
