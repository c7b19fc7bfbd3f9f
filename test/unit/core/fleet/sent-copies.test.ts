import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SentCopies, filtersKey } from '../../../../core/fleet/sent-copies';
import { mergeFleetUpdate, type FleetSnapshot, type FleetUpdate } from '../../../../shared/fleet-update';
import type { Droplet, DropletStatus } from '../../../../shared/model';
import { droplet } from '../../../support/fleet-fixtures';

const KEY = filtersKey({});
const meta = { total: 0, unreadable: [], fetchedAt: '2026-11-27T08:00:00.000Z', clockOffsetMs: 0, dialect: 'guide' as const, traceId: null };

/** A renderer's side: poll with what it holds, merge, as useFleet does. */
function poll(sync: SentCopies, held: FleetSnapshot | undefined, list: Droplet[], key = KEY): { update: FleetUpdate; held: FleetSnapshot } {
  const update = { ...meta, ...sync.diff(key, list, held?.sync) };
  const merged = mergeFleetUpdate(held, update);
  if (!merged) throw new Error('delta on a copy the renderer does not hold');
  return { update, held: merged };
}

describe('SentCopies', () => {
  it('answers the whole list first, then only what changed since the copy the renderer holds', () => {
    const sync = new SentCopies();
    const first = poll(sync, undefined, [droplet(1), droplet(2), droplet(3)]);
    expect(first.update.base).toBeNull();
    expect(first.update.droplets).toHaveLength(3);

    const second = poll(sync, first.held, [droplet(1), droplet(2, { status: 'error' }), droplet(3)]);
    expect(second.update.base).toEqual(first.update.sync);
    expect(second.update.patches).toEqual([{ id: 2, status: 'error' }]);
    expect(second.update.droplets).toEqual([]);
    expect(second.held.droplets[0]).toBe(first.held.droplets[0]);

    const third = poll(sync, second.held, [droplet(1), droplet(2, { status: 'error' }), droplet(3)]);
    expect(third.update.droplets).toEqual([]);
    expect(third.held.droplets).toBe(second.held.droplets);
  });

  it('names droplets that left the list, and sends new and moved ones', () => {
    const sync = new SentCopies();
    const a = poll(sync, undefined, [droplet(1), droplet(2), droplet(3)]);
    const b = poll(sync, a.held, [droplet(3), droplet(4), droplet(1)]);
    expect(b.update.removed).toEqual([2]);
    expect(b.update.droplets.map((d) => d.id)).toEqual([4]);
    expect(new Set(b.held.droplets.map((d) => d.id))).toEqual(new Set([1, 3, 4]));
  });

  it('answers the whole list to a renderer holding an older copy, another stream, or none', () => {
    const sync = new SentCopies();
    const a = poll(sync, undefined, [droplet(1)]);
    poll(sync, a.held, [droplet(1, { name: 'renamed' })]);
    expect(sync.diff(KEY, [droplet(1)], a.held.sync).base).toBeNull(); // a.held is one answer behind
    expect(sync.diff(KEY, [droplet(1)], { stream: 'elsewhere', version: 3 }).base).toBeNull();
    expect(sync.diff(KEY, [droplet(1)], undefined).base).toBeNull();
  });

  it('keeps a copy per filter set, so the whole fleet and a filtered table both get deltas', () => {
    const sync = new SentCopies();
    const errors = filtersKey({ status: 'error' });
    const whole = poll(sync, undefined, [droplet(1), droplet(2, { status: 'error' })]).held;
    const filtered = poll(sync, undefined, [droplet(2, { status: 'error' })], errors).held;
    const w = poll(sync, whole, [droplet(1), droplet(2, { status: 'error' })]);
    const f = poll(sync, filtered, [droplet(2, { status: 'error', name: 'x' })], errors);
    expect(w.update.base).not.toBeNull();
    expect(f.update.base).not.toBeNull();
    expect(f.update.patches).toEqual([{ id: 2, name: 'x' }]);
  });

  it('judges the next poll against pushed status changes, as the renderer applied them', () => {
    const sync = new SentCopies();
    const a = poll(sync, undefined, [droplet(1), droplet(2)]);
    const change = { dropletId: 1, oldStatus: 'active' as const, newStatus: 'error' as const, changedAt: null };
    sync.applyStatus(change);
    const patched = { ...a.held, droplets: a.held.droplets.map((d) => (d.id === 1 ? { ...d, status: 'error' as const } : d)) };
    // The list still says active: the renderer's patched copy is corrected.
    const b = poll(sync, patched, [droplet(1), droplet(2)]);
    expect(b.update.patches).toEqual([{ id: 1, status: 'active' }]);
    expect(b.held.droplets.map((d) => d.status)).toEqual(['active', 'active']);
  });

  it('keeps the first of two entries with the same id, whole list or delta', () => {
    const sync = new SentCopies();
    const a = poll(sync, undefined, [droplet(1), droplet(1, { name: 'twin' }), droplet(2)]);
    expect(a.held.droplets.map((d) => d.name)).toEqual(['d1', 'd2']);
    const b = poll(sync, a.held, [droplet(2), droplet(1, { name: 'x' }), droplet(1, { name: 'y' })]);
    expect(b.held.droplets.map((d) => d.name).sort()).toEqual(['d2', 'x']);
  });

  it('whatever the sequence of lists and pushed changes, the merged copy equals the latest list', () => {
    const statuses: DropletStatus[] = ['active', 'inactive', 'error'];
    const dropletArb = fc.record({
      id: fc.integer({ min: 1, max: 12 }),
      status: fc.constantFrom(...statuses),
      beat: fc.integer({ min: 0, max: 3 }),
      cpu: fc.integer({ min: 0, max: 2 }),
      // Every other field changes too, so a patch that forgets one leaves the copy behind.
      name: fc.constantFrom('n1', 'n2'),
      steward: fc.constantFrom(null, 'ana', 'ben'),
      endpoint: fc.constantFrom(null, 'http://h:8000', 'http://h:9000'),
      version: fc.constantFrom(null, '1.0', '2.0'),
      registered: fc.constantFrom(null, 0, 1),
      capabilities: fc.subarray(['a', 'b', 'c']),
      metrics: fc.constantFrom('none', 'cpu', 'cpu+mem'),
    });
    const step = fc.oneof(
      fc.record({ list: fc.array(dropletArb, { maxLength: 12 }) }),
      fc.record({ change: fc.record({ id: fc.integer({ min: 1, max: 12 }), status: fc.constantFrom(...statuses) }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const sync = new SentCopies();
        let held: FleetSnapshot | undefined;
        let latest: Droplet[] | null = null;
        for (const s of steps) {
          if ('list' in s) {
            const list = s.list.map((x) =>
              droplet(x.id, {
                status: x.status,
                lastHeartbeat: `2026-11-27T08:0${x.beat}:00.000Z`,
                latestMetrics: x.metrics === 'none' ? null : x.metrics === 'cpu' ? { cpu_percent: x.cpu } : { cpu_percent: x.cpu, memory_mb: 100 + x.cpu },
                name: x.name,
                steward: x.steward,
                endpoint: x.endpoint,
                version: x.version,
                registeredAt: x.registered === null ? null : `2026-11-2${x.registered}T08:00:00.000Z`,
                capabilities: x.capabilities,
              }),
            );
            held = poll(sync, held, list).held;
            const seen = new Set<number>();
            latest = list.filter((d) => !seen.has(d.id) && seen.add(d.id));
          } else if (held) {
            const change = { dropletId: s.change.id, oldStatus: null, newStatus: s.change.status, changedAt: null };
            sync.applyStatus(change);
            held = { ...held, droplets: held.droplets.map((d) => (d.id === change.dropletId ? { ...d, status: change.newStatus } : d)) };
          }
        }
        if (latest === null || !held) return;
        // Polled last: exactly the latest list (order may differ after moves, content may not).
        if ('list' in steps.at(-1)!) {
          const byId = (xs: readonly Droplet[]) => [...xs].sort((p, q) => p.id - q.id);
          expect(byId(held.droplets)).toEqual(byId(latest));
        }
      }),
      { numRuns: 1_500 },
    );
  });
});
