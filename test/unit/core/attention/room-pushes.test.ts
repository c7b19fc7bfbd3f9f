/** Pushed status changes (the live feed): told as events, and the problem list follows within a second's tick. */
import { describe, expect, it } from 'vitest';
import type { AttentionEvent, Problems } from '../../../../shared/attention';
import { AttentionRoom } from '../../../../core/attention/room';
import { droplet, T0, whole } from './fixtures';

describe('AttentionRoom fed pushes', () => {
  it('brings the problem list up to date on the next tick after a burst of pushes', async () => {
    const clock = { now: T0 };
    const problems: Problems[] = [];
    const events: AttentionEvent[] = [];
    const room = await AttentionRoom.open({ lateAfterMs: 75_000, pollIntervalMs: 5_000, now: () => clock.now, onEvent: (e) => events.push(e), onProblems: (p) => problems.push(p), saveEveryMs: 0 });
    room.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0), droplet(3, 'active', T0)]));
    expect(problems.at(-1)).toMatchObject({ count: 0 });
    const at = new Date(T0 + 1_000).toISOString();
    room.applyStatus({ dropletId: 2, oldStatus: 'active', newStatus: 'error', changedAt: at });
    room.applyStatus({ dropletId: 3, oldStatus: 'active', newStatus: 'inactive', changedAt: at });
    room.applyStatus({ dropletId: 3, oldStatus: 'inactive', newStatus: 'error', changedAt: at });
    clock.now = T0 + 1_000;
    room.tick();
    expect(problems.at(-1)).toMatchObject({ count: 2, unmutedCount: 2, worst: 'error' });
    expect(problems.at(-1)!.top.map((p) => p.id)).toEqual([2, 3]);
    await room.close();
  });
});
