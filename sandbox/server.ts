/**
 * The HTTP side: read the body, check the Host, apply injected faults, route, authenticate,
 * answer JSON.
 * Handlers are synchronous and O(droplets) at worst, so a list of 10,000 builds in a few ms.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from './auth';
import type { Dialect } from './dialects/types';
import type { Faults } from './faults';
import { MISDIRECTED, type HostCheck } from './host-check';
import type { InfoDeps } from './info';
import { detail, JsonText, type Reply } from './reply';
import { buildRoutes, matchRoute } from './routes';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HandlerDeps {
  dialect: Dialect;
  auth: Authenticator;
  faults: Faults;
  info: InfoDeps;
  /** Whether a Host header names this sandbox (see host-check.ts). */
  isOwnHost: HostCheck;
}

export function createRequestHandler({ dialect, auth, faults, info, isOwnHost }: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = buildRoutes(dialect, info);

  const handle = async (req: IncomingMessage, rawBody: string): Promise<Reply> => {
    if (!isOwnHost(req.headers.host)) return MISDIRECTED;
    const fault = await faults.apply();
    if (fault) return fault;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const match = matchRoute(routes, method, url.pathname);
    if (match.kind === 'not-found') return dialect.notFound(url.pathname);
    if (match.kind === 'method-not-allowed') return detail(405, 'Method Not Allowed');
    const { route, params } = match;
    if (!route.auth) return route.handle({ method, path: url.pathname, query: url.searchParams });
    const outcome = await auth.fromHeader(req.headers.authorization);
    if (!outcome.ok) return outcome.reply;
    return route.handle({ path: url.pathname, query: url.searchParams, rawBody, claims: outcome.claims }, params);
  };

  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const answer: Promise<Reply> =
        size > MAX_BODY_BYTES ? Promise.resolve(detail(413, 'Request body too large')) : handle(req, Buffer.concat(chunks).toString('utf8'));
      answer
        .catch((e: unknown) => {
          process.stderr.write(`sandbox: unexpected error on ${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
          return detail(500, 'Internal Server Error');
        })
        .then((reply) => send(res, reply, req.headers['x-trace-id']));
    });
  };
}

function send(res: ServerResponse, reply: Reply, traceHeader: string | string[] | undefined): void {
  if (res.headersSent || res.destroyed) return;
  const text = reply.body === undefined ? '' : reply.body instanceof JsonText ? reply.body.text : JSON.stringify(reply.body);
  const headers: Record<string, string | number> = { ...reply.headers, 'content-length': Buffer.byteLength(text) };
  if (reply.body !== undefined) headers['content-type'] = 'application/json';
  // The deployed Orchestrator echoes an X-Trace-ID request header (exchange X7).
  if (typeof traceHeader === 'string') headers['x-trace-id'] = traceHeader;
  res.writeHead(reply.status, headers);
  res.end(text);
}
