/**
 * The route table and FastAPI's matching rule: the first route whose path and method both
 * match wins; a path that matches only with another method is a 405; anything else a 404.
 */
import type { Dialect, DropletCall } from './dialects/types';
import { capabilitiesBody, healthBody, stateBody, versionBody, wsStatusBody, type InfoDeps } from './info';
import { json, type Reply } from './reply';

export interface RouteRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

export type Route =
  | { method: string; pattern: RegExp; auth: false; handle: (req: RouteRequest) => Reply }
  | { method: string; pattern: RegExp; auth: true; handle: (call: DropletCall, params: string[]) => Reply };

export function buildRoutes(dialect: Dialect, info: InfoDeps): Route[] {
  const publicGet = (pattern: RegExp, handle: (req: RouteRequest) => Reply): Route => ({ method: 'GET', pattern, auth: false, handle });
  return [
    publicGet(/^\/$/, () => ({ status: 307, headers: { location: '/health' } })),
    publicGet(/^\/health$/, () => json(200, healthBody(info))),
    publicGet(/^\/capabilities$/, () => json(200, capabilitiesBody())),
    publicGet(/^\/state$/, () => json(200, stateBody(info))),
    publicGet(/^\/management\/version$/, () => json(200, versionBody(info))),
    publicGet(/^\/ws\/status$/, () => json(200, wsStatusBody(info))),
    { method: 'GET', pattern: /^\/droplets$/, auth: true, handle: (call) => dialect.list(call) },
    // Absolute, as Starlette writes it (F9), but from the listening address: never from Host.
    publicGet(/^\/droplets\/$/, (req) => ({ status: 307, headers: { location: `${info.url()}/droplets${queryText(req.query)}` } })),
    { method: 'POST', pattern: /^\/droplets\/register$/, auth: true, handle: (call) => dialect.register(call) },
    { method: 'GET', pattern: /^\/droplets\/([^/]+)$/, auth: true, handle: (call, [id]) => dialect.details(call, id ?? '') },
    { method: 'POST', pattern: /^\/droplets\/([^/]+)\/heartbeat$/, auth: true, handle: (call, [id]) => dialect.heartbeat(call, id ?? '') },
  ];
}

export type Match = { kind: 'route'; route: Route; params: string[] } | { kind: 'method-not-allowed' } | { kind: 'not-found' };

export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  let pathKnown = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    // Starlette answers HEAD on every GET route.
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { kind: 'route', route, params: m.slice(1).map(decodeSegment) };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}

function decodeSegment(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return segment ?? '';
  }
}

function queryText(query: URLSearchParams): string {
  const text = query.toString();
  return text ? `?${text}` : '';
}
