/**
 * The guide dialect: every route, status and body as orchestrator-api-guide.md shows them,
 * with FastAPI's 422 shape ({loc, msg, type}, loc starting at "body") for invalid requests.
 */
import { z } from 'zod';
import { HeartbeatInputSchema, RegistrationSchema } from '../../shared/model';
import { GuideEnvelopeSchema, isRecord, newTraceId, ORCHESTRATOR_ID } from '../../shared/udc/envelope';
import { detail, json, withRawJson, type Reply } from '../reply';
import type { StoredDroplet } from '../store';
import { describeIssues, parsePathId, pathIdProblem, type FieldProblem } from '../validation';
import { isoZ } from '../wire-time';
import { ItemCache } from './item-cache';
import { livePayload, type Dialect, type DialectDeps } from './types';

export const HEARTBEAT_INTERVAL_SECONDS = 60;

// The shared envelope, narrowed per route: registration is a command, a heartbeat a heartbeat.
// Droplets are reached over HTTP, so the endpoint must be an http(s) URL (as pydantic's HttpUrl).
const RegisterEnvelopeSchema = GuideEnvelopeSchema.extend({
  message_type: z.literal('command'),
  payload: RegistrationSchema.extend({
    endpoint: z.string().superRefine((u, ctx) => {
      const scheme = URL.canParse(u) ? new URL(u).protocol : null;
      if (scheme === null) ctx.addIssue({ code: 'custom', message: 'Input should be a valid URL' });
      else if (scheme !== 'http:' && scheme !== 'https:') ctx.addIssue({ code: 'custom', message: "URL scheme should be 'http' or 'https'" });
    }),
  }),
});
const HeartbeatEnvelopeSchema = GuideEnvelopeSchema.extend({
  message_type: z.literal('heartbeat'),
  payload: HeartbeatInputSchema.omit({ id: true }),
});

interface RequestEnvelope {
  trace_id: string;
  source: number;
}

export function createGuideDialect({ store, now }: DialectDeps): Dialect {
  const envelope = (request: RequestEnvelope | null, payload: unknown, messageType = 'response'): Record<string, unknown> => ({
    trace_id: request?.trace_id ?? newTraceId(),
    source: ORCHESTRATOR_ID,
    target: request?.source ?? 0,
    message_type: messageType,
    payload,
    timestamp: isoZ(now()),
  });
  const respond = (status: number, request: RequestEnvelope | null, payload: Record<string, unknown>): Reply => json(status, envelope(request, payload));
  const listItems = new ItemCache((d) => JSON.stringify(listItem(d)));

  return {
    name: 'guide',
    notFound: () => detail(404, 'Not Found'),
    formatTime: isoZ,

    register(call) {
      const body = parseJsonObject(call.rawBody);
      if (!body.ok) return body.reply;
      const parsed = RegisterEnvelopeSchema.safeParse(body.value);
      if (!parsed.success) return unprocessable(describeIssues(parsed.error.issues, body.value));
      const { payload: p } = parsed.data;
      const { created, droplet } = store.register(
        {
          id: p.id,
          name: p.name,
          steward: p.steward ?? null,
          endpoint: p.endpoint,
          capabilities: p.capabilities,
          version: p.version ?? null,
          status: p.status ?? 'active',
        },
        now(),
        { countsAsHeartbeat: false },
      );
      return respond(201, parsed.data, {
        registered: true,
        droplet_id: droplet.id,
        message: created ? 'Droplet registered successfully' : 'Droplet registration updated',
        status: created ? 'registered' : 'updated',
        registered_at: isoZ(droplet.registeredAt),
        heartbeat_interval_seconds: HEARTBEAT_INTERVAL_SECONDS,
      });
    },

    heartbeat(call, rawId) {
      const id = parsePathId(rawId);
      const body = parseJsonObject(call.rawBody);
      if (!body.ok) return body.reply;
      const parsed = HeartbeatEnvelopeSchema.safeParse(body.value);
      // FastAPI validates path and body together and reports both.
      const problems = [...(id === null ? [pathIdProblem(rawId)] : []), ...(parsed.success ? [] : describeIssues(parsed.error.issues, body.value))];
      if (id === null || !parsed.success) return unprocessable(problems);
      const { payload: p } = parsed.data;
      const droplet = store.heartbeat(id, p.status, p.metrics ?? null, now());
      if (!droplet) return detail(404, `Droplet ${id} not found`);
      return respond(200, parsed.data, { acknowledged: true, droplet_id: id, next_heartbeat_in: HEARTBEAT_INTERVAL_SECONDS });
    },

    list(call) {
      const droplets = store.list({ status: call.query.get('status') || null, capability: call.query.get('capability') || null });
      const payload = `{"droplets":[${droplets.map((d) => listItems.get(d)).join(',')}],"total":${droplets.length}}`;
      return { status: 200, body: withRawJson(envelope(null, null), 'payload', payload) };
    },

    details(_call, rawId) {
      const id = parsePathId(rawId);
      if (id === null) return unprocessable([pathIdProblem(rawId)]);
      const droplet = store.get(id);
      if (!droplet) return detail(404, `Droplet ${id} not found`);
      const heartbeat_history = droplet.history.toArray().map((h) => ({ time: isoZ(h.at), status: h.status, metrics: h.metrics }));
      return respond(200, null, { droplet: { ...listItem(droplet), heartbeat_history } });
    },

    liveMessage(event) {
      const payload = livePayload(event, isoZ);
      return JSON.stringify(envelope(null, payload, 'event'));
    },
  };
}

function listItem(d: StoredDroplet): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    steward: d.steward,
    status: d.status,
    endpoint: d.endpoint,
    capabilities: d.capabilities,
    version: d.version,
    registered_at: isoZ(d.registeredAt),
    last_heartbeat: d.lastHeartbeatAt === null ? null : isoZ(d.lastHeartbeatAt),
    metrics: d.latestMetrics,
  };
}

function unprocessable(problems: FieldProblem[]): Reply {
  return json(422, { detail: problems.map(({ loc, msg, type }) => ({ loc: loc[0] === 'path' ? loc : ['body', ...loc], msg, type })) });
}

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

/** FastAPI's answers for a body that is empty, not JSON, or not an object. */
function parseJsonObject(raw: string): Parsed {
  if (raw.trim() === '') return { ok: false, reply: json(422, { detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }] }) };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    const position = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    const loc = ['body', position === undefined ? raw.length : Number(position)];
    return { ok: false, reply: json(422, { detail: [{ loc, msg: 'JSON decode error', type: 'json_invalid' }] }) };
  }
  if (!isRecord(value)) {
    return {
      ok: false,
      reply: json(422, { detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' }] }),
    };
  }
  return { ok: true, value };
}
