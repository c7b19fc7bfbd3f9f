/**
 * Tolerant readers: either dialect's response in, one domain model out. They accept
 * `droplet_id` or `id`, capabilities as an array or a JSON string, timestamps with `Z`,
 * `+00:00` or none, `next_heartbeat_in` or `next_heartbeat_deadline`. What cannot be read
 * throws a WireFormatError naming the problem; nothing else is thrown.
 */
import type { ChartedMetric, Droplet, DropletDetails, DropletList, DropletStatus, HeartbeatAck, HeartbeatRecord, Metrics, RegisterAck, StatusChange, WireDialect } from '../model';
import { DROPLET_STATUSES, METRIC_ALIASES } from '../model';
import { isRecord } from './envelope';
import { WireFormatError } from './errors';
import { epochSecondsToIso, parseWireTime } from './time';
import { neutraliseBidi } from '../text-safety';
import { errorText } from '../error-text';

export interface ReadEnvelope {
  traceId: string | null;
  payload: Record<string, unknown>;
  /** The dialect the envelope itself reveals: `udc_version` is only in deployed answers. */
  dialect: WireDialect;
  timestamp: string | null;
}

export function readEnvelope(body: unknown): ReadEnvelope {
  if (!isRecord(body)) throw new WireFormatError(`Expected a UDC envelope (a JSON object), got ${describe(body)}`);
  if (!isRecord(body.payload)) throw new WireFormatError('The response envelope has no payload object');
  return {
    traceId: typeof body.trace_id === 'string' ? body.trace_id : null,
    payload: body.payload,
    dialect: 'udc_version' in body ? 'deployed' : 'guide',
    timestamp: parseWireTime(body.timestamp),
  };
}

export function readStatus(value: unknown): DropletStatus {
  if (typeof value !== 'string') return 'unknown';
  const s = value.trim().toLowerCase();
  return (DROPLET_STATUSES as readonly string[]).includes(s) ? (s as DropletStatus) : 'unknown';
}

export function readId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string') {
    const m = /^(?:droplet-)?(\d{1,15})$/.exec(value.trim());
    if (m) return readId(Number(m[1]));
  }
  return null;
}

/** An array of strings, or a JSON-encoded one (deployed), or a comma-separated list. */
export function readCapabilities(value: unknown): string[] {
  if (Array.isArray(value)) {
    // Freshly parsed JSON, owned by nobody else: kept as it is when it is all strings (the usual case).
    for (const c of value) if (typeof c !== 'string') return value.filter((x): x is string => typeof x === 'string');
    return value as string[];
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text) return [];
    if (text.startsWith('[')) return [...decodedList(text)];
    return text.split(',').map((c) => c.trim()).filter(Boolean);
  }
  return [];
}

/**
 * The deployed Orchestrator sends every droplet's capabilities as JSON text, and a fleet has
 * few distinct lists: each is decoded once (bounded, in case every droplet's list differs).
 */
const decodedLists = new Map<string, readonly string[]>();
const DECODED_LISTS_MAX = 2_000;

function decodedList(text: string): readonly string[] {
  const known = decodedLists.get(text);
  if (known) return known;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new WireFormatError(`capabilities is not a readable list: ${text.slice(0, 80)}`);
  }
  const list = Array.isArray(parsed) ? readCapabilities(parsed) : [];
  if (decodedLists.size >= DECODED_LISTS_MAX) decodedLists.clear();
  decodedLists.set(text, list);
  return list;
}

export function readMetrics(value: unknown): Metrics | null {
  if (!isRecord(value)) return null;
  const out: Metrics = {};
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const v = value[k];
    if (typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' || typeof v === 'boolean' || v === null) out[k] = v as Metrics[string];
  }
  return out;
}

/**
 * A charted metric as a number, under its own name or else one of its aliases (see
 * METRIC_ALIASES); numeric strings count. NaN when absent or not numeric.
 */
export function readChartedMetric(metrics: Metrics | null | undefined, metric: ChartedMetric): number {
  if (!metrics) return NaN;
  let v = metrics[metric];
  if (v === undefined) for (const alias of METRIC_ALIASES[metric]) if ((v = metrics[alias]) !== undefined) break;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

function optString(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function optName(value: unknown): string | null {
  const s = optString(value);
  return s === null ? null : neutraliseBidi(s);
}

/** The first of these fields that is present (up to four names; no rest array: it runs per droplet). */
function firstOf(o: Record<string, unknown>, a: string, b: string, c?: string, d?: string): unknown {
  const x = o[a];
  if (x !== undefined && x !== null) return x;
  const y = o[b];
  if (y !== undefined && y !== null) return y;
  if (c === undefined) return undefined;
  const z = o[c];
  if (z !== undefined && z !== null) return z;
  if (d === undefined) return undefined;
  const w = o[d];
  return w !== undefined && w !== null ? w : undefined;
}

/** One droplet as a list item or details object in either dialect. */
export function readDroplet(raw: unknown, now: () => number = Date.now): Droplet {
  if (!isRecord(raw)) throw new WireFormatError(`A droplet entry is ${describe(raw)}, not an object`);
  const id = readId(firstOf(raw, 'droplet_id', 'id'));
  if (id === null) throw new WireFormatError(`A droplet entry has no usable id (${JSON.stringify(firstOf(raw, 'droplet_id', 'id') ?? null)})`);
  let lastHeartbeat = parseWireTime(firstOf(raw, 'last_heartbeat', 'last_heartbeat_at', 'lastHeartbeat'));
  const secondsSince = raw.seconds_since_heartbeat;
  if (lastHeartbeat === null && typeof secondsSince === 'number' && Number.isFinite(secondsSince)) {
    lastHeartbeat = epochSecondsToIso(now() / 1000 - secondsSince);
  }
  return {
    id,
    // Bidi controls in a name could make it read as another droplet's in the window.
    name: neutraliseBidi(optString(raw.name) ?? ''),
    steward: optName(raw.steward),
    endpoint: optString(raw.endpoint),
    capabilities: readCapabilities(raw.capabilities),
    status: readStatus(raw.status),
    version: optString(raw.version),
    lastHeartbeat,
    registeredAt: parseWireTime(firstOf(raw, 'registered_at', 'registeredAt')),
    latestMetrics: readMetrics(firstOf(raw, 'metrics', 'latest_metrics', 'last_metrics')),
  };
}

/** `GET /droplets`. Entries that cannot be read are counted, not silently dropped. */
export function readDropletList(body: unknown, now?: () => number): DropletList & { unreadable: string[]; dialect: WireDialect; traceId: string | null } {
  const env = readEnvelope(body);
  const items = env.payload.droplets;
  if (!Array.isArray(items)) throw new WireFormatError('The list response has no droplets array');
  const droplets: Droplet[] = [];
  const unreadable: string[] = [];
  for (const item of items) {
    try {
      droplets.push(readDroplet(item, now));
    } catch (e) {
      unreadable.push(errorText(e));
    }
  }
  const total = typeof env.payload.total === 'number' && env.payload.total >= 0 && Number.isSafeInteger(Math.floor(env.payload.total)) ? Math.floor(env.payload.total) : items.length;
  return { droplets, total, unreadable, dialect: env.dialect, traceId: env.traceId };
}

function readHistory(value: unknown): HeartbeatRecord[] {
  if (!Array.isArray(value)) return [];
  const out: HeartbeatRecord[] = [];
  for (const h of value) {
    if (!isRecord(h)) continue;
    const time = parseWireTime(firstOf(h, 'time', 'timestamp', 'at', 'received_at'));
    if (!time) continue;
    out.push({ time, status: readStatus(h.status), metrics: readMetrics(h.metrics) });
  }
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** `GET /droplets/{id}`: payload `{droplet: {...}}` or the droplet itself. */
export function readDropletDetails(body: unknown, now?: () => number): DropletDetails & { traceId: string | null; dialect: WireDialect } {
  const env = readEnvelope(body);
  const raw = isRecord(env.payload.droplet) ? env.payload.droplet : env.payload;
  const droplet = readDroplet(raw, now);
  const heartbeats = readHistory(firstOf(raw, 'heartbeat_history', 'heartbeats', 'health_history_24h', 'history'));
  const latest = heartbeats.at(-1);
  return {
    ...droplet,
    latestMetrics: droplet.latestMetrics ?? [...heartbeats].reverse().find((h) => h.metrics)?.metrics ?? null,
    lastHeartbeat: droplet.lastHeartbeat ?? latest?.time ?? null,
    heartbeats,
    traceId: env.traceId,
    dialect: env.dialect,
  };
}

export function readRegisterAck(body: unknown): RegisterAck & { dialect: WireDialect } {
  const env = readEnvelope(body);
  const p = env.payload;
  if (typeof p.registered !== 'boolean') throw new WireFormatError('The registration response does not say whether it registered');
  const outcome = p.status === 'updated' ? 'updated' : p.status === 'registered' || p.status === 'created' ? 'registered' : null;
  const interval = firstOf(p, 'heartbeat_interval_seconds', 'heartbeat_required_every_seconds');
  return {
    registered: p.registered,
    dropletId: readId(firstOf(p, 'droplet_id', 'id')),
    outcome,
    message: optString(p.message),
    registeredAt: parseWireTime(p.registered_at),
    heartbeatIntervalSeconds: typeof interval === 'number' ? interval : null,
    nextHeartbeatAt: typeof p.next_heartbeat_deadline === 'number' ? epochSecondsToIso(p.next_heartbeat_deadline) : null,
    traceId: env.traceId,
    dialect: env.dialect,
  };
}

export function readHeartbeatAck(body: unknown, now: () => number = Date.now): HeartbeatAck & { dialect: WireDialect } {
  const env = readEnvelope(body);
  const p = env.payload;
  const ack = firstOf(p, 'acknowledged', 'received');
  if (typeof ack !== 'boolean') throw new WireFormatError('The heartbeat response does not say whether it was received');
  let inSeconds: number | null = typeof p.next_heartbeat_in === 'number' && Number.isFinite(p.next_heartbeat_in) ? p.next_heartbeat_in : null;
  let at: string | null = null;
  if (typeof p.next_heartbeat_deadline === 'number') {
    at = epochSecondsToIso(p.next_heartbeat_deadline);
    if (at !== null && inSeconds === null) inSeconds = Math.max(0, Math.round(p.next_heartbeat_deadline - now() / 1000));
  } else if (inSeconds !== null) {
    at = epochSecondsToIso(now() / 1000 + inSeconds);
  }
  return { acknowledged: ack, dropletId: readId(p.droplet_id), nextHeartbeatInSeconds: inSeconds, nextHeartbeatAt: at, traceId: env.traceId, dialect: env.dialect };
}

/** A `/ws/droplets` message: a status change, a ping, or something to ignore. */
export function readLiveMessage(text: string): StatusChange | 'ping' | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const payload = isRecord(body) && isRecord(body.payload) ? body.payload : body;
  if (!isRecord(payload)) return null;
  if (payload.event === 'ping') return 'ping';
  if (payload.event !== 'droplet_health_changed' && payload.event !== 'droplet_status_changed') return null;
  const dropletId = readId(payload.droplet_id);
  if (dropletId === null) return null;
  return {
    dropletId,
    oldStatus: payload.old_status === undefined ? null : readStatus(payload.old_status),
    newStatus: readStatus(payload.new_status),
    changedAt: parseWireTime(payload.changed_at),
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}
