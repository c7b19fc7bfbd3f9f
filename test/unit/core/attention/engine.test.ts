import { describe, expect, it } from 'vitest';
import { AttentionEventSchema } from '../../../../shared/attention';
import { droplet, LATE_AFTER_MS, recordingEngine, T0, whole } from './fixtures';

const S = 1000;

describe('AttentionEngine', () => {
  it('takes the first fleet it ever sees as it is, silently', () => {
    const { engine, events } = recordingEngine();
    engine.applyFleet(whole([droplet(1, 'error', T0), droplet(2, 'inactive', T0), droplet(3, 'active', T0)]), T0);
    engine.flushAll(T0);
    expect(events).toEqual([]);
    expect(engine.problems(T0)).toMatchObject({ count: 2, unmutedCount: 2, worst: 'error' });
  });

  it('makes one event of 30 droplets going inactive within the group window', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 10 } });
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    engine.applyFleet(whole(ids.map((id) => droplet(id, 'active', T0))), T0);
    // 30 go inactive across two polls 4 s apart: still one event.
    engine.applyFleet(whole(ids.map((id) => droplet(id, id <= 15 ? 'inactive' : 'active', T0 + 1 * S))), T0 + 2 * S);
    engine.applyFleet(whole(ids.map((id) => droplet(id, id <= 30 ? 'inactive' : 'active', T0 + 1 * S))), T0 + 6 * S);
    engine.tick(T0 + 11 * S);
    expect(events).toHaveLength(0); // the window opened at +2 s runs to +12 s
    engine.tick(T0 + 12 * S);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({ kind: 'inactive', count: 30, muted: false });
    expect(e!.summary).toBe('30 droplets went inactive: drop-1, drop-2, drop-3, drop-4, drop-5, …');
    expect(e!.items[0]).toMatchObject({ id: 1, from: 'active', to: 'inactive', cause: 'Orchestrator status inactive' });
    expect(AttentionEventSchema.safeParse(e).success).toBe(true);
  });

  it('judges lateness itself and says for how long there was no heartbeat', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    engine.tick(T0 + LATE_AFTER_MS); // not strictly past yet
    expect(events).toEqual([]);
    engine.tick(T0 + LATE_AFTER_MS + 20 * S);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'late', summary: 'drop-1 went late (no heartbeat for 95 s)' });
    expect(engine.problems(T0 + 96 * S)).toMatchObject({ count: 1, worst: 'late', top: [{ id: 1, state: 'late' }] });
  });

  it('judges lateness no later than it is told to (beats since the last read are unknown)', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    // At the live pace lateness is judged as of the last read (T0 + 15 s here).
    engine.tick(T0 + 200 * S, T0 + 15 * S);
    expect(events).toEqual([]);
    engine.tick(T0 + 200 * S);
    expect(events.map((e) => e.kind)).toEqual(['late']);
  });

  it('tells a recovery soon after a failure only once it has held for the hold time', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0, holdSeconds: 120 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    engine.applyFleet(whole([droplet(1, 'error', T0 + 5 * S)]), T0 + 5 * S);
    for (const t of [30, 90, 140]) engine.applyFleet(whole([droplet(1, 'active', T0 + t * S)]), T0 + t * S);
    engine.tick(T0 + 149 * S);
    expect(events.map((e) => e.kind)).toEqual(['error']);
    engine.tick(T0 + 150 * S);
    expect(events.map((e) => e.kind)).toEqual(['error', 'recovered']);
    expect(events[1]!.items[0]!.at).toBe(T0 + 30 * S);
  });

  it('reports a droplet that flips back and forth once, as flapping, then its settled state', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0, holdSeconds: 60 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    let t = T0;
    for (let i = 0; i < 6; i++) {
      t += 10 * S;
      engine.applyFleet(whole([droplet(1, i % 2 === 0 ? 'inactive' : 'active', t)]), t);
    }
    // Ends active (i = 5): flips stop at t; quiet until it has held 60 s.
    engine.tick(t + 59 * S);
    expect(events.map((e) => e.kind)).toEqual(['inactive', 'flapping']);
    expect(events[1]!.summary).toBe('drop-1 is flapping (went active and back within 60 s)');
    engine.tick(t + 60 * S);
    expect(events.map((e) => e.kind)).toEqual(['inactive', 'flapping', 'recovered']);
  });

  it('raises nothing for maintenance, entering or leaving it', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0, holdSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    engine.applyFleet(whole([droplet(1, 'maintenance', T0 + S)]), T0 + S);
    engine.tick(T0 + 10 * 60 * S); // a droplet in maintenance is never late
    engine.applyFleet(whole([droplet(1, 'active', T0 + 601 * S)]), T0 + 601 * S);
    engine.flushAll(T0 + 602 * S);
    expect(events).toEqual([]);
  });

  it('marks events of muted droplets muted, apart from the others', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 5, holdSeconds: 0 }, muted: (id) => id === 2 });
    engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]), T0);
    engine.applyFleet(whole([droplet(1, 'error', T0 + S), droplet(2, 'error', T0 + S)]), T0 + S);
    engine.tick(T0 + 10 * S);
    expect(events.map((e) => [e.kind, e.muted, e.items.map((i) => i.id)])).toEqual([
      ['error', false, [1]],
      ['error', true, [2]],
    ]);
    expect(engine.problems(T0 + 10 * S)).toMatchObject({ count: 2, unmutedCount: 1, top: [{ id: 1, muted: false }, { id: 2, muted: true }] });
  });

  it('after a restart, tells only what changed while it was away', () => {
    const first = recordingEngine({ settings: { groupSeconds: 0 } });
    first.engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'error', T0), droplet(3, 'active', T0)]), T0);
    const saved = JSON.parse(JSON.stringify(first.engine.persisted()));
    const second = recordingEngine({ settings: { groupSeconds: 0 }, restored: saved });
    second.engine.applyFleet(whole([droplet(1, 'active', T0 + 600 * S), droplet(2, 'error', T0 + 600 * S), droplet(3, 'inactive', T0 + 600 * S)]), T0 + 600 * S);
    expect(second.events.map((e) => [e.kind, e.items.map((i) => i.id)])).toEqual([['inactive', [3]]]);
  });

  it('makes an Orchestrator that comes back empty one event, and its droplets returning unchanged none', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0, holdSeconds: 0 } });
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    engine.applyFleet(whole(ids.map((id) => droplet(id, 'active', T0))), T0);
    engine.applyFleet(whole([]), T0 + 10 * S);
    expect(events.map((e) => [e.kind, e.count])).toEqual([['fleet_emptied', 100]]);
    expect(AttentionEventSchema.safeParse(events[0]).success).toBe(true);
    engine.applyFleet(whole(ids.slice(0, 50).map((id) => droplet(id, 'active', T0 + 20 * S))), T0 + 20 * S);
    engine.applyFleet(whole(ids.map((id) => droplet(id, id === 7 ? 'error' : 'active', T0 + 30 * S))), T0 + 30 * S);
    expect(events.map((e) => [e.kind, e.items.map((i) => i.id)])).toEqual([
      ['fleet_emptied', []],
      ['error', [7]],
    ]);
  });

  it('tells a droplet that is no longer listed, and one that is new', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]), T0);
    engine.applyFleet(whole([droplet(1, 'active', T0), droplet(3, 'active', T0)]), T0 + S);
    expect(events.map((e) => [e.kind, e.items.map((i) => i.id)])).toEqual([
      ['registered', [3]],
      ['disappeared', [2]],
    ]);
  });

  it('applies a delta only on top of the copy it holds', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    const w = whole([droplet(1, 'active', T0)]);
    engine.applyFleet(w, T0);
    const patch = { id: 1, status: 'error' as const };
    expect(engine.applyFleet({ base: { stream: 's', version: -1 }, droplets: [], patches: [patch], removed: [], sync: { stream: 's', version: 999 } }, T0 + S)).toBe(false);
    expect(events).toEqual([]);
    expect(engine.applyFleet({ base: w.sync, droplets: [], patches: [patch], removed: [], sync: { stream: 's', version: 1000 } }, T0 + S)).toBe(true);
    expect(events.map((e) => e.kind)).toEqual(['error']);
  });

  it('raises a metric rule once it has held for its time, once per episode', () => {
    const rule = { id: 'cpu', metric: 'cpu_percent', op: '>' as const, value: 90, forSeconds: 300, enabled: true };
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0, rules: [rule] } });
    const beat = (minute: number, cpu: number) => engine.applyFleet(whole([droplet(1, 'active', T0 + minute * 60 * S, { cpu_percent: cpu })]), T0 + minute * 60 * S);
    beat(0, 95);
    for (let m = 1; m <= 4; m++) beat(m, 96);
    expect(events).toEqual([]);
    beat(5, 97);
    expect(events.map((e) => e.summary)).toEqual(['drop-1 crossed a metric rule (cpu_percent > 90 for 5 min (now 97))']);
    beat(6, 99);
    beat(7, 10);
    for (let m = 8; m <= 13; m++) beat(m, 91);
    expect(events).toHaveLength(2);
  });

  it('applies a pushed status change at once', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    engine.applyStatus({ dropletId: 1, oldStatus: 'active', newStatus: 'inactive', changedAt: new Date(T0 + 5 * S).toISOString() }, T0 + 5 * S);
    expect(events.map((e) => e.kind)).toEqual(['inactive']);
  });
});
