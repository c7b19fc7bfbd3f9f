import { describe, expect, it } from 'vitest';
import { buildSlots, mergeBeats } from '../../../../../renderer/src/features/details/timeline';

const MIN = 60_000;

describe('timeline model', () => {
  it('carries a beat through a slot with no beat until it is overdue, then shows a gap', () => {
    const now = 100 * MIN;
    const beats = mergeBeats([{ t: now - 4.5 * MIN, status: 'active' }], [{ t: now - 4.5 * MIN + 500, status: 'active' }]);
    expect(beats).toHaveLength(1);
    const slots = buildSlots(beats, now, { slots: 6, slotMs: MIN, overdueMs: 75_000 });
    expect(slots.map((s) => s.kind)).toEqual(['none', 'beat', 'carry', 'gap', 'gap', 'gap']);
  });

  it('follows the fleet\'s late rule at a slot\'s start: overdue strictly after interval + grace', () => {
    const now = 100 * MIN;
    // The beat's limit falls exactly on the fourth slot's start: not yet late there, so it carries.
    const beats = [{ t: now - 4 * MIN - 15_000, status: 'active' }];
    const slots = buildSlots(beats, now, { slots: 6, slotMs: MIN, overdueMs: 75_000 });
    expect(slots[3]!.start).toBe(beats[0]!.t + 75_000);
    expect(slots.map((s) => s.kind)).toEqual(['none', 'beat', 'carry', 'carry', 'gap', 'gap']);
  });
});
