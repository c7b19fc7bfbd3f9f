/**
 * The history answer against a real sandbox in both dialects: the one source of the latest
 * tiles, the charts and the heartbeat strip (issue 11, section 4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { HistoryView } from '../../../../shared/model';
import type { FleetSnapshot } from '../../../../shared/fleet-update';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createStewardService, type StewardService } from '../../../../core/app/service';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';

const KEY = generateKeyPair('RS256');
const REG = { id: 42, name: 'droplet0', steward: 'Haythem', endpoint: 'http://localhost:8002', capabilities: ['udc_compliance'] };

let sandbox: RunningSandbox | null = null;
let service: StewardService | null = null;
afterEach(async () => {
  await service?.close();
  await sandbox?.close();
  service = null;
  sandbox = null;
});

async function boot(dialect: 'guide' | 'deployed', now: () => number = Date.now): Promise<StewardService> {
  sandbox = await startSandbox({ port: 0, dialect, publicKeyPem: KEY.publicKeyPem });
  service = await createStewardService({
    profileName: 'test',
    orchestratorUrl: sandbox.url,
    dialect: 'auto',
    identityDropletId: 42,
    steward: 'Haythem',
    privateKeyPem: KEY.privateKeyPem,
    pollIntervalMs: 5_000,
    embeddedSandbox: false,
    appVersion: '0.1.0',
    liveUpdates: false,
    sleep: async () => undefined,
    now,
  });
  return service;
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe('getHistory: the newest values and where the history begins', () => {
  it('deployed: the list carries no metrics, yet the latest values come from what Steward recorded, requests_per_minute as the requests metric', async () => {
    const s = await boot('deployed');
    ok(await s.dispatch('registerDroplet', REG));
    // The deployed Orchestrator's own heartbeat example (deployed-orchestrator-exchanges.md).
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 23.4, memory_mb: 512, requests_per_minute: 42 } }));
    expect(sandbox!.store.get(42)?.latestMetrics).toEqual({ cpu_percent: 23.4, memory_mb: 512, requests_per_minute: 42 });
    const fleet = ok<FleetSnapshot>(await s.dispatch('listDroplets', {}));
    expect(fleet.droplets.find((d) => d.id === 42)?.latestMetrics).toBeNull(); // why the tiles showed "—"

    const view = ok<HistoryView>(await s.dispatch('getHistory', { id: 42 }));
    expect(view.samples).toHaveLength(1);
    expect(view.samples[0]).toMatchObject({ cpu_percent: 23.4, memory_mb: 512, requests_last_minute: 42, errors_last_minute: null });
    const t = view.samples[0]!.t;
    expect(view.latest).toEqual({ cpu_percent: { t, v: 23.4 }, memory_mb: { t, v: 512 }, requests_last_minute: { t, v: 42 }, errors_last_minute: null });
    expect(view.since).toBe(t);
  });

  it('guide: a later beat without metrics does not hide the values before it, and since stays where the history began whatever range is asked', async () => {
    // Steward signs with this clock too, so it stays near the sandbox's.
    const first = Math.floor(Date.now() / 1000) * 1000 - 3 * 60_000;
    let clock = first;
    const s = await boot('guide', () => clock);
    ok(await s.dispatch('registerDroplet', REG));
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 10, requests_last_minute: 7, errors_last_minute: 0 } }));
    clock += 60_000;
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 11 } }));
    clock += 60_000;
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active' }));

    const view = ok<HistoryView>(await s.dispatch('getHistory', { id: 42, sinceMs: first + 90_000 }));
    expect(view.samples.map((x) => x.t)).toEqual([first + 120_000]);
    expect(view.since).toBe(first);
    expect(view.latest).toEqual({ cpu_percent: { t: first + 60_000, v: 11 }, memory_mb: null, requests_last_minute: { t: first, v: 7 }, errors_last_minute: { t: first, v: 0 } });
  });

  it('answers no history as since null and no latest values', async () => {
    const s = await boot('guide');
    expect(ok<HistoryView>(await s.dispatch('getHistory', { id: 99 }))).toEqual({
      samples: [],
      since: null,
      latest: { cpu_percent: null, memory_mb: null, requests_last_minute: null, errors_last_minute: null },
      extra: [],
      revision: 0,
    });
  });
});
