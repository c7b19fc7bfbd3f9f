import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { sandboxPool, asRecord, call, payloadOf, signToken, testKeys, waitFor } from './helpers';

let publicKeyPem: string;
let token: string;
const pool = sandboxPool(() => publicKeyPem);
const start = pool.start;

beforeAll(async () => {
  const keys = await testKeys('ES256');
  publicKeyPem = keys.publicKeyPem;
  token = await signToken(keys.privateKeyPem, { droplet_id: 1 }, { expiresIn: 86400 });
});
afterEach(async () => {
  await pool.closeAll();
});

describe('simulated fleet', () => {
  it('lists N plausible droplets from id 100 with metrics', async () => {
    const sb = await start({ fleet: 12, seed: 7 });
    const p = payloadOf((await call(sb.url, 'GET', '/droplets', { token })).body);
    const items = p.droplets as Record<string, unknown>[];
    expect(p.total).toBe(12);
    expect(items.map((d) => d.id)).toEqual(Array.from({ length: 12 }, (_, i) => 100 + i));
    for (const d of items) {
      expect(d.name).toMatch(/^[a-z]+(-[a-z]+)*-\d+$/);
      expect(d.steward).toEqual(expect.any(String));
      // Each serves its own routes from the sandbox's droplet server.
      expect(d.endpoint).toBe(`${sb.dropletRoutes!.url}/d/${String(d.id)}`);
      expect(d.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect((d.capabilities as string[]).length).toBeGreaterThan(1);
      const m = asRecord(d.metrics);
      expect(m.cpu_percent).toBeGreaterThanOrEqual(0);
      expect(m.cpu_percent).toBeLessThanOrEqual(100);
      expect(Number.isInteger(m.memory_mb)).toBe(true);
      expect(Number.isInteger(m.requests_last_minute)).toBe(true);
      expect(Number.isInteger(m.errors_last_minute)).toBe(true);
    }
    expect(new Set(items.map((d) => d.name)).size).toBe(12);
  });

  it('seeds each droplet with an hour of 1-minute beats, with varying metrics', async () => {
    const sb = await start({ fleet: 3, seed: 7 });
    const d = asRecord(payloadOf((await call(sb.url, 'GET', '/droplets/100', { token })).body).droplet);
    const history = d.heartbeat_history as { time: string; metrics: { cpu_percent: number } }[];
    expect(history).toHaveLength(60);
    const times = history.map((h) => Date.parse(h.time));
    expect(times[0]).toBeGreaterThan(Date.now() - 61 * 60_000);
    expect(times.slice(1).map((t, i) => t - (times[i] as number))).toEqual(Array(59).fill(60_000));
    expect(new Set(history.map((h) => h.metrics.cpu_percent)).size).toBeGreaterThan(10);
  });

  it('includes a flapping droplet that reports error and recovers', async () => {
    const sb = await start({ fleet: 12, seed: 11 });
    const statuses = sb.store.get(103)?.history.toArray().map((h) => h.status) ?? [];
    const firstError = statuses.indexOf('error');
    expect(firstError).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(firstError).includes('active')).toBe(true);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const now = () => Date.UTC(2026, 10, 27, 5, 0, 0);
    const snapshot = (sb: RunningSandbox) => sb.store.list().map((d) => ({ name: d.name, caps: d.capabilities, history: d.history.toArray() }));
    const [a, b, c] = await Promise.all([start({ fleet: 6, seed: 3, now }), start({ fleet: 6, seed: 3, now }), start({ fleet: 6, seed: 4, now })]);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a)).not.toEqual(snapshot(c));
  });

  it('keeps beating live, lets silent droplets time out, and silence() stops one', async () => {
    const sb = await start({ fleet: 8, seed: 5, beatSeconds: 0.05, inactiveAfterSeconds: 0.4, monitorIntervalMs: 20, seedHistoryMinutes: 0 });
    const firstBeat = await waitFor(() => sb.store.get(101)?.lastHeartbeatAt ?? undefined);
    await waitFor(() => ((sb.store.get(101)?.lastHeartbeatAt ?? 0) > firstBeat ? true : undefined));
    await waitFor(() => (sb.store.get(106)?.status === 'inactive' ? true : undefined), 4000);
    sb.silence(100);
    await waitFor(() => (sb.store.get(100)?.status === 'inactive' ? true : undefined), 4000);
    expect(sb.store.get(101)?.status).not.toBe('inactive');
  });
});
