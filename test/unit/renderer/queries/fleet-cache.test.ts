import { describe, expect, it } from 'vitest';
import type { FleetSnapshot } from '../../../../shared/fleet-update';
import type { StatusChange } from '../../../../shared/model';
import { applyStatusChanges } from '../../../../renderer/src/queries/fleet-cache';
import { droplet } from '../../../support/fleet-fake-steward';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const beat = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const d = (id: number, status: Parameters<typeof droplet>[1], secondsAgo: number | null, extra = {}) =>
  droplet(id, status, null, { lastHeartbeat: secondsAgo === null ? null : beat(secondsAgo), ...extra });

describe('applyStatusChanges', () => {
  const snapshot: FleetSnapshot = {
    droplets: [d(1, 'active', 5), d(2, 'inactive', 300)],
    total: 2,
    unreadable: [],
    fetchedAt: beat(0),
    clockOffsetMs: 0,
    dialect: 'guide',
    traceId: null,
    sync: { stream: 's', version: 1 },
  };
  const applyStatusChange = (s: FleetSnapshot, c: StatusChange) => applyStatusChanges(s, [c]);

  it('replaces only the changed droplet, keeping the others’ identity', () => {
    const next = applyStatusChange(snapshot, { dropletId: 1, oldStatus: 'active', newStatus: 'error', changedAt: beat(0) });
    expect(next.droplets[0]!.status).toBe('error');
    expect(next.droplets[0]!.lastHeartbeat).toBe(snapshot.droplets[0]!.lastHeartbeat);
    expect(next.droplets[1]).toBe(snapshot.droplets[1]);
  });

  it('moves the beat time on when a droplet comes back active, so it does not show late', () => {
    const next = applyStatusChange(snapshot, { dropletId: 2, oldStatus: 'inactive', newStatus: 'active', changedAt: beat(1) });
    expect(next.droplets[1]).toMatchObject({ status: 'active', lastHeartbeat: beat(1) });
  });

  it('applies a batch in order, several changes to one droplet included', () => {
    const next = applyStatusChanges(snapshot, [
      { dropletId: 1, oldStatus: 'active', newStatus: 'error', changedAt: beat(0) },
      { dropletId: 2, oldStatus: 'inactive', newStatus: 'maintenance', changedAt: beat(0) },
      { dropletId: 1, oldStatus: 'error', newStatus: 'inactive', changedAt: beat(0) },
    ]);
    expect(next.droplets.map((x) => x.status)).toEqual(['inactive', 'maintenance']);
  });

  it('returns the same snapshot for unknown droplets and non-changes', () => {
    expect(applyStatusChange(snapshot, { dropletId: 99, oldStatus: null, newStatus: 'error', changedAt: null })).toBe(snapshot);
    expect(applyStatusChange(snapshot, { dropletId: 2, oldStatus: 'inactive', newStatus: 'inactive', changedAt: beat(0) })).toBe(snapshot);
  });
});
