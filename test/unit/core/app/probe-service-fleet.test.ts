/** What the probe service probes follows the fleet the polls read: new endpoints, removed droplets, whole lists. */
import { describe, expect, it } from 'vitest';
import type { FleetUpdate } from '../../../../shared/fleet-update';
import type { Droplet } from '../../../../shared/model';
import { MetricHistory } from '../../../../core/history/metric-history';
import { createProbeService } from '../../../../core/app/probe-service';

const droplet = (id: number, endpoint: string): Droplet =>
  ({ id, name: `d${id}`, steward: null, endpoint, version: '1.0.0', capabilities: [], status: 'active', registeredAt: null, lastHeartbeat: null, latestMetrics: null }) as unknown as Droplet;

const meta = { sync: { stream: 's', version: 1 }, total: 0, unreadable: [], fetchedAt: '2026-12-06T00:00:00Z', clockOffsetMs: 0, dialect: 'guide', traceId: null } as const;
const whole = (droplets: Droplet[]): FleetUpdate => ({ ...meta, base: null, droplets, patches: [], removed: [] }) as unknown as FleetUpdate;
const delta = (patches: FleetUpdate['patches'], removed: number[] = []): FleetUpdate => ({ ...meta, base: meta.sync, droplets: [], patches, removed }) as unknown as FleetUpdate;

async function probing() {
  const asked: string[] = [];
  const service = await createProbeService({
    embeddedSandbox: true,
    history: new MetricHistory(),
    emitChanged: () => undefined,
    tickMs: 0,
    get: async (url) => (asked.push(new URL(url).host), { ok: false, error: 'no answer', ms: 1 }),
  });
  const probedHosts = async (): Promise<string[]> => {
    asked.length = 0;
    await service.prober.probeNow();
    return [...new Set(asked)].sort();
  };
  return { service, probedHosts };
}

describe('the probe service follows the fleet', () => {
  it('probes a changed endpoint, stops probing a removed droplet, and ignores beats', async () => {
    const { service, probedHosts } = await probing();
    service.noteFleet(whole([droplet(1, 'http://a.test:1'), droplet(2, 'http://b.test:2')]), false);
    expect(await probedHosts()).toEqual(['a.test:1', 'b.test:2']);

    service.noteFleet(delta([{ id: 1, endpoint: 'http://c.test:3' }, { id: 2, lastHeartbeat: '2026-12-06T00:01:00Z' } as FleetUpdate['patches'][number]]), false);
    expect(await probedHosts()).toEqual(['b.test:2', 'c.test:3']);

    service.noteFleet(delta([], [2]), false);
    expect(await probedHosts()).toEqual(['c.test:3']);

    // A filtered poll names part of the fleet: what it does not list is not removed.
    service.noteFleet(delta([], [1]), true);
    expect(await probedHosts()).toEqual(['c.test:3']);

    // A whole list replaces what was held.
    service.noteFleet(whole([droplet(5, 'http://e.test:5')]), false);
    expect(await probedHosts()).toEqual(['e.test:5']);
    service.close();
  });
});
