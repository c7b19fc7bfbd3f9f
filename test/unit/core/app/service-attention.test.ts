// The attention room inside a profile's service: fed by the window's unfiltered polls, by
// main's own reads when the window is silent, answering the attention methods.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { AttentionEvent, AttentionSettingsView, Problems } from '../../../../shared/attention';
import type { FleetUpdate } from '../../../../shared/fleet-update';
import type { AppInfo } from '../../../../shared/model';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createStewardService, type ServiceConfig, type StewardService } from '../../../../core/app/service';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';

const KEY = generateKeyPair('ES256');
let sandbox: RunningSandbox | null = null;
let service: StewardService | null = null;
afterEach(async () => {
  await service?.close();
  await sandbox?.close();
  service = sandbox = null;
});

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** A profile's service over the sandbox started. */
async function startService(over: Partial<ServiceConfig>): Promise<StewardService> {
  service = await createStewardService({
    profileName: 't',
    orchestratorUrl: sandbox!.url,
    dialect: 'auto',
    identityDropletId: 5,
    privateKeyPem: KEY.privateKeyPem,
    pollIntervalMs: 1_000,
    embeddedSandbox: false,
    appVersion: 't',
    liveUpdates: false,
    dataDir: mkdtempSync(join(tmpdir(), 'svc-attn-')),
    sleep: async () => undefined,
    ...over,
  });
  return service;
}

async function boot(clock: { now: number }, tickMs = 0) {
  sandbox = await startSandbox({ port: 0, dialect: 'guide', publicKeyPem: KEY.publicKeyPem });
  const s = await startService({ attentionTickMs: tickMs, now: () => clock.now });
  const events: AttentionEvent[] = [];
  const problems: Problems[] = [];
  s.onEvent((e, p) => {
    if (e === 'attentionEvent') events.push(p as AttentionEvent);
    if (e === 'problemsChanged') problems.push(p as Problems);
  });
  for (const id of [5, 6]) {
    ok(await s.dispatch('registerDroplet', { id, name: `d-${id}`, endpoint: `http://127.0.0.1:90${id}`, capabilities: [] }));
    ok(await s.dispatch('sendHeartbeat', { id, status: 'active' }));
  }
  return { s, events, problems };
}

describe('attention in the service', () => {
  it('hears the window’s unfiltered polls and answers problems, events, settings and mutes', async () => {
    const clock = { now: Date.now() };
    const { s, events, problems } = await boot(clock);
    ok(await s.dispatch('setAttentionSettings', { groupSeconds: 0, holdSeconds: 0 }));
    const snap = ok<FleetUpdate>(await s.dispatch('listDroplets', {}));
    ok(await s.dispatch('sendHeartbeat', { id: 6, status: 'error' }));
    // A filtered poll is not the fleet: it teaches the engine nothing.
    ok(await s.dispatch('listDroplets', { status: 'active' }));
    expect(events).toEqual([]);
    ok<FleetUpdate>(await s.dispatch('listDroplets', { since: snap.sync }));
    expect(events.map((e) => [e.kind, e.items.map((i) => i.id)])).toEqual([['error', [6]]]);
    expect(problems.at(-1)).toMatchObject({ count: 1, worst: 'error' });
    expect(ok<Problems>(await s.dispatch('getProblems', undefined)).top).toEqual([expect.objectContaining({ id: 6, name: 'd-6', state: 'error' })]);
    expect(ok<AttentionEvent[]>(await s.dispatch('getEvents', { dropletId: 6 }))).toHaveLength(1);
    expect(ok<AttentionEvent[]>(await s.dispatch('getEvents', { dropletId: 5 }))).toHaveLength(0);
    const muted = ok<AttentionSettingsView>(await s.dispatch('muteAttention', { target: 'droplet', id: 6, span: 'forever' }));
    expect(muted.mutes.droplets).toEqual({ '6': null });
    expect(ok<Problems>(await s.dispatch('getProblems', undefined))).toMatchObject({ count: 1, unmutedCount: 0, worst: null });
    await expect(s.dispatch('muteAttention', { target: 'droplet', id: -1, span: 'forever' })).resolves.toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    // Export without a save dialog says so in words.
    expect(await s.dispatch('exportEvents', { format: 'csv' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('no save dialog') } });
  });

  it('reads the fleet itself when the window has not polled for 1.5 intervals', async () => {
    const clock = { now: Date.now() };
    const { s, events } = await boot(clock, 20);
    ok(await s.dispatch('setAttentionSettings', { groupSeconds: 0, holdSeconds: 0 }));
    ok(await s.dispatch('listDroplets', {}));
    ok(await s.dispatch('sendHeartbeat', { id: 5, status: 'error' }));
    expect(events).toEqual([]);
    clock.now += 1_600; // no poll from the window for 1.6 s
    await expect.poll(() => events.map((e) => e.kind), { timeout: 5_000 }).toEqual(['error']);
  });

  it('exports the events through the injected save dialog', async () => {
    const clock = { now: Date.now() };
    const { s } = await boot(clock);
    ok(await s.dispatch('setAttentionSettings', { groupSeconds: 0, holdSeconds: 0 }));
    await service!.close();
    const dir = mkdtempSync(join(tmpdir(), 'svc-export-'));
    const asked: unknown[] = [];
    service = await createStewardService({
      profileName: 't', orchestratorUrl: sandbox!.url, dialect: 'auto', identityDropletId: 5, privateKeyPem: KEY.privateKeyPem, pollIntervalMs: 1_000,
      embeddedSandbox: false, appVersion: 't', liveUpdates: false, attentionTickMs: 0,
      chooseSavePath: async (o) => (asked.push(o), join(dir, 'out.json')),
    });
    const r = ok<{ savedTo: string | null; count: number }>(await service.dispatch('exportEvents', { format: 'json' }));
    expect(r).toEqual({ savedTo: join(dir, 'out.json'), count: 0 });
    expect(asked).toEqual([expect.objectContaining({ title: 'Export events', filters: [{ name: 'JSON', extensions: ['json'] }] })]);
  });

  it('at the live pace judges lateness as of the last read: a beat a little slow is not called late before the next read shows it, one overdue at the read is late at once', async () => {
    const sandboxClock = { offsetMs: 0 };
    // Its clock is moved back for the beats: tokens are not refused for it, and the monitor (inactive at
    // 90 s) stays out of this test.
    sandbox = await startSandbox({ port: 0, dialect: 'guide', publicKeyPem: KEY.publicKeyPem, inactiveAfterSeconds: 3_600, iatLeewaySeconds: Infinity, now: () => Date.now() + sandboxClock.offsetMs });
    const clock = { offsetMs: 0 };
    const s = await startService({ pollIntervalMs: 10_000, liveUpdates: true, attentionTickMs: 20, now: () => Date.now() + clock.offsetMs });
    // Droplet 6 beat 80 s before the read (past interval + grace); droplet 5 62 s before (its next beat, 2 s slow, is unseen).
    for (const [id, ageS] of [[6, 80], [5, 62]] as const) {
      sandboxClock.offsetMs = -ageS * 1000;
      ok(await s.dispatch('registerDroplet', { id, name: `d-${id}`, endpoint: `http://127.0.0.1:90${id}`, capabilities: [] }));
      ok(await s.dispatch('sendHeartbeat', { id, status: 'active' }));
    }
    sandboxClock.offsetMs = 0;
    await expect.poll(async () => ok<AppInfo>(await s.dispatch('getAppInfo', undefined)).pollPace.mode, { timeout: 5_000 }).toBe('live');
    const read = ok<FleetUpdate>(await s.dispatch('listDroplets', {}));
    await expect.poll(async () => ok<Problems>(await s.dispatch('getProblems', undefined)).top.map((p) => [p.id, p.state]), { timeout: 2_000 }).toEqual([[6, 'late']]);

    // 45 s on, the next read still 15 s away: droplet 5 is 107 s from its last seen beat, but nothing read says it missed one.
    clock.offsetMs = 45_000;
    await new Promise((r) => setTimeout(r, 300)); // fifteen ticks
    expect(ok<Problems>(await s.dispatch('getProblems', undefined)).top.map((p) => [p.id, p.state])).toEqual([[6, 'late']]);

    // A read that shows no newer beat: now it is late.
    ok(await s.dispatch('listDroplets', { since: read.sync }));
    await expect.poll(async () => ok<Problems>(await s.dispatch('getProblems', undefined)).top.map((p) => [p.id, p.state]), { timeout: 2_000 }).toEqual([
      [6, 'late'],
      [5, 'late'],
    ]);
  });
});
