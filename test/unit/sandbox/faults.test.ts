import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index';
import { sandboxPool, call, guideRegistration, signToken, testKeys } from './helpers';

let publicKeyPem: string;
let token: string;
const pool = sandboxPool(() => publicKeyPem);
const start = pool.start;

beforeAll(async () => {
  const keys = await testKeys('ES256');
  publicKeyPem = keys.publicKeyPem;
  token = await signToken(keys.privateKeyPem, { droplet_id: 1 });
});
afterEach(async () => {
  await pool.closeAll();
});

describe('fault injection', () => {
  it('adds the configured latency to every response', async () => {
    const sb = await start({ latencyMs: 150 });
    const t0 = performance.now();
    expect((await call(sb.url, 'GET', '/health')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('answers every request with 500 or 503 at error rate 1, without touching the store', async () => {
    const sb = await start({ errorRate: 1, seed: 9 });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i += 1) {
      const res = await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(42) });
      statuses.add(res.status);
      expect(res.body).toEqual({ detail: expect.stringContaining('fault injection') });
    }
    expect([...statuses].sort()).toEqual([500, 503]);
    expect(sb.store.get(42)).toBeUndefined();
  });

  it('fails about the configured fraction, and setFaults changes it at runtime', async () => {
    const sb = await start({ errorRate: 0.5, seed: 2 });
    const results = await Promise.all(Array.from({ length: 40 }, () => call(sb.url, 'GET', '/health')));
    const failed = results.filter((r) => r.status >= 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    sb.setFaults({ errorRate: 0 });
    const after = await Promise.all(Array.from({ length: 10 }, () => call(sb.url, 'GET', '/health')));
    expect(after.every((r) => r.status === 200)).toBe(true);
    sb.setFaults({ latencyMs: 120 });
    const t0 = performance.now();
    await call(sb.url, 'GET', '/health');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('refuses out-of-range settings', async () => {
    const sb = await start({});
    expect(() => sb.setFaults({ errorRate: 1.5 })).toThrow(RangeError);
    expect(() => sb.setFaults({ latencyMs: -1 })).toThrow(RangeError);
    await expect(startSandbox({ publicKeyPem, errorRate: -0.1 })).rejects.toThrow(RangeError);
  });
});
