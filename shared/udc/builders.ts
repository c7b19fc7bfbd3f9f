/**
 * Request builders: every request gets a fresh trace_id and timestamp, in the dialect the
 * Orchestrator speaks. The guide dialect is exactly the guide; the deployed one follows
 * deployed-orchestrator.md (udc_version, `droplet-N` addresses, `droplet_id`, `event`).
 */
import type { HeartbeatInput, Registration, WireDialect } from '../model';
import { RegistrationSchema, HeartbeatInputSchema } from '../model';
import { isoNow } from './time';
import { deployedAddress, newTraceId, ORCHESTRATOR_ID, UDC_VERSION } from './envelope';
import { WireFormatError } from './errors';

export interface BuildContext {
  dialect: WireDialect;
  now?: () => Date;
  traceId?: () => string;
}

export interface BuiltRequest {
  traceId: string;
  body: Record<string, unknown>;
}

type Purpose = 'register' | 'heartbeat' | 'query';
const MESSAGE_TYPE: Record<WireDialect, Record<Purpose, string>> = {
  guide: { register: 'command', heartbeat: 'heartbeat', query: 'query' },
  deployed: { register: 'command', heartbeat: 'event', query: 'query' },
};

/** Wrap a payload in the envelope; `source` is the droplet the request acts for. */
export function buildEnvelope(ctx: BuildContext, purpose: Purpose, source: number, payload: Record<string, unknown>): BuiltRequest {
  const traceId = (ctx.traceId ?? newTraceId)();
  const timestamp = isoNow(ctx.now?.());
  const message_type = MESSAGE_TYPE[ctx.dialect][purpose];
  const body =
    ctx.dialect === 'guide'
      ? { trace_id: traceId, source, target: ORCHESTRATOR_ID, message_type, payload, timestamp }
      : {
          udc_version: UDC_VERSION,
          trace_id: traceId,
          source: deployedAddress(source),
          target: deployedAddress(ORCHESTRATOR_ID),
          message_type,
          timestamp,
          payload,
        };
  return { traceId, body };
}

export function buildRegisterRequest(ctx: BuildContext, input: Registration): BuiltRequest {
  const reg = checked(RegistrationSchema, input, 'registration');
  const common = {
    name: reg.name,
    ...(reg.steward !== undefined ? { steward: reg.steward } : {}),
    endpoint: reg.endpoint,
    capabilities: reg.capabilities,
  };
  const payload =
    ctx.dialect === 'guide'
      ? // A blank version or status is left out, not invented: a made-up "1.0.0" overwrote the real one.
        { id: reg.id, ...common, ...(reg.version !== undefined ? { version: reg.version } : {}), ...(reg.status !== undefined ? { status: reg.status } : {}) }
      : { droplet_id: reg.id, ...common };
  return buildEnvelope(ctx, 'register', reg.id, payload);
}

/** Statuses the deployed database accepts; `maintenance` there is a 500. */
export const DEPLOYED_HEARTBEAT_STATUSES = ['active', 'inactive', 'error'] as const;

export function buildHeartbeatRequest(ctx: BuildContext, input: HeartbeatInput): BuiltRequest {
  const hb = checked(HeartbeatInputSchema, input, 'heartbeat');
  if (ctx.dialect === 'deployed' && !(DEPLOYED_HEARTBEAT_STATUSES as readonly string[]).includes(hb.status)) {
    throw new WireFormatError(
      `The deployed Orchestrator accepts only ${DEPLOYED_HEARTBEAT_STATUSES.join(', ')} in a heartbeat, not "${hb.status}"`,
    );
  }
  const payload: Record<string, unknown> = { status: hb.status };
  if (hb.metrics !== undefined) payload.metrics = hb.metrics;
  return buildEnvelope(ctx, 'heartbeat', hb.id, payload);
}

function checked<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.map(String).join('.') || what}: ${i.message}`);
  throw new WireFormatError(`Invalid ${what}: ${issues.join('; ')}`, issues);
}
