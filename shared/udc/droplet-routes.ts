/**
 * Tolerant readers for what a droplet itself serves (spec udc-droplet-routes.md, shapes A and
 * B): each takes parsed JSON and returns a value or a typed error, never throws. Extra fields
 * are ignored, missing optional ones become null; strings are bounded and lose bidi controls;
 * lists are capped so a hostile droplet cannot grow Steward's memory.
 */
import type { ProbeCapabilities, ProbeDependencies, ProbeDependency, ProbeHealth, ProbeHealthStatus, ProbeState } from '../probe';
import { PROBE_HEALTH_STATUSES } from '../probe';
import { neutraliseBidi } from '../text-safety';
import { isRecord } from './envelope';
import { readId } from './readers';
import { parseWireTime } from './time';

export type RouteReadError = { kind: 'not_json' | 'not_object' | 'unreadable'; message: string };
export type RouteRead<T> = { ok: true; value: T } | { ok: false; error: RouteReadError };

const TEXT_MAX = 200;
const LIST_MAX = 200;
const CUSTOM_MAX = 32;

const fail = (kind: RouteReadError['kind'], message: string): { ok: false; error: RouteReadError } => ({ ok: false, error: { kind, message } });

/** JSON text to a value, or `not_json`. */
export function parseRouteBody(text: string): RouteRead<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fail('not_json', 'the answer is not JSON');
  }
}

export function readProbeHealth(body: unknown): RouteRead<ProbeHealth> {
  if (!isRecord(body)) return fail('not_object', `/health answered ${kindOf(body)}, not a JSON object`);
  if (!('status' in body)) return fail('unreadable', '/health has no status');
  return {
    ok: true,
    value: {
      status: healthStatus(body.status),
      service: text(body.service) ?? text(body.name),
      version: text(body.version),
      time: parseWireTime(body.timestamp) ?? parseWireTime(body.updated_at),
      message: text(body.message),
    },
  };
}

export function readProbeCapabilities(body: unknown): RouteRead<ProbeCapabilities> {
  if (!isRecord(body)) return fail('not_object', `/capabilities answered ${kindOf(body)}, not a JSON object`);
  return {
    ok: true,
    value: { version: text(body.version), features: names(body.features), dependencies: names(body.dependencies), udcVersion: text(body.udc_version) },
  };
}

export function readProbeState(body: unknown): RouteRead<ProbeState> {
  if (!isRecord(body)) return fail('not_object', `/state answered ${kindOf(body)}, not a JSON object`);
  const custom: Record<string, number> = {};
  if (isRecord(body.custom_metrics)) {
    let n = 0;
    for (const [k, v] of Object.entries(body.custom_metrics)) {
      const value = num(v);
      const name = text(k, 64);
      if (value === null || !name || n >= CUSTOM_MAX) continue;
      custom[name] = value;
      n += 1;
    }
  }
  return {
    ok: true,
    value: {
      uptimeSeconds: nonNegative(body.uptime_seconds),
      requestsTotal: nonNegative(body.requests_total),
      requestsPerMinute: nonNegative(body.requests_per_minute),
      errorsLastHour: nonNegative(body.errors_last_hour),
      cpuPercent: nonNegative(body.cpu_percent),
      memoryMb: nonNegative(body.memory_mb),
      lastRestart: parseWireTime(body.last_restart),
      custom,
    },
  };
}

export function readProbeDependencies(body: unknown): RouteRead<ProbeDependencies> {
  if (!isRecord(body)) return fail('not_object', `/dependencies answered ${kindOf(body)}, not a JSON object`);
  return { ok: true, value: { required: dependencies(body.required), optional: dependencies(body.optional), missing: names(body.missing) } };
}

/** Strings (shape A) or `{id, name, status, last_check}` objects (shape B). */
function dependencies(value: unknown): ProbeDependency[] {
  if (!Array.isArray(value)) return [];
  const out: ProbeDependency[] = [];
  for (const item of value.slice(0, LIST_MAX)) {
    if (typeof item === 'string') {
      const name = text(item);
      if (name) out.push({ name, id: null, status: null, lastCheck: null });
    } else if (isRecord(item)) {
      const id = readId(item.id);
      const name = text(item.name) ?? (id !== null ? `droplet ${id}` : null);
      if (name) out.push({ name, id, status: text(item.status, 40), lastCheck: parseWireTime(item.last_check) });
    }
  }
  return out;
}

function healthStatus(value: unknown): ProbeHealthStatus {
  if (typeof value !== 'string') return 'unknown';
  const s = value.trim().toLowerCase();
  // `ok`/`healthy` are what many services answer: they mean active.
  if (s === 'ok' || s === 'healthy' || s === 'up') return 'active';
  return (PROBE_HEALTH_STATUSES as readonly string[]).includes(s) ? (s as ProbeHealthStatus) : 'unknown';
}

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const v of value.slice(0, LIST_MAX)) {
    const name = typeof v === 'string' ? text(v) : isRecord(v) ? text(v.name) : null;
    if (name) out.push(name);
  }
  return out;
}

function text(value: unknown, max = TEXT_MAX): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = neutraliseBidi(String(value)).trim();
  return s ? s.slice(0, max) : null;
}

function num(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function nonNegative(value: unknown): number | null {
  const n = num(value);
  return n !== null && n >= 0 ? n : null;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
