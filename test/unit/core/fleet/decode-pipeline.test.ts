import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFleetAnswer, type DecodeOutcome, type FleetRequest } from '../../../../core/fleet/decode-pipeline';
import { workerFleetDecoder, type FleetDecoder } from '../../../../core/fleet/decoder';
import { SentCopies, filtersKey } from '../../../../core/fleet/sent-copies';
import type { FleetUpdate } from '../../../../shared/fleet-update';
import type { ExchangeResult } from '../../../../core/orchestrator/transport';
import { listedBeatRecords } from '../../../../core/fleet/listed-beats';

// The bench's parse / read / diff figures are these stages, timed inside the pipeline the app
// runs (clock correction and beat extraction included), not a copy of it.

const WORKER_SOURCE = fileURLToPath(new URL('../../../../core/fleet/decode-worker.ts', import.meta.url));
const NOW = Date.parse('2026-11-27T08:00:30.000Z');
const HOURS_AHEAD = 3 * 3_600_000;

const wire = (id: number, status = 'active', beat = '2026-11-27T11:00:00Z') => ({
  id,
  name: `d${id}`,
  status,
  capabilities: ['a'],
  last_heartbeat: beat,
  metrics: { cpu_percent: id },
});

/** An answer as the transport hands it over (bytes), from an Orchestrator whose clock is hours ahead. */
function answer(droplets: unknown[]): ExchangeResult {
  const text = JSON.stringify({ trace_id: 'tr-1', payload: { droplets, total: droplets.length } });
  return { status: 200, text: '', bytes: new TextEncoder().encode(text), exchangeId: 7, traceId: 'tr-1', serverDate: NOW + HOURS_AHEAD, receivedAt: NOW };
}

const FIRST = [wire(1), wire(2)];
const SECOND = [wire(1), wire(2, 'error', '2026-11-27T11:00:20Z'), wire(3)];

/** Each SentCopies names its own stream; the rest of an update must be the same. */
const sameStream = (u: FleetUpdate): FleetUpdate => ({ ...u, base: u.base && { ...u.base, stream: 's' }, sync: { ...u.sync, stream: 's' } });

function decodeTwice(timeStages: boolean): DecodeOutcome[] {
  const sync = new SentCopies();
  const request = (since?: FleetRequest['since']): FleetRequest => ({ key: filtersKey({}), since, nowMs: NOW, ...(timeStages ? { timeStages } : {}) });
  const first = decodeFleetAnswer(sync, answer(FIRST), request());
  if (!first.ok) throw new Error('the first answer did not decode');
  return [first, decodeFleetAnswer(sync, answer(SECOND), request(first.update.sync))];
}

describe('the decode pipeline, timed by stage', () => {
  it('reports parse, read and diff times only when asked', () => {
    for (const outcome of decodeTwice(true)) {
      if (!outcome.ok) throw new Error('did not decode');
      expect(outcome.stages).toEqual({ parseMs: expect.any(Number), readMs: expect.any(Number), diffMs: expect.any(Number) });
      for (const ms of Object.values(outcome.stages!)) expect(ms).toBeGreaterThanOrEqual(0);
    }
    for (const outcome of decodeTwice(false)) expect(outcome).not.toHaveProperty('stages');
  });

  it('decodes exactly as untimed: clock correction, change tracking and beats included', () => {
    const timed = decodeTwice(true);
    const plain = decodeTwice(false);
    for (const [i, t] of timed.entries()) {
      const p = plain[i]!;
      if (!t.ok || !p.ok) throw new Error('did not decode');
      expect(sameStream(t.update)).toEqual(sameStream(p.update));
      expect(t.beats).toEqual(p.beats);
    }
    // The stages timed were the real ones: times moved onto our clock, only the change sent, its beat kept.
    const second = timed[1]!;
    if (!second.ok) throw new Error('did not decode');
    expect(second.update.clockOffsetMs).toBe(HOURS_AHEAD);
    expect(second.update.patches).toEqual([{ id: 2, status: 'error', lastHeartbeat: '2026-11-27T08:00:20.000Z' }]);
    expect(listedBeatRecords(second.beats).map((b) => b.id)).toEqual([3, 2]);
  });

  it('the only-one-droplet answer is timed too', () => {
    const outcome = decodeFleetAnswer(new SentCopies(), answer(FIRST), { key: filtersKey({}), nowMs: NOW, only: 2, timeStages: true });
    expect(outcome).toMatchObject({ ok: true, stages: { diffMs: 0 }, update: { droplets: [{ id: 2 }] } });
  });
});

describe('the fleet worker thread', () => {
  const open: FleetDecoder[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });

  it('sends the stage times back with its answer, and none unless asked', async () => {
    const d = workerFleetDecoder(WORKER_SOURCE);
    open.push(d);
    const timed = await d.decode(answer(FIRST), { key: filtersKey({}), nowMs: NOW, timeStages: true });
    expect(timed.stages).toEqual({ parseMs: expect.any(Number), readMs: expect.any(Number), diffMs: expect.any(Number) });
    const plain = await d.decode(answer(SECOND), { key: filtersKey({}), nowMs: NOW, since: timed.update.sync });
    expect(plain).not.toHaveProperty('stages');
    expect(plain.update.patches).toHaveLength(1);
  });
});
