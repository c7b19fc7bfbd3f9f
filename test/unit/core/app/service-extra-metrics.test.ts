/** A metric beyond the charted four, through dispatch: recorded from a sent heartbeat, answered on demand. */
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { HistoryView } from '../../../../shared/model';
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

async function boot(): Promise<StewardService> {
  sandbox = await startSandbox({ port: 0, dialect: 'guide', publicKeyPem: KEY.publicKeyPem });
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
  });
  return service;
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe('getExtraMetric', () => {
  it('answers the samples of a metric a heartbeat carried beyond the four, named in getHistory', async () => {
    const s = await boot();
    ok(await s.dispatch('registerDroplet', REG));
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 5, queue_depth: 3 } }));

    const view = ok<HistoryView>(await s.dispatch('getHistory', { id: 42 }));
    expect(view.extra).toEqual(['queue_depth']);
    const t = view.samples[0]!.t;
    expect(ok(await s.dispatch('getExtraMetric', { id: 42, metric: 'queue_depth' }))).toEqual([{ t, v: 3 }]);
    expect(ok(await s.dispatch('getExtraMetric', { id: 42, metric: 'cpu_percent' }))).toEqual([]);
  });

  it('refuses a metric name beyond 64 characters as bad input', async () => {
    const s = await boot();
    const r = await s.dispatch('getExtraMetric', { id: 42, metric: 'x'.repeat(65) });
    expect(r.ok ? null : r.error.kind).toBe('bad_input');
  });
});
