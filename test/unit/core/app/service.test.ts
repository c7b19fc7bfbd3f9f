import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IpcErrorSchema, type IpcResult } from '../../../../shared/ipc-contract';
import type { AppInfo, DropletView, KeepAlive } from '../../../../shared/model';
import type { FleetSnapshot, FleetUpdate } from '../../../../shared/fleet-update';
import type { ChartHistory } from '../../../../shared/downsample';
import { createDispatch } from '../../../../core/app/dispatch';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createStewardService, type ServiceConfig, type StewardService } from '../../../../core/app/service';
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

async function boot(dialect: 'guide' | 'deployed', over: Partial<ServiceConfig> = {}): Promise<StewardService> {
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
    ...over,
  });
  return service;
}

function ok<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

function err(r: IpcResult<unknown>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('StewardService.dispatch', () => {
  it('refuses an unknown method', async () => {
    const s = await boot('guide');
    const e = err(await s.dispatch('deleteEverything', {}));
    expect(e).toMatchObject({ kind: 'bad_input', message: 'Steward has no method "deleteEverything".' });
    expect(err(await s.dispatch('toString', undefined)).kind).toBe('bad_input');
  });

  it('refuses input that breaks the contract, naming the field, without touching the network', async () => {
    const s = await boot('guide');
    const bad = err(await s.dispatch('getDroplet', { id: -3 }));
    expect(bad.kind).toBe('bad_input');
    expect(bad.message).toMatch(/^Invalid input for getDroplet: id: /);
    expect(bad.fields.map((f) => f.field)).toEqual(['id']);
    expect(err(await s.dispatch('getDroplet', { id: '42' })).message).toMatch(/id: /);
    expect(err(await s.dispatch('sendHeartbeat', { id: 42, status: 'sleepy' })).message).toMatch(/status/);
    expect(err(await s.dispatch('listDroplets', { status: 'active', extra: 1 })).message).toMatch(/extra/);
    expect(err(await s.dispatch('registerDroplet', { ...REG, endpoint: 'not a url' })).fields[0]?.field).toBe('endpoint');
    expect(s.commsLog.entries()).toHaveLength(0);
  });

  it('answers getAppInfo, with the dialect auto detection has learned', async () => {
    const s = await boot('deployed');
    const before = ok<{ dialect: string | null; dialectSetting: string; steward: string; liveUpdates: boolean }>(await s.dispatch('getAppInfo', undefined));
    expect(before).toMatchObject({ dialect: null, dialectSetting: 'auto', steward: 'Haythem', liveUpdates: false, identityDropletId: 42 });
    ok(await s.dispatch('listDroplets', {}));
    expect(ok<{ dialect: string }>(await s.dispatch('getAppInfo', {})).dialect).toBe('deployed');
  });

  it('registers, beats, lists and reads the comms log through the contract', async () => {
    const s = await boot('guide');
    expect(ok<{ registered: boolean }>(await s.dispatch('registerDroplet', REG)).registered).toBe(true);
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 12, memory_mb: 300 } }));
    const fleet = ok<FleetSnapshot>(await s.dispatch('listDroplets', { status: 'active' }));
    expect(fleet.droplets.map((d) => d.id)).toContain(42);
    expect(fleet.fetchedAt).toMatch(/Z$/);
    const log = ok<{ entries: { method: string; requestHeaders: Record<string, string> }[] }>(await s.dispatch('getCommsLog', { limit: 2 }));
    expect(log.entries).toHaveLength(2);
    expect(log.entries[0]!.method).toBe('GET');
    expect(log.entries.every((e) => e.requestHeaders.Authorization === 'Bearer <redacted>')).toBe(true);
    const history = ok<{ samples: { cpu_percent: number | null }[] }>(await s.dispatch('getHistory', { id: 42 }));
    expect(history.samples.map((x) => x.cpu_percent)).toContain(12);
  });

  it('answers a poll from a renderer holding the last answer with only the droplets that changed', async () => {
    const s = await boot('guide');
    ok(await s.dispatch('registerDroplet', REG));
    ok(await s.dispatch('registerDroplet', { ...REG, id: 43, name: 'droplet1' }));
    const first = ok<FleetUpdate>(await s.dispatch('listDroplets', {}));
    expect(first.base).toBeNull();
    expect(first.droplets.map((d) => d.id).sort()).toEqual([42, 43]);
    ok(await s.dispatch('sendHeartbeat', { id: 43, status: 'error', metrics: { cpu_percent: 99 } }));
    const second = ok<FleetUpdate>(await s.dispatch('listDroplets', { since: first.sync }));
    expect(second.base).toEqual(first.sync);
    expect(second.droplets).toEqual([]);
    expect(second.patches).toMatchObject([{ id: 43, status: 'error' }]);
    // A copy main no longer answers on top of: the whole list again.
    expect(ok<FleetUpdate>(await s.dispatch('listDroplets', { since: first.sync })).base).toBeNull();
    expect(err(await s.dispatch('listDroplets', { since: { stream: '', version: -1 } })).kind).toBe('bad_input');
  });

  it('reads details from the details route when it works', async () => {
    const s = await boot('guide');
    ok(await s.dispatch('registerDroplet', REG));
    const view = ok<DropletView>(await s.dispatch('getDroplet', { id: 42 }));
    expect(view).toMatchObject({ source: 'details', note: null, droplet: { id: 42 } });
  });

  it('answers charts asked while the details are read after their beats are recorded, so a selected droplet is drawn once, whole', async () => {
    const s = await boot('guide');
    ok(await s.dispatch('registerDroplet', REG));
    const before = ok<ChartHistory>(await s.dispatch('getChartHistory', { id: 42, sinceMs: 0, points: 100 }));
    sandbox!.store.heartbeat(42, 'active', { cpu_percent: 12 }, Date.now() - 1_000);
    const [view, chart] = await Promise.all([s.dispatch('getDroplet', { id: 42 }), s.dispatch('getChartHistory', { id: 42, sinceMs: 0, points: 100 })]);
    const { historyRevision } = ok<DropletView>(view);
    expect(historyRevision).toBeGreaterThan(before.revision!);
    expect(ok<ChartHistory>(chart)).toMatchObject({ revision: historyRevision, samples: before.samples + 1 });
    expect(ok<ChartHistory>(chart).series.cpu_percent.at(-1)?.v).toBe(12);
  });

  it('says whether the details brought beats its history lacked, so the window refetches charts only then', async () => {
    const s = await boot('guide');
    ok(await s.dispatch('registerDroplet', REG));
    // A beat Steward did not send (the droplet's own): the details are the first to tell it.
    sandbox!.store.heartbeat(42, 'active', { cpu_percent: 12 }, Date.now() - 1_000);
    expect(ok<DropletView>(await s.dispatch('getDroplet', { id: 42 })).historyGrew).toBe(true);
    // The same beats again: nothing new, the charts already hold them.
    expect(ok<DropletView>(await s.dispatch('getDroplet', { id: 42 })).historyGrew).toBe(false);
  });

  it('falls back to the fleet list when the deployed details route fails, saying why', async () => {
    const s = await boot('deployed');
    ok(await s.dispatch('registerDroplet', REG));
    const view = ok<DropletView>(await s.dispatch('getDroplet', { id: 42 }));
    expect(view.source).toBe('list');
    expect(view.droplet).toMatchObject({ id: 42, name: 'droplet0', heartbeats: [] });
    expect(view.note).toBe('The Orchestrator\'s details route failed (500: column reference "status" is ambiguous); showing what the fleet list knows.');
  });

  it('reports an unknown droplet as not found even with the fallback', async () => {
    const s = await boot('deployed');
    const e = err(await s.dispatch('getDroplet', { id: 999 }));
    expect(e).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('returns failures as IpcError values, without stack traces', async () => {
    const s = await boot('deployed', { dialect: 'deployed' });
    const results = [
      await s.dispatch('sendHeartbeat', { id: 999, status: 'active' }),
      await s.dispatch('sendHeartbeat', { id: 42, status: 'maintenance' }),
    ];
    await sandbox!.close();
    results.push(await s.dispatch('listDroplets', {}));
    for (const r of results) {
      const e = err(r);
      expect(IpcErrorSchema.safeParse(e).success).toBe(true);
      expect(JSON.stringify(e)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    }
    expect(results.map((r) => err(r).kind)).toEqual(['not_found', 'validation', 'network']);
    expect(err(results[2]!).exchangeId).toEqual(expect.any(Number));
  });

  it('maps a handler that fails unexpectedly to a generic internal error', async () => {
    const s = await boot('guide');
    const broken = {
      ...s.handlers,
      listKeepAlive: async (): Promise<KeepAlive[]> => {
        throw new Error('boom at /secret/path.ts:12');
      },
    };
    const e = err(await createDispatch(broken)('listKeepAlive', undefined));
    expect(e).toMatchObject({ kind: 'internal', status: null });
    expect(e.message).not.toMatch(/boom|secret/);
  });

  it('refuses a handler answer that does not fit the output schema', async () => {
    const s = await boot('guide');
    const broken = { ...s.handlers, listKeepAlive: async () => [{ dropletId: 'x' }] as unknown as KeepAlive[] };
    const e = err(await createDispatch(broken)('listKeepAlive', undefined));
    expect(e.kind).toBe('internal');
    expect(e.message).toMatch(/did not fit its own contract/);
  });

  it('starts and stops keep-alives, telling listeners', async () => {
    const s = await boot('guide');
    ok(await s.dispatch('registerDroplet', REG));
    const events: unknown[] = [];
    s.onEvent((event, payload) => event === 'keepAliveChanged' && events.push(payload));
    const started = ok<KeepAlive[]>(await s.dispatch('startKeepAlive', { id: 42, status: 'maintenance' }));
    expect(started.map((k) => k.dropletId)).toEqual([42]);
    await expect.poll(async () => (await s.handlers.listKeepAlive(undefined))[0]?.beatsSent, { timeout: 5_000 }).toBe(1);
    expect(ok<KeepAlive[]>(await s.dispatch('stopKeepAlive', { id: 42 }))).toEqual([]);
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('writes the comms log and metric history in dataDir, with no token in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-service-'));
    const s = await boot('guide', { dataDir });
    ok(await s.dispatch('registerDroplet', REG));
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 33 } }));
    await s.close();
    const text = readFileSync(join(dataDir, 'comms.log'), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(3); // probe, register, heartbeat
    expect(text).toContain('"Authorization":"Bearer <redacted>"');
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
    expect(readFileSync(join(dataDir, 'metric-history.jsonl'), 'utf8')).toMatch(/\[42,\d+,"active",33,/);
  });

  it('tells the steward, plainly and once, while the history and the log cannot be written, and clears it when they can', async () => {
    const root = mkdtempSync(join(tmpdir(), 'steward-service-'));
    const dataDir = join(root, 'data'); // absent at start: an empty history, nothing to warn about
    const s = await boot('guide', { dataDir, historyFlushDelayMs: 10 });
    const pushed: unknown[] = [];
    s.onEvent((event, payload) => {
      if (event === 'storageWarning') pushed.push(payload);
    });
    expect(s.warnings).toEqual([]);
    ok(await s.dispatch('registerDroplet', REG));
    // Mid-session the history's directory becomes a regular file: every save now fails (even as root).
    rmSync(dataDir, { recursive: true });
    writeFileSync(dataDir, '');
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 33 } }));
    await expect.poll(() => s.storageWarning, { timeout: 5_000 }).toBe(`History and the log cannot be written to ${dataDir}: not a folder. Steward keeps working and tries again with each new entry.`);
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'error', metrics: { cpu_percent: 34 } }));
    await new Promise((r) => setTimeout(r, 100)); // the retry fails the same way
    expect(s.warnings).toEqual([s.storageWarning]);
    expect(s.warnings[0]).not.toMatch(/\n|\s+at |\.ts:\d+|E[A-Z]{3,}|\.tmp/);

    // Writes succeed again: the warning goes by itself, and the window is told without asking.
    rmSync(dataDir);
    mkdirSync(dataDir);
    ok(await s.dispatch('sendHeartbeat', { id: 42, status: 'active', metrics: { cpu_percent: 35 } }));
    await expect.poll(() => s.storageWarning, { timeout: 5_000 }).toBeNull();
    expect(s.warnings).toEqual([]);
    expect(pushed[0]).toEqual({ warning: expect.stringMatching(/cannot be written to/) });
    expect(pushed.at(-1)).toEqual({ warning: null });
    await s.close();
    expect(readFileSync(join(dataDir, 'metric-history.jsonl'), 'utf8')).toMatch(/\[42,\d+,"active",35,/);
  });

  it('follows the live feed when asked, and says so in getAppInfo', async () => {
    const s = await boot('deployed', { liveUpdates: true });
    await expect.poll(async () => ok<{ liveUpdates: boolean }>(await s.dispatch('getAppInfo', undefined)).liveUpdates, { timeout: 5_000 }).toBe(true);
  });

  it('polls every minute while the live feed delivers, and tells the window the moment it drops', async () => {
    const s = await boot('deployed', { liveUpdates: true, pollIntervalMs: 10_000 });
    const told: unknown[] = [];
    s.onEvent((name, payload) => {
      if (name === 'pollPaceChanged') told.push(payload);
    });
    await expect.poll(async () => ok<AppInfo>(await s.dispatch('getAppInfo', undefined)).pollPace, { timeout: 5_000 }).toEqual({ mode: 'live', intervalMs: 60_000 });
    expect(told).toEqual([{ mode: 'live', intervalMs: 60_000 }]);
    await sandbox!.close();
    sandbox = null;
    // No silence to wait out: the closed socket brings the profile's pace back at once.
    await expect.poll(() => told.at(-1), { timeout: 2_000 }).toEqual({ mode: 'polling', intervalMs: 10_000 });
    expect(ok<AppInfo>(await s.dispatch('getAppInfo', undefined)).pollPace).toEqual({ mode: 'polling', intervalMs: 10_000 });
  });

  it('polls at the profile interval without a live feed', async () => {
    const s = await boot('guide', { liveUpdates: false, pollIntervalMs: 10_000 });
    expect(ok<AppInfo>(await s.dispatch('getAppInfo', undefined)).pollPace).toEqual({ mode: 'polling', intervalMs: 10_000 });
  });
});
