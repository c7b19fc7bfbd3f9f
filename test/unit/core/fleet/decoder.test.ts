import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { inlineFleetDecoder, workerFleetDecoder, type FleetDecoder } from '../../../../core/fleet/decoder';
import { isOrchestratorError } from '../../../../core/orchestrator/errors';
import { filtersKey } from '../../../../core/fleet/sent-copies';
import type { ExchangeResult } from '../../../../core/orchestrator/transport';
import { listedBeatRecords } from '../../../../core/fleet/listed-beats';

const WORKER_SOURCE = fileURLToPath(new URL('../../../../core/fleet/decode-worker.ts', import.meta.url));
const NOW = Date.parse('2026-11-27T08:00:30.000Z');

function answer(droplets: unknown[], extra: Partial<ExchangeResult> = {}): ExchangeResult {
  const body = { trace_id: 'tr-1', payload: { droplets, total: droplets.length } };
  return { status: 200, text: JSON.stringify(body), exchangeId: 7, traceId: 'tr-1', serverDate: NOW, receivedAt: NOW, ...extra };
}

const wire = (id: number, status = 'active', beat = '2026-11-27T08:00:00Z') => ({
  id,
  name: `d${id}`,
  status,
  capabilities: ['a'],
  last_heartbeat: beat,
  metrics: { cpu_percent: id },
});

const request = (since?: { stream: string; version: number }) => ({ key: filtersKey({}), since, nowMs: NOW });

const open: FleetDecoder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

describe.each([
  ['inline', () => inlineFleetDecoder()],
  ['worker thread', () => workerFleetDecoder(WORKER_SOURCE)],
])('%s fleet decoder', (_name, make) => {
  const decoder = (): FleetDecoder => {
    const d = make();
    open.push(d);
    return d;
  };

  it('reads the whole list first, then only what changed', async () => {
    const d = decoder();
    const { update: first, beats } = await d.decode(answer([wire(1), wire(2)]), request());
    expect(first.base).toBeNull();
    expect(first.droplets.map((x) => x.id)).toEqual([1, 2]);
    expect(first.traceId).toBe('tr-1');
    expect(listedBeatRecords(beats).map((b) => b.id)).toEqual([1, 2]);
    const second = await d.decode(answer([wire(1), wire(2, 'error', '2026-11-27T08:00:20Z'), wire(3)]), request(first.sync));
    expect(second.update.base).toEqual(first.sync);
    // Changed: only what changed; new: whole; and each new beat once, for the history.
    expect(second.update.patches).toEqual([{ id: 2, status: 'error', lastHeartbeat: '2026-11-27T08:00:20.000Z' }]);
    expect(second.update.droplets.map((x) => x.id)).toEqual([3]);
    expect(listedBeatRecords(second.beats)).toMatchObject([{ id: 3 }, { id: 2, status: 'error', t: Date.parse('2026-11-27T08:00:20.000Z'), metrics: { cpu_percent: 2 } }]);
  });

  it('turns an unreadable answer into a malformed error naming its exchange', async () => {
    const d = decoder();
    const e = await d.decode({ ...answer([]), text: '<html><title>Bad Gateway</title></html>' }, request()).catch((x: unknown) => x);
    expect(isOrchestratorError(e, 'malformed')).toBe(true);
    expect(e).toMatchObject({ exchangeId: 7, message: expect.stringContaining('HTML') });
    const shape = await d.decode({ ...answer([]), text: '{"payload":{}}' }, request()).catch((x: unknown) => x);
    expect(isOrchestratorError(shape, 'malformed')).toBe(true);
  });

  it('applies pushed status changes to its copy, so the next poll corrects a stale one', async () => {
    const d = decoder();
    const { update: first } = await d.decode(answer([wire(1)]), request());
    d.applyStatus({ dropletId: 1, oldStatus: 'active', newStatus: 'inactive', changedAt: null });
    const { update: second } = await d.decode(answer([wire(1)]), request(first.sync));
    expect(second.patches).toEqual([{ id: 1, status: 'active' }]);
  });

  it('applies a run of pushes in order before the next poll: the answer that matches the last one is no change', async () => {
    const d = decoder();
    const { update: first } = await d.decode(answer([wire(1), wire(2)]), request());
    d.applyStatus({ dropletId: 1, oldStatus: 'active', newStatus: 'inactive', changedAt: null });
    d.applyStatus({ dropletId: 2, oldStatus: 'active', newStatus: 'inactive', changedAt: null });
    d.applyStatus({ dropletId: 1, oldStatus: 'inactive', newStatus: 'error', changedAt: null });
    const { update: second } = await d.decode(answer([wire(1, 'error'), wire(2)]), request(first.sync));
    expect(second.patches).toEqual([{ id: 2, status: 'active' }]);
  });

  it('moves times onto our clock when the Orchestrator clock is hours off', async () => {
    const d = decoder();
    const { update } = await d.decode(answer([wire(1, 'active', '2026-11-27T11:00:00Z')], { serverDate: NOW + 3 * 3_600_000 }), request());
    expect(update.clockOffsetMs).toBe(3 * 3_600_000);
    expect(update.droplets[0]!.lastHeartbeat).toBe('2026-11-27T08:00:00.000Z');
  });
});

describe('worker fleet decoder', () => {
  it('fails the polls in flight when its worker cannot start, and says so', async () => {
    const d = workerFleetDecoder('/nonexistent/fleet-worker.js');
    open.push(d);
    await expect(d.decode(answer([wire(1)]), request())).rejects.toThrow(/fleet decoder stopped/);
  });

  it('fails a poll at once when the worker file cannot even be named, and keeps failing plainly', async () => {
    const d = workerFleetDecoder('relative/fleet-worker.js');
    open.push(d);
    await expect(d.decode(answer([wire(1)]), request())).rejects.toThrow(/could not start/);
    await expect(d.decode(answer([wire(1)]), request())).rejects.toThrow(/could not start/);
  });

  it('warming up a worker that cannot start throws nothing; the first poll says why', async () => {
    for (const file of ['relative/fleet-worker.js', '/nonexistent/fleet-worker.js']) {
      const d = workerFleetDecoder(file);
      open.push(d);
      expect(() => d.warmUp()).not.toThrow();
      await expect(d.decode(answer([wire(1)]), request())).rejects.toThrow(/could not start|fleet decoder stopped/);
    }
  });
});
