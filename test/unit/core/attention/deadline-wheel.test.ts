/** The lateness deadlines: what fell due comes out once, earliest first, whatever the clock does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeadlineWheel } from '../../../../core/attention/deadline-wheel';

const T = Date.parse('2026-03-01T10:00:00Z');

describe('DeadlineWheel', () => {
  it('hands out each deadline once, in order, when it falls due, as a sorted list would: past ones, a lap ahead, a clock that jumps or steps back', () => {
    const step = fc.oneof(
      fc.record({ push: fc.integer({ min: -30_000, max: 1_200_000 }), id: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ take: fc.integer({ min: -20_000, max: 700_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        // 8 buckets of 1 s: a lap is 8 s, so most deadlines are laps ahead.
        const wheel = new DeadlineWheel(1000, 8);
        let pending: [number, number][] = [];
        let now = T;
        for (const s of steps) {
          if ('push' in s) {
            wheel.push(now + s.push, s.id);
            pending.push([now + s.push, s.id]);
          } else {
            now += s.take;
            const expected = pending.filter(([d]) => d < now).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            pending = pending.filter(([d]) => d >= now);
            expect(wheel.takeDue(now)).toEqual(expected.flat());
          }
          expect(wheel.size).toBe(pending.length);
        }
      }),
      { numRuns: 300, seed: Number(process.env.STEWARD_FC_SEED ?? 1) },
    );
  });

  it('keeps no deadline that never falls due', () => {
    const wheel = new DeadlineWheel();
    wheel.push(NaN, 1);
    wheel.push(Infinity, 2);
    expect(wheel.size).toBe(0);
    expect(wheel.takeDue(T)).toEqual([]);
  });
});
