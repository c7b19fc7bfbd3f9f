import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyStatusChange, dropletPatch, mergeFleetUpdate, sameDroplet, sameShownDroplet, type FleetUpdate } from '../../../shared/fleet-update';
import type { Droplet } from '../../../shared/model';
import { droplet, T0, T1 } from '../../support/fleet-fixtures';
import { droplet as fakeDroplet } from '../../support/fleet-fake-steward';

const meta = { total: 0, unreadable: [], fetchedAt: T0, clockOffsetMs: 0, dialect: 'guide' as const, traceId: null };

function full(droplets: Droplet[], version = 1): FleetUpdate {
  return { ...meta, total: droplets.length, base: null, droplets, patches: [], removed: [], sync: { stream: 's', version } };
}

function delta(changed: Droplet[], removed: number[], baseVersion: number, added: Droplet[] = []): FleetUpdate {
  const patches = changed.map((d) => dropletPatch(droplet(d.id), d));
  return { ...meta, base: { stream: 's', version: baseVersion }, droplets: added, patches, removed, sync: { stream: 's', version: baseVersion + 1 } };
}

describe('mergeFleetUpdate', () => {
  const held = mergeFleetUpdate(undefined, full([droplet(1), droplet(2), droplet(3)]))!;

  it('takes a whole list as it is', () => {
    expect(held.droplets.map((d) => d.id)).toEqual([1, 2, 3]);
    expect(held.sync).toEqual({ stream: 's', version: 1 });
  });

  it('replaces changed droplets in place, drops removed ones, appends new ones, and keeps the rest identical', () => {
    const changed = droplet(2, { status: 'error', lastHeartbeat: T1 });
    const next = mergeFleetUpdate(held, delta([changed], [3], 1, [droplet(9)]))!;
    expect(next.droplets.map((d) => d.id)).toEqual([1, 2, 9]);
    expect(next.droplets[0]).toBe(held.droplets[0]);
    expect(next.droplets[1]).toEqual(changed);
    expect(next.sync.version).toBe(2);
  });

  it('keeps the very same droplets array when nothing changed', () => {
    const next = mergeFleetUpdate(held, delta([], [], 1))!;
    expect(next.droplets).toBe(held.droplets);
    expect(next.fetchedAt).toBe(T0);
  });

  it('refuses a delta on a copy it does not hold (the caller then asks for the whole list)', () => {
    expect(mergeFleetUpdate(held, delta([], [], 7))).toBeNull();
    expect(mergeFleetUpdate(undefined, delta([], [], 1))).toBeNull();
    expect(mergeFleetUpdate(held, { ...delta([], [], 1), base: { stream: 'other', version: 1 } })).toBeNull();
  });
});

describe('dropletPatch', () => {
  it('holds the id and exactly the fields that changed', () => {
    expect(dropletPatch(droplet(1), droplet(1))).toEqual({ id: 1 });
    expect(dropletPatch(droplet(1), droplet(1, { lastHeartbeat: T1, latestMetrics: { cpu_percent: 50 } }))).toEqual({ id: 1, lastHeartbeat: T1, latestMetrics: { cpu_percent: 50 } });
    expect(dropletPatch(droplet(1), droplet(1, { steward: null, capabilities: [] }))).toEqual({ id: 1, capabilities: [] });
  });
});

/** A droplet with every field drawn from a few values, so two draws differ in any mix of fields. */
const anyDroplet = (id: number): fc.Arbitrary<Droplet> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constantFrom('a', 'b'),
    steward: fc.constantFrom(null, 'ana', 'ben'),
    endpoint: fc.constantFrom(null, 'http://h:1', 'http://h:2'),
    capabilities: fc.subarray(['x', 'y', 'z']),
    status: fc.constantFrom<Droplet['status']>('active', 'inactive', 'error', 'maintenance'),
    version: fc.constantFrom(null, '1', '2'),
    lastHeartbeat: fc.constantFrom(null, T0, T1),
    registeredAt: fc.constantFrom(null, T0, T1),
    latestMetrics: fc.constantFrom<Droplet['latestMetrics']>(null, { cpu_percent: 1 }, { cpu_percent: 2 }, { cpu_percent: 1, memory_mb: 5 }),
  });

describe('dropletPatch and mergeFleetUpdate together', () => {
  it('bring a held droplet to the new one whatever fields changed', () => {
    fc.assert(
      fc.property(anyDroplet(1), anyDroplet(1), (a, b) => {
        const patch = dropletPatch(a, b);
        const held = mergeFleetUpdate(undefined, full([a]))!;
        const update: FleetUpdate = { ...meta, base: held.sync, droplets: [], patches: [patch], removed: [], sync: { stream: 's', version: 2 } };
        expect(mergeFleetUpdate(held, update)!.droplets).toEqual([b]);
        // Only what changed crosses IPC.
        for (const key of Object.keys(patch)) if (key !== 'id') expect(a[key as keyof Droplet], key).not.toEqual(b[key as keyof Droplet]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sameDroplet', () => {
  it('sees a change in any field a steward could notice', () => {
    const d = droplet(1);
    expect(sameDroplet(d, droplet(1))).toBe(true);
    const overrides: Partial<Droplet>[] = [
      { status: 'error' as const },
      { lastHeartbeat: T1 },
      { name: 'x' },
      { steward: 'Ana' },
      { endpoint: null },
      { version: '2.0' },
      { registeredAt: T1 },
      { capabilities: ['a'] },
      { capabilities: ['a', 'c'] },
      { latestMetrics: null },
      { latestMetrics: { cpu_percent: 11, memory_mb: 100 } },
      { latestMetrics: { cpu_percent: 10 } },
      { latestMetrics: { cpu_percent: 10, memory_mb: 100, errors_last_minute: 0 } },
    ];
    for (const over of overrides) {
      expect(sameDroplet(d, droplet(1, over)), JSON.stringify(over)).toBe(false);
    }
  });
});

describe('applyStatusChange', () => {
  it('changes the status, moves the beat on when the droplet comes back active, and keeps identity otherwise', () => {
    const d = droplet(1, { status: 'inactive' });
    expect(applyStatusChange(d, { dropletId: 1, oldStatus: 'inactive', newStatus: 'active', changedAt: T1 })).toMatchObject({ status: 'active', lastHeartbeat: T1 });
    expect(applyStatusChange(d, { dropletId: 1, oldStatus: 'active', newStatus: 'error', changedAt: T1 })).toMatchObject({ status: 'error', lastHeartbeat: T0 });
    expect(applyStatusChange(d, { dropletId: 1, oldStatus: 'inactive', newStatus: 'inactive', changedAt: T1 })).toBe(d);
  });
});

const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const beat = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const d = (id: number, status: Parameters<typeof fakeDroplet>[1], secondsAgo: number | null, extra = {}) =>
  fakeDroplet(id, status, null, { lastHeartbeat: secondsAgo === null ? null : beat(secondsAgo), ...extra });

describe('sameShownDroplet (the row memo comparison)', () => {
  it('treats a re-fetched but unchanged droplet as the same, and any shown change as different', () => {
    const a = d(1, 'active', 5, { capabilities: ['x', 'y'], latestMetrics: { cpu_percent: 1 } });
    expect(sameShownDroplet(a, structuredClone(a))).toBe(true);
    expect(sameShownDroplet(a, { ...a, latestMetrics: { cpu_percent: 2 } })).toBe(true);
    expect(sameShownDroplet(a, { ...a, capabilities: ['x'] })).toBe(false);
    expect(sameShownDroplet(a, { ...a, lastHeartbeat: beat(0) })).toBe(false);
    expect(sameShownDroplet(a, { ...a, steward: 'other' })).toBe(false);
  });
});
