/** The problem list the tray, title and badge show: counts, the worst state and the five worst, in order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DropletStatus } from '../../../../shared/model';
import { droplet, LATE_AFTER_MS, recordingEngine, T0, whole } from './fixtures';

const SEVERITY: Record<string, number> = { error: 0, inactive: 1, late: 2 };
const STATUSES: DropletStatus[] = ['active', 'inactive', 'error', 'maintenance'];

describe('problems', () => {
  it.each([
    ['asked of each problem', false],
    ['told when nothing is muted', true],
  ])('counts every problem and names the five worst: unmuted first, then error, inactive, late, the longest-standing first (mutes %s)', (_, tellsNone) => {
    const row = fc.record({ status: fc.constantFrom(...STATUSES), late: fc.boolean(), muted: fc.boolean(), sinceS: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 0, maxLength: 40 }), (rows) => {
        const muted = new Set(rows.flatMap((r, i) => (r.muted ? [i + 1] : [])));
        const clock = { now: T0 };
        const anyMuted = tellsNone ? { anyMuted: () => muted.size > 0 } : {};
        const { engine } = recordingEngine({ settings: { groupSeconds: 0, holdSeconds: 0 }, muted: (id) => muted.has(id), ...anyMuted, clock });
        engine.applyFleet(whole(rows.map((_, i) => droplet(i + 1, 'active', T0))), T0);
        // Each droplet moves to its status at its own second, so "since" differs.
        for (let s = 0; s <= 5; s++) {
          clock.now = T0 + (s + 1) * 1000;
          engine.applyFleet(whole(rows.map((r, i) => droplet(i + 1, r.sinceS <= s ? r.status : 'active', r.late ? T0 : clock.now))), clock.now);
        }
        clock.now = T0 + LATE_AFTER_MS + 10_000;
        engine.applyFleet(whole(rows.map((r, i) => droplet(i + 1, r.status, r.late ? T0 : clock.now))), clock.now);
        engine.tick(clock.now);
        engine.flushAll(clock.now);

        const expected = rows
          .map((_, i) => ({ id: i + 1, ...engine.stateOf(i + 1)!, muted: muted.has(i + 1) }))
          .filter((p) => p.state in SEVERITY)
          .sort((a, b) => Number(a.muted) - Number(b.muted) || SEVERITY[a.state]! - SEVERITY[b.state]! || a.since - b.since || a.id - b.id);
        const got = engine.problems(clock.now);
        expect(got.count).toBe(expected.length);
        expect(got.unmutedCount).toBe(expected.filter((p) => !p.muted).length);
        const unmuted = expected.filter((p) => !p.muted);
        expect(got.worst).toBe(unmuted.length ? unmuted[0]!.state : null);
        expect(got.top.map((p) => [p.id, p.state, p.muted])).toEqual(expected.slice(0, 5).map((p) => [p.id, p.state, p.muted]));
      }),
      { numRuns: 200, seed: Number(process.env.STEWARD_FC_SEED ?? 1) },
    );
  });

  it('names a problem by its new name as soon as the fleet renames it', () => {
    const { engine } = recordingEngine({ settings: { groupSeconds: 0, holdSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'error', T0)]), T0);
    expect(engine.problems(T0).top.map((p) => p.name)).toEqual(['drop-2']);
    engine.applyFleet(whole([droplet(1, 'active', T0), { ...droplet(2, 'error', T0), name: 'billing-db' }]), T0 + 1000);
    expect(engine.problems(T0 + 1000).top.map((p) => p.name)).toEqual(['billing-db']);
  });
});
