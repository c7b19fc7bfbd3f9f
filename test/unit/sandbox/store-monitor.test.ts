import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type StatusChangeEvent } from '../../../sandbox/index';
import { SandboxStore, type RegistrationInput } from '../../../sandbox/store';
import { call, guideEnvelope, guideRegistration, signToken, testKeys, waitFor } from './helpers';

const input = (id: number, extra: Partial<RegistrationInput> = {}): RegistrationInput => ({
  id,
  name: `d${id}`,
  steward: null,
  endpoint: null,
  capabilities: [],
  version: null,
  status: 'active',
  ...extra,
});

describe('SandboxStore', () => {
  it('keeps a bounded history per droplet, oldest first', () => {
    const store = new SandboxStore(3);
    store.register(input(1), 0, { countsAsHeartbeat: false });
    for (let i = 1; i <= 5; i += 1) store.heartbeat(1, 'active', { cpu_percent: i }, i * 1000);
    expect(store.get(1)?.history.toArray().map((h) => h.metrics?.cpu_percent)).toEqual([3, 4, 5]);
    expect(store.get(1)?.latestMetrics).toEqual({ cpu_percent: 5 });
  });

  it('lists in id order whatever the registration order', () => {
    const store = new SandboxStore();
    for (const id of [50, 7, 300, 42, 8]) store.register(input(id), 0, { countsAsHeartbeat: false });
    expect(store.list().map((d) => d.id)).toEqual([7, 8, 42, 50, 300]);
  });

  it('announces status changes only, and never a new droplet', () => {
    const store = new SandboxStore();
    const events: StatusChangeEvent[] = [];
    store.onChange((e) => events.push(e));
    store.register(input(1), 0, { countsAsHeartbeat: false });
    store.heartbeat(1, 'active', null, 1);
    store.heartbeat(1, 'error', null, 2);
    store.register(input(1, { status: 'maintenance' }), 3, { countsAsHeartbeat: false });
    expect(events).toEqual([
      { dropletId: 1, oldStatus: 'active', newStatus: 'error', changedAt: 2 },
      { dropletId: 1, oldStatus: 'error', newStatus: 'maintenance', changedAt: 3 },
    ]);
  });

  it('times out only active droplets silent since before the cutoff', () => {
    const store = new SandboxStore();
    store.register(input(1), 0, { countsAsHeartbeat: false });
    store.register(input(2, { status: 'error' }), 0, { countsAsHeartbeat: false });
    store.register(input(3, { status: 'maintenance' }), 0, { countsAsHeartbeat: false });
    store.register(input(4), 0, { countsAsHeartbeat: false });
    store.heartbeat(4, 'active', null, 100);
    expect(store.expireSilent(50, 200)).toBe(1);
    expect(store.list().map((d) => d.status)).toEqual(['inactive', 'error', 'maintenance', 'active']);
  });
});

describe('liveness monitor (injected clock)', () => {
  let sb: RunningSandbox;
  let clock = Date.UTC(2026, 10, 27, 5, 0, 0);
  let token: string;
  const events: StatusChangeEvent[] = [];

  beforeAll(async () => {
    const keys = await testKeys('ES256');
    sb = await startSandbox({ publicKeyPem: keys.publicKeyPem, now: () => clock, monitorIntervalMs: 10, inactiveAfterSeconds: 90 });
    sb.store.onChange((e) => events.push(e));
    token = await signToken(keys.privateKeyPem, { droplet_id: 1 }, { nowMs: clock, expiresIn: 7 * 86400 });
  });
  afterAll(() => sb.close());

  const beat = (id: number, status: string) => call(sb.url, 'POST', `/droplets/${id}/heartbeat`, { token, json: guideEnvelope('heartbeat', id, { status }) });
  const settle = () => new Promise((r) => setTimeout(r, 60));

  it('marks an active droplet inactive once its last beat is older than the timeout, and announces it', async () => {
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(80) });
    await beat(80, 'active');
    const beatAt = clock;
    clock += 89_000;
    await settle();
    expect(sb.store.get(80)?.status).toBe('active');
    clock += 2_000;
    await waitFor(() => (sb.store.get(80)?.status === 'inactive' ? true : undefined));
    expect(events).toContainEqual({ dropletId: 80, oldStatus: 'active', newStatus: 'inactive', changedAt: beatAt + 91_000 });
  });

  it('brings a timed-out droplet back with its next beat', async () => {
    await beat(80, 'active');
    expect(sb.store.get(80)?.status).toBe('active');
    expect(events.at(-1)).toMatchObject({ dropletId: 80, oldStatus: 'inactive', newStatus: 'active' });
  });

  it('never times out error (or maintenance) droplets', async () => {
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(81) });
    await beat(81, 'error');
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(82, { status: 'maintenance' }) });
    clock += 3600_000;
    await waitFor(() => (sb.store.get(80)?.status === 'inactive' ? true : undefined));
    expect(sb.store.get(81)?.status).toBe('error');
    expect(sb.store.get(82)?.status).toBe('maintenance');
  });

  it('judges a droplet that registered but never beat by its registration time', async () => {
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(83) });
    clock += 60_000;
    await settle();
    expect(sb.store.get(83)?.status).toBe('active');
    clock += 31_000;
    await waitFor(() => (sb.store.get(83)?.status === 'inactive' ? true : undefined));
  });
});
