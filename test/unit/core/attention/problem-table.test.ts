/** The packed problem table: counts and the worst few, whatever order problems come, change and go in. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemTable } from '../../../../core/attention/problem-table';

type Op = { kind: 'set'; id: number; rank: number; since: number } | { kind: 'delete'; id: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 1, max: 120 }), rank: fc.integer({ min: 0, max: 2 }), since: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 120 }) }),
);

describe('ProblemTable', () => {
  it('answers the counts and the worst few as a sort of every problem would, through adds, moves and removals past its first size', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 0, max: 7 }), fc.func(fc.boolean()), (ops, limit, mutedOf) => {
        const table = new ProblemTable();
        const model = new Map<number, { rank: number; since: number }>();
        for (const o of ops) {
          if (o.kind === 'set') {
            const was = model.get(o.id);
            expect(table.set(o.id, o.rank, o.since)).toBe(!was || was.rank !== o.rank || was.since !== o.since);
            model.set(o.id, { rank: o.rank, since: o.since });
          } else expect(table.delete(o.id)).toBe(model.delete(o.id));
        }
        const muted = (id: number): boolean => mutedOf(id);
        const expected = [...model].map(([id, p]) => ({ id, ...p, muted: muted(id) })).sort((a, b) => Number(a.muted) - Number(b.muted) || a.rank - b.rank || a.since - b.since || a.id - b.id);
        const walk = table.walk(limit, muted);
        expect(table.size).toBe(model.size);
        expect(walk.count).toBe(model.size);
        const unmuted = expected.filter((p) => !p.muted);
        expect(walk.unmuted).toBe(unmuted.length);
        expect(walk.worstRank).toBe(unmuted.length ? Math.min(...unmuted.map((p) => p.rank)) : -1);
        expect(walk.top).toEqual(expected.slice(0, limit));
        for (const id of model.keys()) expect(table.has(id)).toBe(true);
      }),
      { numRuns: 300, seed: Number(process.env.STEWARD_FC_SEED ?? 1) },
    );
  });

  it('without a mute question every problem counts as unmuted', () => {
    const table = new ProblemTable();
    table.set(7, 2, 100);
    table.set(8, 1, 200);
    expect(table.walk(5)).toEqual({ count: 2, unmuted: 2, worstRank: 1, top: [{ id: 8, rank: 1, since: 200, muted: false }, { id: 7, rank: 2, since: 100, muted: false }] });
  });
});
