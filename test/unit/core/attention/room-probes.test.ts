/** The room keeps what it told of droplets' /health across a crash and reads files written before probing. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ATTENTION_SETTINGS, type AttentionEvent } from '../../../../shared/attention';
import { AttentionRoom, JOURNAL_FILE, SETTINGS_FILE, STATE_FILE } from '../../../../core/attention/room';
import { droplet, T0, whole } from './fixtures';

const S = 1000;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attn-probe-'));
  dirs.push(dir);
  return dir;
}

function openRoom(dir: string, clock: { now: number }, events: AttentionEvent[]) {
  return AttentionRoom.open({ dataDir: dir, lateAfterMs: 75 * S, pollIntervalMs: 5 * S, now: () => clock.now, onEvent: (e) => events.push(e), saveEveryMs: 0 });
}

describe('AttentionRoom: probe events', () => {
  it('after a crash, a droplet still silent on /health is not told again; its return is', async () => {
    const dir = await folder();
    const clock = { now: T0 };
    const events: AttentionEvent[] = [];
    const room = await openRoom(dir, clock, events);
    await room.setSettings({ groupSeconds: 0 });
    room.applyFleet(whole([droplet(1, 'active', T0)]));
    room.applyProbe({ id: 1, to: 'answering', at: T0 });
    clock.now += 5 * S;
    room.applyProbe({ id: 1, to: 'unreachable', at: clock.now });
    expect(events.map((e) => e.kind)).toEqual(['probe_unanswered']);
    await expect.poll(async () => (await readFile(join(dir, JOURNAL_FILE), 'utf8').catch(() => '')).includes('"p":[1,"s"]')).toBe(true);

    // No close: the journal is all there is.
    const again: AttentionEvent[] = [];
    clock.now += 5 * S;
    const reopened = await openRoom(dir, clock, again);
    reopened.applyFleet(whole([droplet(1, 'active', clock.now)]));
    reopened.applyProbe({ id: 1, to: 'unreachable', at: clock.now });
    expect(again).toEqual([]);
    reopened.applyProbe({ id: 1, to: 'answering', at: clock.now + S });
    expect(again.map((e) => e.kind)).toEqual(['probe_answering']);
    await reopened.close();
  });

  it('reads settings and state written before probing: the new toggles default on, and nothing is lost', async () => {
    const dir = await folder();
    const { restarted: _r, probe_unanswered: _u, probe_answering: _a, ...oldToggles } = DEFAULT_ATTENTION_SETTINGS.toggles;
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ settings: { ...DEFAULT_ATTENTION_SETTINGS, toggles: { ...oldToggles, late: false } }, mutes: { droplets: {} } }));
    await writeFile(join(dir, STATE_FILE), JSON.stringify({ known: true, droplets: [[1, 'drop-1', 'active', T0, 'active', T0]], timelines: {}, observed: [] }));
    const events: AttentionEvent[] = [];
    const room = await openRoom(dir, { now: T0 + 10 * S }, events);
    expect(room.warnings).toEqual([]);
    expect(room.settingsView().settings.toggles).toMatchObject({ late: false, restarted: true, probe_unanswered: true, probe_answering: true });
    room.applyFleet(whole([droplet(1, 'active', T0 + 10 * S)]));
    room.tick();
    expect(events).toEqual([]); // what it told before is kept
    await room.close();
  });
});
