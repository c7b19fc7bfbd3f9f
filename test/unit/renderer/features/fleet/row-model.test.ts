import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS } from '../../../../../shared/liveness';
import type { Droplet, DropletStatus } from '../../../../../shared/model';
import { filterRows, sortRows, toRows } from '../../../../../renderer/src/features/fleet/fleet-rows';
import { CapabilityCounter, judgeRows, RowModel, showRows, type RowQuery } from '../../../../../renderer/src/features/fleet/row-model';
import type { SortKey } from '../../../../../renderer/src/state/ui';
import { droplet } from '../../../../support/fleet-fake-steward';

// The fake's beat times count back from the real clock.
const NOW = Date.now();
const query = (over: Partial<RowQuery> = {}): RowQuery => ({ status: null, capability: null, search: '', sort: { key: 'problems', dir: 'asc' }, ...over });

describe('RowModel', () => {
  it('reuses the row of a droplet that did not change, and judges late ones as late', () => {
    const model = new RowModel();
    const a = droplet(1, 'active', 5);
    const b = droplet(2, 'active', 70);
    const first = model.judge([a, b], NOW, DEFAULT_LIVENESS);
    expect(first.rows.map((r) => r.status)).toEqual(['active', 'active']);
    const later = model.judge([a, b], NOW + 10_000, DEFAULT_LIVENESS);
    expect(later.rows[0]).toBe(first.rows[0]);
    expect(later.rows[1]!.status).toBe('late');
    expect(later.fresh).toEqual([later.rows[1]]);
  });

  it('places a changed droplet where a full sort would, and drops one that left', () => {
    const model = new RowModel();
    const list = [1, 2, 3, 4].map((id) => droplet(id, 'active', 5));
    model.show(model.judge(list, NOW, DEFAULT_LIVENESS), query());
    const next = [list[0]!, droplet(2, 'error', 5), list[3]!];
    const shown = model.show(model.judge(next, NOW, DEFAULT_LIVENESS), query());
    expect(shown.map((r) => [r.droplet.id, r.status])).toEqual([
      [2, 'error'],
      [1, 'active'],
      [4, 'active'],
    ]);
  });

  it('whatever the polls, filters and sorts, shows exactly what filtering and sorting everything would', () => {
    const statuses: DropletStatus[] = ['active', 'inactive', 'error', 'maintenance'];
    const keys: SortKey[] = ['problems', 'id', 'name', 'lastHeartbeat', 'status', 'capabilities'];
    const item = fc.record({ id: fc.integer({ min: 1, max: 30 }), status: fc.constantFrom(...statuses), age: fc.integer({ min: 0, max: 200 }), name: fc.constantFrom('alpha', 'beta', 'gamma'), cap: fc.constantFrom('gpu', 'ml', 'db') });
    const step = fc.record({
      // Each poll changes some droplets and keeps the rest as the same objects, as merged updates do.
      changes: fc.array(item, { maxLength: 8 }),
      removals: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
      advanceMs: fc.integer({ min: 0, max: 60_000 }),
      query: fc.option(fc.record({ status: fc.option(fc.constantFrom<string>('active', 'error', 'late')), capability: fc.option(fc.constantFrom('gpu', 'ml')), search: fc.constantFrom('', 'alp', '1'), sort: fc.record({ key: fc.constantFrom(...keys), dir: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') }) }), { freq: 4 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.array(step, { minLength: 1, maxLength: 8 }), (start, steps) => {
        const make = (x: (typeof start)[number]): Droplet => droplet(x.id, x.status, x.age, { name: `${x.name}-${x.id}`, capabilities: [x.cap] });
        let list: Droplet[] = [];
        const put = (d: Droplet) => {
          const i = list.findIndex((x) => x.id === d.id);
          if (i >= 0) list[i] = d;
          else list.push(d);
        };
        start.forEach((x) => put(make(x)));
        const model = new RowModel();
        let now = NOW;
        let q = query();
        for (const s of steps) {
          list = list.slice();
          s.changes.forEach((x) => put(make(x)));
          list = list.filter((d) => !s.removals.includes(d.id));
          now += s.advanceMs;
          if (s.query) q = { ...s.query, status: s.query.status, capability: s.query.capability };
          const shown = model.show(model.judge(list, now, DEFAULT_LIVENESS), q);
          const expected = sortRows(filterRows(toRows(list, now, DEFAULT_LIVENESS), q), q.sort);
          expect(shown.map((r) => [r.droplet.id, r.status])).toEqual(expected.map((r) => [r.droplet.id, r.status]));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('falls back to a full sort when the judgement it would build on is not the one it showed', () => {
    const list = [droplet(1, 'active', 5), droplet(2, 'error', 5)];
    const a = judgeRows(list, NOW, DEFAULT_LIVENESS, null);
    const shown = showRows(a, query(), null);
    const unrelated = judgeRows([list[0]!], NOW, DEFAULT_LIVENESS, judgeRows(list, NOW, DEFAULT_LIVENESS, null));
    expect(showRows(unrelated, query(), shown).rows.map((r) => r.droplet.id)).toEqual([1]);
  });
});

describe('CapabilityCounter', () => {
  it('counts again when a capability list changes, not when only beats and statuses do', () => {
    const counter = new CapabilityCounter();
    const a = droplet(1, 'active', 5, { capabilities: ['gpu', 'ml'] });
    const b = droplet(2, 'active', 5, { capabilities: ['gpu'] });
    const first = counter.of([a, b]);
    expect([...first]).toEqual([
      ['gpu', 2],
      ['ml', 1],
    ]);
    expect(counter.of([{ ...a, status: 'error' }, { ...b, lastHeartbeat: null }])).toBe(first);
    expect([...counter.of([a, { ...b, capabilities: ['db'] }])]).toEqual([
      ['gpu', 1],
      ['ml', 1],
      ['db', 1],
    ]);
    expect([...counter.of([a])]).toEqual([
      ['gpu', 1],
      ['ml', 1],
    ]);
  });
});
