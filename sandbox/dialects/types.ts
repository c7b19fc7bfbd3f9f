/** The contract between the server (routing, auth, faults) and a wire dialect (bodies and shapes). */
import type { JWTPayload } from 'jose';
import type { WireDialect } from '../../shared/model';
import type { Reply } from '../reply';
import type { SandboxStore, StatusChangeEvent } from '../store';

export interface DialectDeps {
  store: SandboxStore;
  now: () => number;
}

/** An authenticated call to a /droplets route. */
export interface DropletCall {
  /** The request path without the query, as error texts quote it. */
  path: string;
  query: URLSearchParams;
  rawBody: string;
  claims: JWTPayload;
}

export interface Dialect {
  readonly name: WireDialect;
  notFound(path: string): Reply;
  register(call: DropletCall): Reply;
  heartbeat(call: DropletCall, rawId: string): Reply;
  list(call: DropletCall): Reply;
  details(call: DropletCall, rawId: string): Reply;
  /** A /ws/droplets text frame: a status change or a keep-alive ping. */
  liveMessage(event: StatusChangeEvent | 'ping'): string;
  /** How this dialect writes a time in the public info bodies (/health). */
  formatTime(ms: number): string;
}

/** The `/ws/droplets` payload both dialects send, each writing the change time its own way. */
export function livePayload(event: StatusChangeEvent | 'ping', time: (epochMs: number) => string): Record<string, unknown> {
  if (event === 'ping') return { event: 'ping' };
  return {
    event: 'droplet_health_changed',
    droplet_id: event.dropletId,
    old_status: event.oldStatus,
    new_status: event.newStatus,
    changed_at: time(event.changedAt),
  };
}
