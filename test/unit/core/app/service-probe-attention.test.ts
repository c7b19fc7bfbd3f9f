/** Probe events through the service: the sandbox's droplets restart and stop answering; the events timeline says so, once. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttentionEvent } from '../../../../shared/attention';
import type { FleetUpdate } from '../../../../shared/fleet-update';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { ProbeSummary } from '../../../../shared/probe';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createStewardService, type StewardService } from '../../../../core/app/service';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';

const KEY = generateKeyPair('ES256');
const MIN = 60_000;
let sandbox: RunningSandbox | null = null;
let services: StewardService[] = [];
let dir: string | null = null;
afterEach(async () => {
  for (const s of services) await s.close();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  services = [];
  sandbox = dir = null;
});

const clock = { now: 0 };

async function openService(): Promise<StewardService> {
  const s = await createStewardService({
    profileName: 'test',
    orchestratorUrl: sandbox!.url,
    dialect: 'auto',
    identityDropletId: 1,
    privateKeyPem: KEY.privateKeyPem,
    pollIntervalMs: 5_000,
    embeddedSandbox: true,
    appVersion: '0.1.0',
    liveUpdates: false,
    dataDir: dir!,
    now: () => clock.now,
    sleep: async () => undefined,
    attentionTickMs: 0,
    probes: { tickMs: 0 },
  });
  services.push(s);
  ok(await s.dispatch('setAttentionSettings', { groupSeconds: 0 }));
  return s;
}

async function boot(): Promise<StewardService> {
  clock.now = Date.now();
  sandbox = await startSandbox({ port: 0, dialect: 'guide', publicKeyPem: KEY.publicKeyPem, fleet: 12, seed: 4, now: () => clock.now });
  dir = await mkdtemp(join(tmpdir(), 'steward-probe-attn-'));
  return openService();
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function probeEvents(s: StewardService): Promise<AttentionEvent[]> {
  const all = ok<AttentionEvent[]>(await s.dispatch('getEvents', {}));
  return all.filter((e) => e.kind === 'restarted' || e.kind === 'probe_unanswered' || e.kind === 'probe_answering').reverse();
}

describe('probe events through the service', () => {
  it('tells a droplet restarted when its uptime went down between two probes, and not again after Steward restarts', async () => {
    let s = await boot();
    clock.now += 2 * MIN; // every droplet has been up two minutes
    ok(await s.dispatch('listDroplets', {}));
    const first = ok<ProbeSummary[]>(await s.dispatch('probeNow', {}));
    const restarting = first.find((x) => x.verdict !== 'unreachable' && sandbox!.dropletRoutes!.traits(x.id)?.restartEveryMs);
    expect(restarting).toBeDefined();
    const period = sandbox!.dropletRoutes!.traits(restarting!.id)!.restartEveryMs!;
    expect(await probeEvents(s)).toEqual([]);

    // Its period later less a minute: it restarted and has been up one minute.
    clock.now += period - MIN;
    ok(await s.dispatch('probeNow', { ids: [restarting!.id] }));
    const events = await probeEvents(s);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'restarted', count: 1, muted: false });
    expect(events[0]!.items[0]!.id).toBe(restarting!.id);
    expect(events[0]!.summary).toMatch(/restarted \(uptime went from 2 min to 1 min\)$/);

    // A new Steward on the same folder: its prober starts afresh, nothing is told twice.
    await s.close();
    s = await openService();
    ok(await s.dispatch('listDroplets', {}));
    ok(await s.dispatch('probeNow', {}));
    expect(await probeEvents(s)).toHaveLength(1);
  });

  it("tells a droplet's /health going silent while the Orchestrator says active, once across a restart, and its return", async () => {
    let s = await boot();
    const fleet = ok<FleetUpdate>(await s.dispatch('listDroplets', {}));
    const summaries = ok<ProbeSummary[]>(await s.dispatch('probeNow', {}));
    const active = new Set(fleet.droplets.filter((d) => d.status === 'active').map((d) => d.id));
    const target = summaries.find((x) => x.verdict === 'answering' && active.has(x.id));
    expect(target).toBeDefined();
    const id = target!.id;

    sandbox!.dropletRoutes!.setMode(id, 'unreachable');
    clock.now += 5_000;
    ok(await s.dispatch('probeNow', { ids: [id] }));
    let events = await probeEvents(s);
    expect(events.map((e) => [e.kind, e.items[0]?.id])).toEqual([['probe_unanswered', id]]);
    expect(events[0]!.summary).toMatch(/stopped answering on \/health \(the Orchestrator still says active\)$/);

    await s.close();
    s = await openService();
    ok(await s.dispatch('listDroplets', {}));
    clock.now += 5_000;
    ok(await s.dispatch('probeNow', {}));
    expect(await probeEvents(s)).toHaveLength(1);

    sandbox!.dropletRoutes!.setMode(id, 'normal');
    clock.now += 5_000;
    ok(await s.dispatch('probeNow', { ids: [id] }));
    events = await probeEvents(s);
    expect(events.map((e) => [e.kind, e.items[0]?.id])).toEqual([
      ['probe_unanswered', id],
      ['probe_answering', id],
    ]);
  });
});
