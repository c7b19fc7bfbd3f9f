import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttentionEvent, Problems } from '../../../../shared/attention';
import { AttentionRoom, EVENTS_FILE, JOURNAL_FILE } from '../../../../core/attention/room';
import { anyMuted, applyMute, isMuted, liveMutes, NO_MUTES } from '../../../../core/attention/mutes';
import { incidents, uptimeWindow, type TimelineEntry } from '../../../../core/attention/uptime';
import { droplet, T0, whole } from './fixtures';

const S = 1000;
const H = 3_600_000;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function openRoom(dir: string | undefined, clock: { now: number }, sink: { events: AttentionEvent[]; problems: Problems[] }) {
  return AttentionRoom.open({
    dataDir: dir,
    lateAfterMs: 75 * S,
    pollIntervalMs: 5 * S,
    now: () => clock.now,
    onEvent: (e) => sink.events.push(e),
    onProblems: (p) => sink.problems.push(p),
    saveEveryMs: 0,
  });
}

describe('AttentionRoom', () => {
  it('keeps settings, mutes, what it told and the timeline across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attn-'));
    dirs.push(dir);
    const clock = { now: T0 };
    const sink = { events: [] as AttentionEvent[], problems: [] as Problems[] };
    const room = await openRoom(dir, clock, sink);
    await room.setSettings({ groupSeconds: 0, holdSeconds: 0 });
    await room.mute({ target: 'droplet', id: 2, span: 'forever' });
    room.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]));
    clock.now += 5 * S;
    room.applyFleet(whole([droplet(1, 'error', clock.now), droplet(2, 'error', clock.now)]));
    expect(sink.events.map((e) => [e.kind, e.muted])).toEqual([
      ['error', false],
      ['error', true],
    ]);
    expect(sink.problems.at(-1)).toMatchObject({ count: 2, unmutedCount: 1, worst: 'error' });
    await room.close();

    const again = { events: [] as AttentionEvent[], problems: [] as Problems[] };
    clock.now += 60 * S;
    const reopened = await openRoom(dir, clock, again);
    expect(reopened.settingsView()).toMatchObject({ settings: { groupSeconds: 0, holdSeconds: 0 }, mutes: { droplets: { '2': null } } });
    // The same fleet after the restart: nothing told again.
    reopened.applyFleet(whole([droplet(1, 'error', clock.now), droplet(2, 'error', clock.now)]));
    reopened.tick();
    expect(again.events).toEqual([]);
    expect(reopened.events().map((e) => e.kind)).toEqual(['error', 'error']);
    expect(reopened.events({ dropletId: 1 })).toHaveLength(1);
    expect(reopened.uptime(1).incidents).toEqual([expect.objectContaining({ state: 'error', startedAt: T0 + 5 * S, endedAt: null, cause: 'Orchestrator status error' })]);
    await reopened.close();
    expect((await readFile(join(dir, EVENTS_FILE), 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('after a crash (no close), restores what it told from the journal of changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attn-'));
    dirs.push(dir);
    const clock = { now: T0 };
    const sink = { events: [] as AttentionEvent[], problems: [] as Problems[] };
    const room = await openRoom(dir, clock, sink);
    await room.setSettings({ groupSeconds: 0, holdSeconds: 0 });
    room.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]));
    clock.now += 5 * S;
    room.applyFleet(whole([droplet(1, 'inactive', clock.now), droplet(2, 'active', clock.now)]));
    expect(sink.events.map((e) => e.kind)).toEqual(['inactive']);
    // Only changes go to the journal while running; the state file waits for close.
    await expect.poll(async () => (await readFile(join(dir, JOURNAL_FILE), 'utf8').catch(() => '')).includes('"t":[1,')).toBe(true);

    const again = { events: [] as AttentionEvent[], problems: [] as Problems[] };
    clock.now += 5 * S;
    const reopened = await openRoom(dir, clock, again);
    // Folded into the state file at open: the journal starts empty.
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe('');
    reopened.applyFleet(whole([droplet(1, 'inactive', clock.now), droplet(2, 'active', clock.now)]));
    reopened.tick();
    expect(again.events).toEqual([]);
    expect(reopened.uptime(1).incidents).toEqual([expect.objectContaining({ state: 'inactive', startedAt: T0 + 5 * S, endedAt: null })]);
    await reopened.close();
  });

  it('exports events as CSV a spreadsheet reads as text, one row per droplet', async () => {
    const clock = { now: T0 };
    const room = await openRoom(undefined, clock, { events: [], problems: [] });
    await room.setSettings({ groupSeconds: 5, holdSeconds: 0 });
    const evil = { ...droplet(1, 'active', T0), name: '=HYPERLINK("x")' };
    room.applyFleet(whole([evil, droplet(2, 'active', T0)]));
    room.applyFleet(whole([{ ...evil, status: 'inactive' }, droplet(2, 'inactive', T0)]));
    clock.now += 5 * S;
    room.tick();
    const { text, count } = room.exportEvents('csv');
    expect(count).toBe(1);
    const rows = Papa.parse<string[]>(text.trim()).data;
    expect(rows[0]).toEqual(['event_time', 'kind', 'summary', 'count', 'muted', 'event_id', 'droplet_id', 'droplet_name', 'from', 'to', 'changed_at', 'cause']);
    expect(rows).toHaveLength(3);
    expect(rows[1]![7]).toBe(`'=HYPERLINK("x")`);
    expect(JSON.parse(room.exportEvents('json').text)).toHaveLength(1);
  });

  it('summarises what happened while the window was away', async () => {
    const clock = { now: T0 };
    const room = await openRoom(undefined, clock, { events: [], problems: [] });
    await room.setSettings({ groupSeconds: 0, holdSeconds: 0 });
    room.applyFleet(whole([droplet(1, 'active', T0), droplet(2, 'active', T0)]));
    clock.now += 10 * S;
    room.applyFleet(whole([droplet(1, 'error', clock.now), droplet(2, 'active', clock.now)]));
    clock.now += 10 * S;
    room.applyFleet(whole([droplet(1, 'error', clock.now), droplet(2, 'inactive', clock.now)]));
    const away = room.awaySummary(T0 + 5 * S);
    expect(away).toMatchObject({ eventCount: 2, byKind: { error: 1, inactive: 1 } });
    expect(away.events.map((e) => e.kind)).toEqual(['inactive', 'error']);
    expect(room.awaySummary(clock.now + 1).eventCount).toBe(0);
  });
});

describe('mutes', () => {
  it('mutes a droplet for an hour, until tomorrow morning, or until unmuted; the profile for an hour', () => {
    let m = applyMute(NO_MUTES, { target: 'droplet', id: 3, span: '1h' }, T0);
    expect(isMuted(m, 3, T0 + H - 1)).toBe(true);
    expect(isMuted(m, 3, T0 + H)).toBe(false);
    expect(liveMutes(m, T0 + H)).toEqual({ droplets: {} });
    m = applyMute(m, { target: 'droplet', id: 4, span: 'tomorrow' }, T0);
    const until = m.droplets['4']!;
    expect(new Date(until).getHours()).toBe(8);
    expect(until - T0).toBeGreaterThan(0);
    expect(until - T0).toBeLessThanOrEqual(32 * H);
    m = applyMute(m, { target: 'profile', span: '1h' }, T0);
    expect(isMuted(m, 99, T0 + 1)).toBe(true);
    m = applyMute(m, { target: 'profile', span: 'off' }, T0);
    expect(isMuted(m, 99, T0 + 1)).toBe(false);
    m = applyMute(m, { target: 'droplet', id: 5, span: 'forever' }, T0);
    expect(isMuted(m, 5, T0 + 1000 * H)).toBe(true);
    expect(isMuted(applyMute(m, { target: 'droplet', id: 5, span: 'off' }, T0), 5, T0)).toBe(false);
  });

  it('says whether anything at all is muted now: a droplet, the profile, or neither once they ran out', () => {
    expect(anyMuted(NO_MUTES, T0)).toBe(false);
    const droplet = applyMute(NO_MUTES, { target: 'droplet', id: 3, span: '1h' }, T0);
    expect(anyMuted(droplet, T0 + H - 1)).toBe(true);
    expect(anyMuted(droplet, T0 + H)).toBe(false);
    const profile = applyMute(NO_MUTES, { target: 'profile', span: '1h' }, T0);
    expect(anyMuted(profile, T0 + 1)).toBe(true);
    expect(anyMuted(profile, T0 + H)).toBe(false);
  });
});

describe('uptime', () => {
  const timeline: TimelineEntry[] = [
    [T0, 'active', 'Orchestrator status active'],
    [T0 + 2 * H, 'inactive', 'Orchestrator status inactive'],
    [T0 + 3 * H, 'active', 'Orchestrator status active'],
  ];

  it('counts only what Steward observed, and says how much that was', () => {
    // Watched 0-4 h, then away, then 20-24 h.
    const spans: [number, number][] = [
      [T0, T0 + 4 * H],
      [T0 + 20 * H, T0 + 24 * H],
    ];
    const day = uptimeWindow(timeline, spans, T0 + 24 * H, 24 * H);
    expect(day.observedMs).toBe(8 * H);
    expect(day.percent).toBe(87.5);
    expect(day.observedText).toBe('observed 8 h of 24 h');
    expect(uptimeWindow(timeline, [], T0 + 24 * H, 24 * H)).toMatchObject({ percent: null, observedText: 'observed 0 s of 24 h' });
    // Under a minute watched, the seconds (not "0 min" beside a percent).
    expect(uptimeWindow(timeline, [[T0 + 24 * H - 40_000, T0 + 24 * H]], T0 + 24 * H, 24 * H)).toMatchObject({ percent: 100, observedText: 'observed 40 s of 24 h' });
  });

  it('lists incidents newest first, with an open one lasting until now', () => {
    const t: TimelineEntry[] = [...timeline, [T0 + 5 * H, 'late', 'no heartbeat for 80 s']];
    expect(incidents(7, t, T0 + 6 * H)).toEqual([
      { dropletId: 7, state: 'late', startedAt: T0 + 5 * H, endedAt: null, durationMs: H, cause: 'no heartbeat for 80 s' },
      { dropletId: 7, state: 'inactive', startedAt: T0 + 2 * H, endedAt: T0 + 3 * H, durationMs: H, cause: 'Orchestrator status inactive' },
    ]);
  });
});
