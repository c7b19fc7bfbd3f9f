import { describe, expect, it } from 'vitest';
import type { FleetSnapshot } from '../../../../shared/fleet-update';
import type { StatusChange } from '../../../../shared/model';
import { applyStatusChanges, keepPushesNewerThanAnswer, PushLog } from '../../../../renderer/src/queries/fleet-cache';
import { droplet } from '../../../support/fleet-fake-steward';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const beat = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const d = (id: number, status: Parameters<typeof droplet>[1], secondsAgo: number | null, extra = {}) =>
  droplet(id, status, null, { lastHeartbeat: secondsAgo === null ? null : beat(secondsAgo), ...extra });

/** A snapshot of these droplets at `version`. */
const snapshotOf = (droplets: FleetSnapshot['droplets'], version = 1): FleetSnapshot => ({
  droplets,
  total: droplets.length,
  unreadable: [],
  fetchedAt: beat(0),
  clockOffsetMs: 0,
  dialect: 'guide',
  traceId: null,
  sync: { stream: 's', version },
});

describe('applyStatusChanges', () => {
  const snapshot = snapshotOf([d(1, 'active', 5), d(2, 'inactive', 300)]);
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

describe('keepPushesNewerThanAnswer: a poll answer read before a pushed change does not undo it', () => {
  const answer = (status: 'active' | 'inactive', secondsAgo: number) => snapshotOf([d(107, status, secondsAgo), d(108, 'active', 2)], 2);
  const wentInactive: StatusChange = { dropletId: 107, oldStatus: 'active', newStatus: 'inactive', changedAt: beat(1) };

  it('puts the change back when the answer still shows the status it moved from, with no newer beat', () => {
    const kept = keepPushesNewerThanAnswer(answer('active', 20), [wentInactive]);
    expect(kept.droplets.map((x) => x.status)).toEqual(['inactive', 'active']);
  });

  it('puts back a run of changes to one droplet in order', () => {
    const toError: StatusChange = { dropletId: 107, oldStatus: 'active', newStatus: 'error', changedAt: beat(3) };
    const errorToInactive: StatusChange = { dropletId: 107, oldStatus: 'error', newStatus: 'inactive', changedAt: beat(1) };
    expect(keepPushesNewerThanAnswer(answer('active', 20), [toError, errorToInactive]).droplets[0]!.status).toBe('inactive');
  });

  it('keeps the answer when it already has the change, or moved on past it with a newer beat', () => {
    const already = answer('inactive', 20);
    expect(keepPushesNewerThanAnswer(already, [wentInactive])).toBe(already);
    const beatAgain = answer('active', 0); // a beat after the flip: active again at the Orchestrator
    expect(keepPushesNewerThanAnswer(beatAgain, [wentInactive])).toBe(beatAgain);
  });
});

describe('PushLog', () => {
  it('answers the changes noted after a mark, and keeps a bounded number (the newest)', () => {
    const log = new PushLog(3);
    const change = (id: number): StatusChange => ({ dropletId: id, oldStatus: 'active', newStatus: 'error', changedAt: null });
    log.note([change(1)]);
    const mark = log.mark();
    expect(log.since(mark)).toEqual([]);
    log.note([change(2), change(3), change(4), change(5), change(6), change(7)]);
    expect(log.since(mark).map((c) => c.dropletId)).toEqual([5, 6, 7]);
  });
});
