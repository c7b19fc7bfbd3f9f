/**
 * One fleet answer, from the HTTP body to what crosses IPC: parse, read either dialect, move
 * times onto our clock, and keep only what changed for the renderer's copy. The costly part of
 * a poll (JSON.parse alone is ~30 ms for 10,000 droplets), so it can run in a worker thread
 * (decode-worker.ts); it imports nothing that needs the main thread.
 */
import type { FleetMark, FleetUpdate } from '../../shared/fleet-update';
import type { Droplet } from '../../shared/model';
import { readDropletList } from '../../shared/udc';
import { parseJson, readWith, significantClockOffsetMs } from '../orchestrator/answers';
import { onLocalClock } from '../orchestrator/clock-offset';
import { OrchestratorError, type OrchestratorErrorInit } from '../orchestrator/errors';
import { fromServer } from '../orchestrator/redact';
import { cleanDroplet } from '../orchestrator/server-fields';
import type { SentCopies } from './sent-copies';
import type { ExchangeResult } from '../orchestrator/transport';
import { ListedBeatsBuilder, type ListedBeats } from './listed-beats';

export interface FleetRequest {
  /** filtersKey() of the filters the list was asked with. */
  key: string;
  /** The copy the renderer holds, when it holds one. */
  since?: FleetMark;
  /** Our clock (epoch ms) when the answer arrived: the update's fetchedAt. */
  nowMs: number;
  /**
   * Only this droplet is wanted (the details route failed and the list stands in): the answer
   * holds it alone, or nothing, and no remembered copy changes.
   */
  only?: number;
  /** Time the pipeline's stages (the bench asks); otherwise no clock is read. */
  timeStages?: boolean;
}

/** How long one answer's stages took, ms (worker thread). */
export interface DecodeStages {
  /** The body's bytes to text, and JSON.parse. */
  parseMs: number;
  /** Tolerant reading of either dialect, and moving times onto our clock. */
  readMs: number;
  /** Change tracking against the renderer's copy, and picking out new beats. */
  diffMs: number;
}

/** What a fleet answer gives: the renderer's update, and the new beats for the history (kept in main). */
export interface DecodedFleet {
  update: FleetUpdate;
  beats: ListedBeats;
  /** Only when the request asked for `timeStages`. */
  stages?: DecodeStages;
}

/** Plain data, so it can cross from a worker thread; errors travel as their fields. */
export type DecodeOutcome = ({ ok: true } & DecodedFleet) | { ok: false; error: OrchestratorErrorInit };

const utf8 = new TextDecoder();

/** ms since the last lap (or since it was started). */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const t = performance.now();
    const lap = t - last;
    last = t;
    return lap;
  };
}

/** How many unreadable entries are named, and how much of each: the rest are counted. */
export const UNREADABLE_SHOWN = 20;
export const UNREADABLE_CHARS = 200;

/**
 * Why entries could not be read, as Steward's text: the readers quote the server's fields (an
 * id, a capabilities list), which may hold a token, so each is redacted and freed of bidi
 * controls (fromServer), cut, and only the first few named; one last line says how many more.
 */
export function unreadableTexts(reasons: readonly string[], token: string | null | undefined): string[] {
  const shown = reasons.slice(0, UNREADABLE_SHOWN).map((r) => {
    const text = fromServer(r, token);
    return text.length > UNREADABLE_CHARS ? `${text.slice(0, UNREADABLE_CHARS)}…` : text;
  });
  const more = reasons.length - shown.length;
  if (more > 0) shown.push(`…and ${more} more ${more === 1 ? 'entry' : 'entries'} that could not be read`);
  return shown;
}

export function decodeFleetAnswer(sync: SentCopies, answer: ExchangeResult, request: FleetRequest): DecodeOutcome {
  try {
    const lap = request.timeStages ? stopwatch() : undefined;
    const { bytes, ...rest } = answer;
    const result: ExchangeResult = bytes ? { ...rest, text: utf8.decode(bytes) } : answer;
    const body = parseJson(result);
    const parseMs = lap?.() ?? 0;
    const read = readWith(result, body, (b) => readDropletList(b, () => request.nowMs));
    // The droplets' words are the server's: a name quoting the token sent must not reach the window.
    const list = { ...read, droplets: read.droplets.map((d) => cleanDroplet(d, result.sentToken)) };
    const clockOffsetMs = significantClockOffsetMs(result, body);
    const meta = { total: list.total, unreadable: unreadableTexts(list.unreadable, result.sentToken), fetchedAt: new Date(request.nowMs).toISOString(), clockOffsetMs, dialect: list.dialect, traceId: result.traceId };
    if (request.only !== undefined) {
      const found = list.droplets.find((d) => d.id === request.only);
      const droplets = found ? [onLocalClock(found, clockOffsetMs)] : [];
      const stages = lap ? { stages: { parseMs, readMs: lap(), diffMs: 0 } } : {};
      return { ok: true, beats: new ListedBeatsBuilder(0).build(), update: { ...meta, base: null, droplets, patches: [], removed: [], sync: { stream: sync.stream, version: 0 } }, ...stages };
    }
    const droplets = clockOffsetMs === 0 ? list.droplets : list.droplets.map((d) => onLocalClock(d, clockOffsetMs));
    const readMs = lap?.() ?? 0;
    const diff = sync.diff(request.key, droplets, request.since);
    // A patch with a new beat time: record the droplet as read (its first entry, as the diff kept).
    const beaten = new Set(diff.patches.filter((p) => p.lastHeartbeat !== undefined).map((p) => p.id));
    const beats = new ListedBeatsBuilder(diff.droplets.length + beaten.size);
    // Only rows that carry metrics: a metric-less row (the deployed list) would punch holes in the charts.
    const beat = (d: Droplet): void => {
      if (d.lastHeartbeat && d.latestMetrics) beats.add(d.id, d.lastHeartbeat, d.status, d.latestMetrics);
    };
    diff.droplets.forEach(beat);
    if (beaten.size > 0) for (const d of droplets) if (beaten.delete(d.id)) beat(d);
    const stages = lap ? { stages: { parseMs, readMs, diffMs: lap() } } : {};
    return {
      ok: true,
      beats: beats.build(),
      update: { ...diff, ...meta },
      ...stages,
    };
  } catch (e) {
    if (e instanceof OrchestratorError) return { ok: false, error: e.init() };
    throw e;
  }
}
