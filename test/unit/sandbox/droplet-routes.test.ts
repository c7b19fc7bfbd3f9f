import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { traitsOf } from '../../../sandbox/droplet-routes';
import { sandboxPool, testKeys } from './helpers';

let publicKeyPem: string;
const pool = sandboxPool(() => publicKeyPem);

beforeAll(async () => {
  publicKeyPem = (await testKeys('ES256')).publicKeyPem;
});
afterEach(async () => {
  await pool.closeAll();
});

const get = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("the simulated droplets' own routes", () => {
  it('serve /health, /capabilities, /state and /dependencies in both shapes at the registered endpoint', async () => {
    const sb = await pool.start({ fleet: 4, seed: 3 });
    const a = sb.store.get(100)!; // index 0: shape A
    const b = sb.store.get(101)!; // index 1: shape B, never reachable (see traitsOf)
    const c = sb.store.get(103)!; // index 3: shape B
    expect(traitsOf(0, false).shape).toBe('A');
    expect((await get(`${a.endpoint}/health`)).body).toMatchObject({ status: 'active', service: a.name, timestamp: expect.stringMatching(/Z$/) });
    expect((await get(`${a.endpoint}/state`)).body).toMatchObject({ uptime_seconds: expect.any(Number), requests_total: expect.any(Number) });
    expect((await get(`${a.endpoint}/dependencies`)).body).toMatchObject({ required: expect.any(Array), missing: [] });
    expect((await get(`${c.endpoint}/health`)).body).toMatchObject({ id: 103, status: 'active', updated_at: expect.not.stringMatching(/Z$/) });
    expect((await get(`${c.endpoint}/state`)).body).toMatchObject({ cpu_percent: expect.any(Number), custom_metrics: { num_threads: expect.any(Number) } });
    expect((await get(`${c.endpoint}/capabilities`)).body).toMatchObject({ udc_version: '1.0', features: expect.arrayContaining(['udc_compliance']) });
    await expect(fetch(`${b.endpoint}/health`)).rejects.toThrow();
  });

  it('some droplets are degraded, restart, or miss a dependency', () => {
    const traits = Array.from({ length: 40 }, (_, i) => traitsOf(i, false));
    expect(traits.some((t) => t.degraded)).toBe(true);
    expect(traits.some((t) => t.restartEveryMs !== null)).toBe(true);
    expect(traits.some((t) => t.missing.length > 0)).toBe(true);
    expect(traits.some((t) => t.mode === 'unreachable')).toBe(true);
    // Some that stopped beating still answer, so the Orchestrator and the droplet disagree.
    expect([6, 18, 30].map((i) => traitsOf(i, true).mode)).toEqual(['unreachable', 'normal', 'unreachable']);
  });

  it('a restarting droplet serves an uptime that falls back to 0', async () => {
    let t = 1_800_000_000_000;
    const sb = await pool.start({ fleet: 6, seed: 1, now: () => t });
    const d = sb.store.get(105)!; // index 5 restarts every 6 min
    const first = (await get(`${d.endpoint}/state`)).body.uptime_seconds as number;
    t += 6 * 60_000 - 1000 - first * 1000;
    const later = (await get(`${d.endpoint}/state`)).body.uptime_seconds as number;
    t += 2000;
    const after = (await get(`${d.endpoint}/state`)).body.uptime_seconds as number;
    expect(later).toBeGreaterThan(first);
    expect(after).toBeLessThan(later);
  });

  it('answers an unknown droplet or route with 404, and is not served without a fleet', async () => {
    const sb = await pool.start({ fleet: 2 });
    expect((await get(`${sb.dropletRoutes!.url}/d/999/health`)).status).toBe(404);
    expect((await get(`${sb.dropletRoutes!.url}/d/100/secrets`)).status).toBe(404);
    expect((await pool.start({})).dropletRoutes).toBeNull();
  });
});
