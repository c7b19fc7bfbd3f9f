/**
 * The engine under generated sequences of polls, pushes, restarts and clock moves: what it
 * tells must read as one consistent story per droplet, whatever happened in between.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttentionEvent, AttentionItem } from '../../../../shared/attention';
import type { DropletStatus } from '../../../../shared/model';
import { droplet, recordingEngine, T0, whole, type Recorded } from './fixtures';

const IDS = [1, 2, 3, 4];
const STATUSES: DropletStatus[] = ['active', 'active', 'inactive', 'error', 'maintenance', 'unknown'];
const HOLD_S = 60;

/** Steps over these statuses; maintenance and unknown change silently, so the strict story leaves them out. */
function steps(statuses: DropletStatus[]) {
  const poll = fc.record({
    op: fc.constant('poll' as const),
    rows: fc.array(fc.record({ listed: fc.integer({ min: 0, max: 9 }).map((n) => n > 0), status: fc.constantFrom(...statuses), beatAgoS: fc.integer({ min: 0, max: 200 }) }), {
      minLength: IDS.length,
      maxLength: IDS.length,
    }),
  });
  const push = fc.record({ op: fc.constant('push' as const), id: fc.constantFrom(...IDS), status: fc.constantFrom(...statuses) });
  const advance = fc.record({ op: fc.constant('advance' as const), s: fc.integer({ min: 0, max: 200 }) });
  const restart = fc.record({ op: fc.constant('restart' as const) });
  const empty = fc.record({ op: fc.constant('empty' as const) });
  const step = fc.oneof({ arbitrary: poll, weight: 6 }, { arbitrary: push, weight: 2 }, { arbitrary: advance, weight: 4 }, { arbitrary: restart, weight: 1 }, { arbitrary: empty, weight: 1 });
  return fc.array(step, { maxLength: 60 });
}
type Step = ReturnType<typeof steps> extends fc.Arbitrary<(infer T)[]> ? T : never;
const anySteps = steps(STATUSES);
const loudSteps = steps(['active', 'active', 'inactive', 'error']);

/** Runs the steps, restarting from the persisted state (through JSON, as on disk) when asked. */
function run(steps: Step[], opts: { muted?: (id: number) => boolean; groupSeconds?: number } = {}): { events: AttentionEvent[]; raisedAt: number[] } {
  const settings = { groupSeconds: opts.groupSeconds ?? 0, holdSeconds: HOLD_S };
  const events: AttentionEvent[] = [];
  const raisedAt: number[] = [];
  const clock = { now: T0 };
  let r: Recorded = recordingEngine({ settings, muted: opts.muted, clock, events, raisedAt });
  r.engine.applyFleet(whole(IDS.map((id) => droplet(id, 'active', T0))), T0);
  for (const s of steps) {
    if (s.op === 'advance') {
      clock.now += s.s * 1000;
      r.engine.tick(clock.now);
    } else if (s.op === 'poll') {
      const list = IDS.flatMap((id, i) => (s.rows[i]!.listed ? [droplet(id, s.rows[i]!.status, clock.now - s.rows[i]!.beatAgoS * 1000)] : []));
      r.engine.applyFleet(whole(list), clock.now);
    } else if (s.op === 'push') {
      r.engine.applyStatus({ dropletId: s.id, oldStatus: null, newStatus: s.status, changedAt: new Date(clock.now).toISOString() }, clock.now);
    } else if (s.op === 'empty') {
      r.engine.applyFleet(whole([]), clock.now);
    } else {
      r.engine.flushAll(clock.now);
      const saved = JSON.parse(JSON.stringify(r.engine.persisted(), (_k, v: unknown) => (v === -Infinity ? null : v)), (_k, v: unknown) => (v === null ? -Infinity : v));
      r = recordingEngine({ settings, muted: opts.muted, clock, events, raisedAt, restored: saved });
    }
  }
  clock.now += 10 * HOLD_S * 1000;
  r.engine.tick(clock.now);
  r.engine.flushAll(clock.now);
  return { events, raisedAt };
}

/** Told transitions per droplet, in the order told (flapping and metric items are notes, not states). */
function toldById(events: AttentionEvent[], raisedAt: number[]): Map<number, { item: AttentionItem; kind: string; raised: number }[]> {
  const by = new Map<number, { item: AttentionItem; kind: string; raised: number }[]>();
  events.forEach((e, i) => {
    if (e.kind === 'flapping' || e.kind === 'metric' || e.kind === 'fleet_emptied') return;
    for (const item of e.items) {
      if (!by.has(item.id)) by.set(item.id, []);
      by.get(item.id)!.push({ item, kind: e.kind, raised: raisedAt[i]! });
    }
  });
  return by;
}

const runs = { numRuns: Number(process.env.STEWARD_FC_RUNS ?? 300) };

describe('AttentionEngine under generated sequences', () => {
  it('never tells an unchanged state again, across restarts and emptied fleets: each told change starts where the last ended', () => {
    fc.assert(
      fc.property(loudSteps, (steps) => {
        const { events, raisedAt } = run(steps);
        for (const told of toldById(events, raisedAt).values()) {
          let last: string | null = null;
          for (const { item } of told) {
            expect(item.from).not.toBe(item.to);
            if (last !== null) expect(item.from).toBe(last);
            last = item.to;
          }
        }
      }),
      runs,
    );
  });

  it('raises nothing for maintenance: no change into it, no recovery out of it', () => {
    fc.assert(
      fc.property(anySteps, (steps) => {
        const { events } = run(steps);
        for (const e of events) for (const item of e.items) {
          if (e.kind !== 'metric') expect(item.to).not.toBe('maintenance');
          if (e.kind === 'recovered') expect(item.from).not.toBe('maintenance');
        }
      }),
      runs,
    );
  });

  /** At most two tells of a droplet within any hold time, while it stays listed. */
  function toldAtMostTwicePerHold(steps: Step[]): void {
    const { events, raisedAt } = run(steps);
    // A droplet no longer listed is forgotten: its next listing starts afresh.
    const by = new Map<string, number[]>();
    const life = new Map<number, number>();
    events.forEach((e, i) => {
      if (e.kind === 'metric' || e.kind === 'fleet_emptied' || e.kind === 'registered') return;
      for (const item of e.items) {
        const key = `${item.id}/${life.get(item.id) ?? 0}`;
        if (e.kind === 'disappeared') life.set(item.id, (life.get(item.id) ?? 0) + 1);
        else by.set(key, [...(by.get(key) ?? []), raisedAt[i]!]);
      }
    });
    for (const times of by.values()) for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(HOLD_S * 1000);
  }

  const listedAs = (status: string, beatAgoS = 0) => [{ listed: true, status, beatAgoS }, ...[0, 0, 0].map(() => ({ listed: false, status: 'active', beatAgoS: 0 }))];

  // Seeded so a failure in CI can be replayed; STEWARD_FC_SEED=N (and STEWARD_FC_RUNS) try
  // other sequences. The sequences it once failed on are kept below as regression tests.
  it('damps flapping: a droplet is told at most twice within any hold time (while it stays listed)', () => {
    fc.assert(fc.property(anySteps, toldAtMostTwicePerHold), { ...runs, seed: Number(process.env.STEWARD_FC_SEED ?? 1) });
  });

  it('keeps damping a flapping droplet across an emptied fleet and across a restart of Steward (found by fast-check)', () => {
    toldAtMostTwicePerHold([
      { op: 'push', id: 1, status: 'inactive' },
      { op: 'poll', rows: listedAs('maintenance') },
      { op: 'poll', rows: listedAs('inactive') },
      { op: 'poll', rows: listedAs('maintenance') },
      { op: 'empty' },
      { op: 'poll', rows: listedAs('active', 76) },
      { op: 'poll', rows: listedAs('maintenance') },
    ] as Step[]);
    toldAtMostTwicePerHold([
      { op: 'poll', rows: listedAs('inactive') },
      { op: 'poll', rows: listedAs('active') },
      { op: 'poll', rows: listedAs('inactive') },
      { op: 'restart' },
      { op: 'poll', rows: listedAs('active') },
      { op: 'poll', rows: listedAs('inactive') },
    ] as Step[]);
  });

  // The flapping note ended its quiet at once (the quiet ran from the late judged at a past
  // deadline) and did not count as told, so the recovery and a second flapping note followed.
  it('late, then a flip to error and back within the hold time, is told at most twice (found by fast-check)', () => {
    const only2 = (status: string, beatAgoS = 0) => [{ listed: false, status: 'active', beatAgoS: 0 }, { listed: true, status, beatAgoS }, ...[0, 0].map(() => ({ listed: false, status: 'active', beatAgoS: 0 }))];
    toldAtMostTwicePerHold([
      { op: 'advance', s: 76 },
      { op: 'poll', rows: only2('active', 17) },
      { op: 'advance', s: 118 },
      { op: 'push', id: 2, status: 'active' },
      { op: 'poll', rows: only2('error') },
      { op: 'poll', rows: only2('active') },
    ] as Step[]);
  });

  it('keeps a muted droplet’s transitions in muted events, apart from everyone else’s', () => {
    fc.assert(
      fc.property(anySteps, fc.integer({ min: 0, max: 10 }), (steps, groupSeconds) => {
        const { events } = run(steps, { muted: (id) => id === 2, groupSeconds });
        for (const e of events) for (const item of e.items) expect(e.muted).toBe(item.id === 2);
      }),
      runs,
    );
  });

  it('groups a burst: changes seen at once make at most one event per kind', () => {
    const row = fc.record({ status: fc.constantFrom(...STATUSES), beatAgoS: fc.integer({ min: 0, max: 200 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 30, maxLength: 30 }), fc.array(row, { minLength: 30, maxLength: 30 }), (before, after) => {
        const { engine, events } = recordingEngine({ settings: { groupSeconds: 10, holdSeconds: 0 } });
        engine.applyFleet(whole(before.map((r, i) => droplet(i + 1, r.status, T0 - r.beatAgoS * 1000))), T0);
        engine.tick(T0 + 10_000);
        const seenBefore = events.length;
        engine.applyFleet(whole(after.map((r, i) => droplet(i + 1, r.status, T0 + 10_000 - r.beatAgoS * 1000))), T0 + 10_000);
        engine.flushAll(T0 + 10_000);
        const burst = events.slice(seenBefore);
        const kinds = burst.map((e) => e.kind);
        expect(new Set(kinds).size).toBe(kinds.length);
        for (const e of burst) expect(e.count).toBe(e.items.length);
      }),
      runs,
    );
  });
});
