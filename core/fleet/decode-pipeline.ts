/**
 * One fleet answer, from the HTTP body to what crosses IPC: parse, read either dialect, move
 * times onto our clock, and keep only what changed for the renderer's copy. The costly part of
 * a poll (JSON.parse alone is ~30 ms for 10,000 droplets), so it can run in a worker thread
 * (decode-worker.ts); it imports nothing that needs the main thread.
 */
import type { FleetMark, FleetUpdate } from '../../shared/fleet-update';
import type { Droplet, Metrics } from '../../shared/model';
import { readDropletList } from '../../shared/udc';
import { parseJson, readWith, significantClockOffsetMs } from '../orchestrator/answers';
import { onLocalClock } from '../orchestrator/clock-offset';
import { OrchestratorError, type OrchestratorErrorInit } from '../orchestrator/errors';
import type { SentCopies } from './sent-copies';
import type { ExchangeResult } from '../orchestrator/transport';

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
}

/** A beat the list shows for the first time, for the metric history (kept in main). */
interface ListedBeat {
  id: number;
  time: string;
  status: string;
  metrics: Metrics;
}

/** What a fleet answer gives: the renderer's update, and the new beats for the history. */
export interface DecodedFleet {
  update: FleetUpdate;
  beats: ListedBeat[];
}

/** Plain data, so it can cross from a worker thread; errors travel as their fields. */
export type DecodeOutcome = ({ ok: true } & DecodedFleet) | { ok: false; error: OrchestratorErrorInit };

const utf8 = new TextDecoder();

export function decodeFleetAnswer(sync: SentCopies, answer: ExchangeResult, request: FleetRequest): DecodeOutcome {
  try {
    const { bytes, ...rest } = answer;
    const result: ExchangeResult = bytes ? { ...rest, text: utf8.decode(bytes) } : answer;
    const body = parseJson(result);
    const list = readWith(result, body, (b) => readDropletList(b, () => request.nowMs));
    const clockOffsetMs = significantClockOffsetMs(result, body);
    const meta = { total: list.total, unreadable: list.unreadable, fetchedAt: new Date(request.nowMs).toISOString(), clockOffsetMs, dialect: list.dialect, traceId: result.traceId };
    if (request.only !== undefined) {
      const found = list.droplets.find((d) => d.id === request.only);
      const droplets = found ? [onLocalClock(found, clockOffsetMs)] : [];
      return { ok: true, beats: [], update: { ...meta, base: null, droplets, patches: [], removed: [], sync: { stream: sync.stream, version: 0 } } };
    }
    const droplets = clockOffsetMs === 0 ? list.droplets : list.droplets.map((d) => onLocalClock(d, clockOffsetMs));
    const diff = sync.diff(request.key, droplets, request.since);
    // Only rows that carry metrics: a metric-less row (the deployed list) would punch holes in the charts.
    const beats: ListedBeat[] = [];
    const beat = (d: Droplet): void => {
      if (d.lastHeartbeat && d.latestMetrics) beats.push({ id: d.id, time: d.lastHeartbeat, status: d.status, metrics: d.latestMetrics });
    };
    diff.droplets.forEach(beat);
    // A patch with a new beat time: record the droplet as read (its first entry, as the diff kept).
    const beaten = new Set(diff.patches.filter((p) => p.lastHeartbeat !== undefined).map((p) => p.id));
    if (beaten.size > 0) for (const d of droplets) if (beaten.delete(d.id)) beat(d);
    return {
      ok: true,
      beats,
      update: { ...diff, ...meta },
    };
  } catch (e) {
    if (e instanceof OrchestratorError) return { ok: false, error: e.init() };
    throw e;
  }
}
