/**
 * The deployed dialect: the Orchestrator 2.0.0 as recorded in deployed-orchestrator.md and
 * its exchanges, bugs included (the 500 after a new registration, the 500 on details), so
 * the dashboard can be tested against what production really answers.
 */
import { z } from 'zod';
import { DEPLOYED_HEARTBEAT_STATUSES } from '../../shared/udc/builders';
import { DEPLOYED_MESSAGE_TYPES, deployedAddress, isRecord, looksLikeDeployedEnvelope, newTraceId, ORCHESTRATOR_ID, UDC_VERSION } from '../../shared/udc/envelope';
import { readMetrics } from '../../shared/udc/readers';
import { detail, json, withRawJson, type Reply } from '../reply';
import type { StoredDroplet } from '../store';
import { describeIssues, parsePathId, pathIdProblem, type FieldProblem } from '../validation';
import { epochSeconds, naiveIso, offsetIso, pgTimestamp } from '../wire-time';
import { ItemCache } from './item-cache';
import { livePayload, type Dialect, type DialectDeps } from './types';

const HEARTBEAT_SECONDS = 60;
const SELF = deployedAddress(ORCHESTRATOR_ID);
const PYDANTIC_DOCS = 'https://errors.pydantic.dev/2.13/v/';

/** Pydantic's lax mode turns "42" into 42 for an int field. */
const laxInt = z.preprocess((v) => (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : v), z.number().int().positive());

const RegisterPayloadSchema = z.object({
  droplet_id: laxInt,
  name: z.string().min(1).max(100),
  steward: z.string().nullable().optional(),
  endpoint: z.string(),
  capabilities: z.array(z.string()).optional(),
});

const HeartbeatPayloadSchema = z.object({
  status: z.string(),
  metrics: z.record(z.string(), z.unknown()).nullable().optional(),
});

// Recorded error texts (exchanges C1, G1, E4/E5, F8).
const REGISTER_BUG = 'Failed to register droplet: WebSocketManager.broadcast_droplet_registered() takes 2 positional arguments but 3 were given';
const DETAILS_BUG = 'Failed to fetch droplet details: column reference "status" is ambiguous';

export function createDeployedDialect({ store, now }: DialectDeps): Dialect {
  const respond = (status: number, request: Record<string, unknown> | null, payload: Record<string, unknown>): Reply =>
    json(status, envelope(request?.trace_id || newTraceId(), request?.source || 'client', 'response', payload, now()));
  const notFound = (path: string): Reply => json(404, { error: true, message: `Endpoint not found: ${path}`, type: 'NotFound' });
  const listItems = new ItemCache(listItemPrefix);

  return {
    name: 'deployed',
    notFound,
    formatTime: naiveIso,

    register(call) {
      const body = readBody(call.rawBody, 'Failed to register droplet', 'DropletRegister');
      if (!body.ok) return body.reply;
      const parsed = RegisterPayloadSchema.safeParse(body.payload);
      if (!parsed.success) return unprocessable(describeIssues(parsed.error.issues, body.payload));
      const p = parsed.data;
      const at = now();
      const { created } = store.register(
        {
          id: p.droplet_id,
          name: p.name,
          steward: p.steward ?? null,
          endpoint: p.endpoint,
          capabilities: p.capabilities ?? [],
          version: null,
          status: 'active',
        },
        at,
        { countsAsHeartbeat: true },
      );
      // The row is written before the broadcast fails, so a retry finds it and answers 201.
      if (created) return detail(500, REGISTER_BUG);
      return respond(201, body.envelope, {
        registered: true,
        droplet_id: p.droplet_id,
        registered_at: naiveIso(at),
        heartbeat_required_every_seconds: HEARTBEAT_SECONDS,
        status: 'updated',
        heartbeat_interval_seconds: HEARTBEAT_SECONDS,
        next_heartbeat_deadline: epochSeconds(at + HEARTBEAT_SECONDS * 1000),
      });
    },

    heartbeat(call, rawId) {
      const id = parsePathId(rawId);
      if (id === null) return pathUnprocessable(rawId);
      const claimed = call.claims.droplet_id;
      if (!(claimed === id || claimed === 1 || claimed === 'droplet-1')) {
        return detail(403, `Droplet ${pythonStr(claimed)} cannot send heartbeat for droplet ${id}`);
      }
      const body = readBody(call.rawBody, 'Failed to process heartbeat', 'DropletHeartbeat');
      if (!body.ok) return body.reply;
      const parsed = HeartbeatPayloadSchema.safeParse(body.payload);
      if (!parsed.success) return unprocessable(describeIssues(parsed.error.issues, body.payload));
      const droplet = store.get(id);
      if (!droplet) return notFound(call.path);
      const at = now();
      const { status, metrics } = parsed.data;
      if (!(DEPLOYED_HEARTBEAT_STATUSES as readonly string[]).includes(status)) return detail(500, checkConstraintText(droplet, status, at));
      store.heartbeat(id, status, readMetrics(metrics), at);
      return respond(200, body.envelope, { received: true, next_heartbeat_deadline: epochSeconds(at + HEARTBEAT_SECONDS * 1000) });
    },

    list(call) {
      const status = call.query.get('status');
      const capability = call.query.get('capability');
      if (capability?.includes('"')) return detail(500, jsonSyntaxText(capability));
      const at = now();
      const droplets = store.list({ status: status || null, capability: capability || null });
      // Only seconds_since_heartbeat (the last key) changes between polls; the rest is cached.
      const items = droplets.map((d) => `${listItems.get(d)},"seconds_since_heartbeat":${JSON.stringify(secondsSince(d, at))}}`);
      const payload = `{"droplets":[${items.join(',')}],"total":${droplets.length},"filters":${JSON.stringify({ status, capability })}}`;
      return { status: 200, body: withRawJson(envelope(newTraceId(), 'client', 'response', {}, at), 'payload', payload) };
    },

    details(call, rawId) {
      const id = parsePathId(rawId);
      if (id === null) return pathUnprocessable(rawId);
      return store.get(id) ? detail(500, DETAILS_BUG) : notFound(call.path);
    },

    liveMessage(event) {
      const payload = livePayload(event, naiveIso);
      return JSON.stringify(envelope(newTraceId(), 'broadcast', 'event', payload, now()));
    },
  };
}

function envelope(traceId: unknown, target: unknown, messageType: string, payload: Record<string, unknown>, at: number): Record<string, unknown> {
  return { udc_version: UDC_VERSION, trace_id: traceId, source: SELF, target, message_type: messageType, timestamp: offsetIso(at), payload };
}

/** A list item as recorded (F1) without its closing brace and final seconds_since_heartbeat. */
function listItemPrefix(d: StoredDroplet): string {
  const item = {
    droplet_id: d.id,
    name: d.name,
    steward: d.steward,
    endpoint: d.endpoint,
    capabilities: pythonJsonList(d.capabilities),
    status: d.status,
    last_heartbeat: d.lastHeartbeatAt === null ? null : naiveIso(d.lastHeartbeatAt),
    registered_at: naiveIso(d.registeredAt),
  };
  return JSON.stringify(item).slice(0, -1);
}

function secondsSince(d: StoredDroplet, at: number): number | null {
  return d.lastHeartbeatAt === null ? null : Math.round((at - d.lastHeartbeatAt) * 1000) / 1e6;
}

type Body = { ok: true; payload: Record<string, unknown>; envelope: Record<string, unknown> | null } | { ok: false; reply: Reply };

/**
 * The deployed request middleware: a body with both `udc_version` and `payload` is an
 * envelope (its message_type checked), anything else is the bare payload.
 */
function readBody(raw: string, failurePrefix: string, model: string): Body {
  if (raw.length === 0) return { ok: false, reply: detail(400, 'Empty request body') };
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ok: false, reply: detail(400, 'Invalid JSON') };
  }
  if (typeof body !== 'object' && typeof body !== 'string') {
    return { ok: false, reply: detail(500, `Failed to process request: argument of type '${pythonType(body)}' is not iterable`) };
  }
  let payload: unknown = body;
  let envelopeBody: Record<string, unknown> | null = null;
  if (looksLikeDeployedEnvelope(body)) {
    const type = body.message_type;
    if (!(DEPLOYED_MESSAGE_TYPES as readonly unknown[]).includes(type)) {
      return {
        ok: false,
        reply: detail(400, `Invalid UDC envelope: Invalid message_type: ${pythonStr(type)}. Must be one of: ${DEPLOYED_MESSAGE_TYPES.join(', ')}`),
      };
    }
    envelopeBody = body;
    payload = body.payload;
  }
  if (!isRecord(payload)) {
    return { ok: false, reply: detail(500, `${failurePrefix}: app.models.domain.${model}() argument after ** must be a mapping, not ${pythonType(payload)}`) };
  }
  return { ok: true, payload, envelope: envelopeBody };
}

function unprocessable(problems: FieldProblem[]): Reply {
  return json(422, {
    detail: problems.map(({ type, loc, msg, input, ctx }) => ({ type, loc, msg, input, ...(ctx ? { ctx } : {}), url: `${PYDANTIC_DOCS}${type}` })),
  });
}

/** Path errors come without the docs url (exchanges E15, G3). */
function pathUnprocessable(rawId: string): Reply {
  const { type, loc, msg, input } = pathIdProblem(rawId);
  return json(422, { detail: [{ type, loc, msg, input }] });
}

/** PostgreSQL's refusal of a status outside the column's check constraint (E4, E5). */
function checkConstraintText(d: StoredDroplet, status: string, at: number): string {
  const row = [d.rowId, d.id, d.name, d.steward ?? 'null', d.endpoint ?? 'null', pythonJsonList(d.capabilities), status, pgTimestamp(at), pgTimestamp(d.registeredAt), pgTimestamp(at)];
  return `Failed to process heartbeat: new row for relation "droplets" violates check constraint "droplets_status_check"\nDETAIL:  Failing row contains (${row.join(', ')}).`;
}

/** The capability filter is spliced into a JSON literal, so a double quote breaks it (F8). */
function jsonSyntaxText(capability: string): string {
  const after = capability.slice(capability.indexOf('"') + 1);
  const token = /^[^\s,\]"]*/.exec(after)?.[0] || '"';
  return `Failed to list droplets: invalid input syntax for type json\nDETAIL:  Token "${token}" is invalid.`;
}

/** Python's json.dumps of a list of strings: ", " separators, non-ASCII escaped. */
function pythonJsonList(items: readonly string[]): string {
  const escape = (s: string): string => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `[${items.map(escape).join(', ')}]`;
}

/** How Python's str() / f-strings print a JSON value. */
function pythonStr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function pythonType(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  return 'dict';
}
