import { describe, expect, it } from 'vitest';
import { AttentionEventSchema, type AttentionEvent } from '../../../../shared/attention';
import { droplet, recordingEngine, T0, whole } from './fixtures';

const S = 1000;
const restart = (id: number, at: number, before = 3 * 3600 + 300, now = 40) => ({ id, at, uptimeBefore: before, uptimeNow: now });
/** The probe kinds only: these droplets send no more beats, so the engine also judges them late meanwhile. */
const probeOnly = (events: AttentionEvent[]): AttentionEvent[] => events.filter((e) => e.kind === 'restarted' || e.kind.startsWith('probe_'));
const probe = (id: number, to: 'answering' | 'degraded' | 'unreachable' | 'not_probed', at: number) => ({ id, to, at });

describe('AttentionEngine: probe events', () => {
  it('tells a restart once, in words, with how long it had been up', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    engine.applyRestart(restart(1, T0 + 60 * S), T0 + 60 * S);
    // The same restart reported twice (a probe answered late) is still one event.
    engine.applyRestart(restart(1, T0 + 60 * S), T0 + 61 * S);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'restarted', count: 1, muted: false, summary: 'drop-1 restarted (uptime went from 3 h 5 min to 40 s)' });
    expect(events[0]!.items[0]).toMatchObject({ id: 1, from: 'active', to: 'active', at: T0 + 60 * S });
    expect(AttentionEventSchema.safeParse(events[0]).success).toBe(true);
  });

  it('groups restarts within the group window into one event', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 10 } });
    engine.applyFleet(whole([1, 2, 3, 4].map((id) => droplet(id, 'active', T0))), T0);
    for (const id of [1, 2, 3]) engine.applyRestart(restart(id, T0 + (60 + id) * S), T0 + (60 + id) * S);
    engine.tick(T0 + 70 * S);
    expect(events).toEqual([]);
    engine.tick(T0 + 71 * S);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'restarted', count: 3, summary: '3 droplets restarted: drop-1, drop-2, drop-3' });
  });

  it('tells a crash loop once, and again only after it stayed up for the hold time', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0, holdSeconds: 120 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    for (const t of [60, 120, 180, 240]) engine.applyRestart(restart(1, T0 + t * S, 60, 5), T0 + t * S);
    expect(probeOnly(events).map((e) => e.kind)).toEqual(['restarted']);
    engine.applyRestart(restart(1, T0 + 400 * S), T0 + 400 * S);
    expect(probeOnly(events).map((e) => e.kind)).toEqual(['restarted', 'restarted']);
  });

  it('keeps a muted droplet restart in the timeline, marked muted', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 }, muted: (id) => id === 1 });
    engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]), T0);
    engine.applyRestart(restart(1, T0 + 60 * S), T0 + 60 * S);
    engine.applyProbe(probe(1, 'answering', T0), T0);
    engine.applyProbe(probe(1, 'unreachable', T0 + 70 * S), T0 + 70 * S);
    expect(events.map((e) => [e.kind, e.muted])).toEqual([
      ['restarted', true],
      ['probe_unanswered', true],
    ]);
  });

  it('raises nothing for a droplet in maintenance: restarts, silence or answers', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'maintenance', T0)]), T0);
    engine.applyProbe(probe(1, 'answering', T0), T0);
    engine.applyRestart(restart(1, T0 + 60 * S), T0 + 60 * S);
    engine.applyProbe(probe(1, 'unreachable', T0 + 70 * S), T0 + 70 * S);
    engine.applyProbe(probe(1, 'answering', T0 + 130 * S), T0 + 130 * S);
    engine.flushAll(T0 + 200 * S);
    expect(events).toEqual([]);
  });

  it('tells /health going silent while the Orchestrator says active, and answering again', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0)]), T0);
    engine.applyProbe(probe(1, 'answering', T0), T0);
    engine.applyProbe(probe(1, 'unreachable', T0 + 60 * S), T0 + 60 * S);
    engine.applyProbe(probe(1, 'unreachable', T0 + 120 * S), T0 + 120 * S);
    expect(probeOnly(events).map((e) => e.summary)).toEqual(['drop-1 stopped answering on /health (the Orchestrator still says active)']);
    engine.applyProbe(probe(1, 'degraded', T0 + 300 * S), T0 + 300 * S);
    expect(probeOnly(events).map((e) => e.kind)).toEqual(['probe_unanswered', 'probe_answering']);
    expect(probeOnly(events)[1]!.summary).toBe('drop-1 answers on /health again (it had stopped answering)');
  });

  it('is quiet for a droplet never heard answering (a localhost endpoint) and one the Orchestrator already calls inactive', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'inactive', T0)]), T0);
    engine.applyProbe(probe(1, 'unreachable', T0 + 5 * S), T0 + 5 * S);
    engine.applyProbe(probe(2, 'answering', T0 + 5 * S), T0 + 5 * S);
    engine.applyProbe(probe(2, 'unreachable', T0 + 65 * S), T0 + 65 * S);
    // Answering after a silence nobody was told of is not news either.
    engine.applyProbe(probe(2, 'answering', T0 + 125 * S), T0 + 125 * S);
    expect(probeOnly(events)).toEqual([]);
  });

  it('groups droplets going silent together', () => {
    const { engine, events } = recordingEngine({ settings: { groupSeconds: 10 } });
    engine.applyFleet(whole([1, 2].map((id) => droplet(id, 'active', T0))), T0);
    for (const id of [1, 2]) engine.applyProbe(probe(id, 'answering', T0), T0);
    for (const id of [1, 2]) engine.applyProbe(probe(id, 'unreachable', T0 + 60 * S), T0 + 60 * S);
    engine.tick(T0 + 70 * S);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'probe_unanswered', count: 2, summary: '2 droplets stopped answering on /health: drop-1, drop-2' });
  });

  it('does not tell a droplet still silent twice across a restart of Steward', () => {
    const first = recordingEngine({ settings: { groupSeconds: 0 } });
    first.engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]), T0);
    for (const id of [1, 2]) first.engine.applyProbe(probe(id, 'answering', T0), T0);
    first.engine.applyProbe(probe(1, 'unreachable', T0 + 60 * S), T0 + 60 * S);
    expect(first.events.map((e) => e.kind)).toEqual(['probe_unanswered']);
    const saved = JSON.parse(JSON.stringify(first.engine.persisted()));

    // A new prober starts from not probed: droplet 1 is still silent, 2 went silent meanwhile.
    const second = recordingEngine({ settings: { groupSeconds: 0 }, restored: saved });
    second.engine.applyFleet(whole([droplet(1, 'active', T0 + 200 * S), droplet(2, 'active', T0 + 200 * S)]), T0 + 200 * S);
    second.engine.applyProbe(probe(1, 'unreachable', T0 + 201 * S), T0 + 201 * S);
    second.engine.applyProbe(probe(2, 'unreachable', T0 + 201 * S), T0 + 201 * S);
    expect(second.events.map((e) => [e.kind, e.items[0]!.id])).toEqual([['probe_unanswered', 2]]);
    second.engine.applyProbe(probe(1, 'answering', T0 + 250 * S), T0 + 250 * S);
    expect(second.events.map((e) => [e.kind, e.items[0]!.id])).toEqual([
      ['probe_unanswered', 2],
      ['probe_answering', 1],
    ]);
  });

  it('journals what it told of /health as changes, and forgets a droplet that left', () => {
    const { engine } = recordingEngine({ settings: { groupSeconds: 0 } });
    engine.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]), T0);
    engine.takeChanges();
    engine.applyProbe(probe(1, 'answering', T0), T0);
    expect(engine.dirty).toBe(true);
    expect(engine.takeChanges().probes).toEqual([[1, 'a']]);
    engine.applyFleet(whole([droplet(2, 'active', T0 + 60 * S)]), T0 + 60 * S);
    expect(engine.takeChanges().probes).toEqual([[1, null]]);
    expect(engine.persisted().probes).toEqual([]);
  });
});
