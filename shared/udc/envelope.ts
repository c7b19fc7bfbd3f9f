/**
 * The UDC envelope: the guide's strict shape, the deployed Orchestrator's shape, and the
 * message types each accepts. Used by the builders (requests), the sandbox (validation) and
 * the readers (responses).
 */
import { z } from 'zod';
import { IsoTimeSchema } from '../model';

export const GUIDE_MESSAGE_TYPES = ['command', 'query', 'response', 'event', 'heartbeat'] as const;
/** The deployed Orchestrator refuses `heartbeat` and accepts `status` and `error` instead. */
export const DEPLOYED_MESSAGE_TYPES = ['status', 'event', 'command', 'query', 'response', 'error'] as const;
export type GuideMessageType = (typeof GUIDE_MESSAGE_TYPES)[number];
export type DeployedMessageType = (typeof DEPLOYED_MESSAGE_TYPES)[number];

export const UDC_VERSION = '1.0';
export const ORCHESTRATOR_ID = 10;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const TraceIdSchema = z.string().regex(UUID_V4, 'trace_id must be a UUID v4');

/** The envelope exactly as the guide shows it. */
export const GuideEnvelopeSchema = z.object({
  trace_id: TraceIdSchema,
  source: z.number().int(),
  target: z.number().int(),
  message_type: z.enum(GUIDE_MESSAGE_TYPES),
  payload: z.record(z.string(), z.unknown()),
  timestamp: IsoTimeSchema,
});
export type GuideEnvelope = z.infer<typeof GuideEnvelopeSchema>;

/** The deployed envelope: only `udc_version`, `payload` and `message_type` are checked there. */
export const DeployedEnvelopeSchema = z.object({
  udc_version: z.string(),
  trace_id: z.unknown().optional(),
  source: z.unknown().optional(),
  target: z.unknown().optional(),
  message_type: z.enum(DEPLOYED_MESSAGE_TYPES),
  timestamp: z.unknown().optional(),
  payload: z.unknown(),
});
export type DeployedEnvelope = z.infer<typeof DeployedEnvelopeSchema>;

/** The deployed rule for telling an envelope from a bare payload. */
export function looksLikeDeployedEnvelope(body: unknown): body is Record<string, unknown> {
  return isRecord(body) && 'udc_version' in body && 'payload' in body;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function newTraceId(): string {
  return globalThis.crypto.randomUUID();
}

/** `droplet-42` as the deployed Orchestrator writes ids; plain ints in the guide. */
export function deployedAddress(id: number | string): string {
  return `droplet-${id}`;
}
