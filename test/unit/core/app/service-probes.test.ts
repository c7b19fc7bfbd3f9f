/** Probing through the service's contract: the fleet a poll read is probed, recorded and judged; settings persist. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { DependencyMap, ProbeDetails, ProbeSettings, ProbeSummary } from '../../../../shared/probe';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createStewardService, type StewardService } from '../../../../core/app/service';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';

const KEY = generateKeyPair('ES256');
let sandbox: RunningSandbox | null = null;
let service: StewardService | null = null;
let dir: string | null = null;
afterEach(async () => {
  await service?.close();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  service = sandbox = dir = null;
});

async function boot(embeddedSandbox: boolean): Promise<StewardService> {
  sandbox = await startSandbox({ port: 0, dialect: 'guide', publicKeyPem: KEY.publicKeyPem, fleet: 12, seed: 4 });
  dir = await mkdtemp(join(tmpdir(), 'steward-probe-'));
  service = await createStewardService({
    profileName: 'test',
    orchestratorUrl: sandbox.url,
    dialect: 'auto',
    identityDropletId: 1,
    privateKeyPem: KEY.privateKeyPem,
    pollIntervalMs: 5_000,
    embeddedSandbox,
    appVersion: '0.1.0',
    liveUpdates: false,
    dataDir: dir,
    sleep: async () => undefined,
    probes: { tickMs: 0 },
  });
  return service;
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe('probes through the service', () => {
  it('probes the droplets the fleet list names, charts their /state, and maps their dependencies', async () => {
    const s = await boot(true);
    ok(await s.dispatch('listDroplets', {}));
    const restarts: number[] = [];
    s.probes.onRestart((r) => restarts.push(r.id));
    const summaries = ok<ProbeSummary[]>(await s.dispatch('probeNow', {}));
    expect(summaries).toHaveLength(12);
    expect(new Set(summaries.map((x) => x.verdict))).toEqual(new Set(['answering', 'degraded', 'unreachable']));
    const d = ok<ProbeDetails>(await s.dispatch('getProbeDetails', { id: 100 }));
    expect(d.health?.status).toBe('active');
    expect(d.metrics).toContain('probe:requests_per_minute');
    const samples = ok<{ t: number; v: number }[]>(await s.dispatch('getExtraMetric', { id: 100, metric: 'probe:requests_per_minute' }));
    expect(samples).toHaveLength(1);
    const map = ok<DependencyMap>(await s.dispatch('getDependencyMap', undefined));
    expect(map.missing.map((m) => m.id)).toContain(102);
  });

  it('is off by default for a real Orchestrator, and the settings persist in probe-settings.json', async () => {
    const s = await boot(false);
    ok(await s.dispatch('listDroplets', {}));
    expect(ok<ProbeSettings>(await s.dispatch('getProbeSettings', undefined)).enabled).toBe(false);
    expect(ok<ProbeSummary[]>(await s.dispatch('getProbeSummary', undefined))[0]).toMatchObject({ verdict: 'not_probed', note: 'probing is off for this profile' });
    const saved = ok<ProbeSettings>(await s.dispatch('setProbeSettings', { enabled: true, scope: 'ids', ids: [100] }));
    expect(saved).toMatchObject({ enabled: true, scope: 'ids', ids: [100], fastIntervalSeconds: 60 });
    expect(JSON.parse(await readFile(join(dir!, 'probe-settings.json'), 'utf8'))).toEqual(saved);
    const r = await s.dispatch('setProbeSettings', { fastIntervalSeconds: 1 });
    expect(r.ok ? null : r.error.kind).toBe('bad_input');
  });

  it('answers details of a droplet it has not seen with not_found', async () => {
    const s = await boot(true);
    const r = await s.dispatch('getProbeDetails', { id: 999 });
    expect(r.ok ? null : r.error.kind).toBe('not_found');
  });
});
