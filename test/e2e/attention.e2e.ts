/**
 * The attention views in the built renderer against a real sandbox and main's real attention
 * room (engine, event log, uptime, settings): droplets registered, silenced and set to error
 * through the sandbox's store and simulator, with short liveness, hold and group times so the
 * story takes seconds. The shell's part (the away summary, a notification click) is the real
 * electron/attention-shell.ts over a stand-in window that hands its sends to the page.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceEventListener } from '../../core/app/events';
import { createAttentionShell, type AttentionShell, type ShellWindow } from '../../electron/attention-shell';
import type { AttentionEvent, AttentionKind } from '../../shared/attention';
import { eventChannel, ipcEvents, type IpcEventName } from '../../shared/ipc-contract';
import type { Metrics } from '../../shared/model';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();
const FLEET = 36;
const FIRST_ID = 100;
const BURST = 30;
/** Every 10th simulated droplet flaps and every 12th falls silent on its own (sandbox/fleet.ts). */
const noisy = (id: number): boolean => (id - FIRST_ID) % 10 === 3 || (id - FIRST_ID) % 12 === 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `want` appears in `kinds` in this order (other events may come between). */
function inOrder(kinds: readonly (string | undefined)[], want: readonly AttentionKind[]): boolean {
  let i = 0;
  for (const k of kinds) if (k === want[i]) i++;
  return i === want.length;
}

describe.skipIf(!chromiumPath)('attention views on the real engine', () => {
  let s: Session;
  let shell: AttentionShell;
  let beater: ReturnType<typeof setInterval> | undefined;
  /** Droplets the test beats itself (the simulator no longer does): status and metrics each second. */
  const beating = new Map<number, { status: string; metrics: Metrics | null }>();
  const shellListeners = new Set<ServiceEventListener>();
  let burstIds: number[] = [];
  let a = 0; // in the burst, then in error: its incidents and uptime
  let m = 0; // crosses the metric rule
  const rows = () => s.page.locator('[data-droplet-id]');
  const api = () => s.service.handlers;
  const nameOf = (id: number) => s.sandbox.store.get(id)!.name;

  /** Waits until main's event log holds an event of `kind` naming `id` (or any, without). */
  async function told(kind: AttentionKind, test: (e: AttentionEvent) => boolean = () => true, timeout = 30_000): Promise<AttentionEvent> {
    // Not expect.poll: it runs only inside a test, and this is the story beforeAll sets up.
    for (const end = Date.now() + timeout; Date.now() < end; await sleep(250)) {
      const found = (await api().getEvents({ kinds: [kind] })).find(test);
      if (found) return found;
    }
    const seen = (await api().getEvents({})).map((e) => e.summary);
    throw new Error(`No ${kind} event within ${timeout} ms; main kept:\n${seen.join('\n')}`);
  }
  const register = (id: number, name: string) => {
    s.sandbox.store.register({ id, name, steward: 'e2e', endpoint: null, capabilities: ['billing'], version: '1.4.0', status: 'active' }, Date.now(), { countsAsHeartbeat: false });
    beating.set(id, { status: 'active', metrics: { cpu_percent: 12, memory_mb: 300 } });
  };

  beforeAll(async () => {
    const names = new Map(Object.keys(ipcEvents).map((n) => [eventChannel(n as IpcEventName), n as IpcEventName]));
    const window: ShellWindow = {
      isMinimized: () => false,
      restore() {},
      show() {},
      focus() {},
      setTitle() {},
      send: (channel, payload) => shellListeners.forEach((l) => l(names.get(channel)!, payload)),
    };
    s = await openSession({
      chromiumPath: chromiumPath!,
      sandbox: { fleet: FLEET, seed: 13, beatSeconds: 2, inactiveAfterSeconds: 15, monitorIntervalMs: 1_000 },
      pollIntervalMs: 2_000,
      // Late after 8 s without a beat (the simulator beats every 2 s); inactive after 15 s.
      liveness: { intervalSeconds: 3, graceSeconds: 5 },
      viewport: { width: 1440, height: 900 },
      serviceExtras: { handlers: {}, onEvent: (l) => (shellListeners.add(l), () => shellListeners.delete(l)) },
    });
    shell = createAttentionShell({
      dispatch: (method, input) => s.controller.dispatch(method, input),
      onEvent: (l) => s.controller.onEvent(l),
      window: () => window,
      openWindow() {},
      setBadgeCount() {},
      notify() {},
      now: Date.now,
    });
    await api().setAttentionSettings({
      holdSeconds: 2,
      groupSeconds: 6,
      rules: [{ id: 'queue', metric: 'queue_depth', op: '>', value: 100, forSeconds: 0, enabled: true }],
    });
    await rows().first().waitFor({ timeout: 20_000 });
    await shell.refresh();
    shell.windowHidden();
    beater = setInterval(() => {
      for (const [id, b] of beating) s.sandbox.store.heartbeat(id, b.status, b.metrics, Date.now());
    }, 1_000);

    // A droplet registers.
    register(900, 'billing-canary');
    await told('registered');

    // 30 droplets fall silent at the same instant (the noisy ones first, so what is left beats
    // steadily): late after 8 s, inactive after 15 s, each burst one event.
    const candidates = s.sandbox.store.list().filter((d) => d.id < FIRST_ID + FLEET && d.status !== 'inactive');
    burstIds = [...candidates.filter((d) => noisy(d.id)), ...candidates.filter((d) => !noisy(d.id))].slice(0, BURST).map((d) => d.id);
    const silentAt = Date.now();
    for (const id of burstIds) {
      s.sandbox.silence(id);
      s.sandbox.store.heartbeat(id, 'active', s.sandbox.store.get(id)!.latestMetrics, silentAt);
    }
    const steady = burstIds.filter((id) => !noisy(id));
    a = steady[0]!;
    m = steady[1]!;
    await told('late', (e) => e.count === BURST);
    await told('inactive', (e) => e.count === BURST);

    // They beat again: one recovery.
    for (const id of burstIds) beating.set(id, { status: 'active', metrics: s.sandbox.store.get(id)!.latestMetrics });
    await told('recovered', (e) => e.count >= BURST);

    // One crosses the metric rule; then another reports error and stays there.
    beating.set(m, { status: 'active', metrics: { ...s.sandbox.store.get(m)!.latestMetrics, queue_depth: 250 } });
    // A metric event is dated by the beat Steward saw, which a poll may see seconds late: the
    // error waits for it so the timeline's order is the order things happened.
    await told('metric', (e) => e.items.some((i) => i.id === m));
    beating.set(a, { status: 'error', metrics: s.sandbox.store.get(a)!.latestMetrics });
    await told('error', (e) => e.items.some((i) => i.id === a));
  });
  afterAll(async () => {
    clearInterval(beater);
    shell?.stop();
    await s?.close();
  });

  it('counts the problems in the top bar and shows every event in the timeline, newest first, the burst as one line', async () => {
    const count = s.page.getByTestId('problem-count');
    const problems = await api().getProblems(undefined);
    expect(problems.top).toContainEqual(expect.objectContaining({ id: a, state: 'error' }));
    await expect.poll(async () => {
      const p = await api().getProblems(undefined);
      return (await count.textContent())?.startsWith(`${p.count} ${p.count === 1 ? 'problem' : 'problems'}`);
    }, { timeout: 10_000 }).toBe(true);
    await count.click();
    const list = s.page.getByRole('list', { name: 'Event timeline, newest first' });
    await list.waitFor({ timeout: 10_000 });
    const shownKinds = () => list.locator(':scope > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    // Every event main kept, in main's order (the simulated fleet may add its own).
    await expect.poll(async () => JSON.stringify(await shownKinds()) === JSON.stringify((await api().getEvents({})).map((e) => e.kind)), { timeout: 10_000 }).toBe(true);
    const kinds = await shownKinds();
    expect(inOrder(kinds, ['error', 'metric', 'recovered', 'inactive', 'late', 'registered']), kinds.join(' ')).toBe(true);
    const burst = (await api().getEvents({ kinds: ['inactive'] })).find((e) => e.count === BURST)!;
    const burstRow = list.locator(`[data-event-id="${burst.id}"]`);
    expect(await burstRow.textContent()).toContain(`${BURST} droplets · inactive`);
    expect(await burstRow.textContent()).toMatch(/and 25 more/);
    expect(await list.locator('li').first().locator('time').getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    await burstRow.getByRole('button', { name: `Show ${BURST} droplets` }).click();
    await s.page.mouse.move(5, 5);
    await s.screenshot('events-timeline');

    // A new event (another droplet registers) joins the top of the list.
    register(901, 'billing-canary-2');
    await expect.poll(() => list.locator(':scope > li').first().textContent(), { timeout: 15_000 }).toContain('billing-canary-2');
    expect(await list.locator(':scope > li').first().getAttribute('data-kind')).toBe('registered');
    // Filtering asks main for that kind only.
    await s.page.getByRole('button', { name: 'Late', exact: true }).click();
    const late = await api().getEvents({ kinds: ['late'] });
    await expect.poll(() => list.locator(':scope > li').count(), { timeout: 10_000 }).toBe(late.length);
    expect(s.crossings.filter((c) => c.name === 'getEvents' && c.direction === 'in').at(-1)?.payload).toMatchObject({ kinds: ['late'] });
    const csv = join(mkdtempSync(join(tmpdir(), 'steward-export-')), 'late.csv');
    s.setNextSavePath(csv);
    await s.page.getByRole('button', { name: 'Export CSV…' }).click();
    await expect.poll(() => s.page.getByRole('status').filter({ hasText: 'Saved' }).textContent(), { timeout: 10_000 }).toContain(`Saved ${late.length} event`);
    const saved = readFileSync(csv, 'utf8');
    expect(saved).toContain(`${BURST} droplets went late`);
    expect(saved).not.toContain('went inactive');
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it("shows a droplet's uptime with the coverage Steward observed, its incidents, and mutes it", async () => {
    await s.page.locator(`[data-droplet-id="${a}"]`).click();
    await s.page.getByRole('tab', { name: 'Details' }).click();
    const pane = s.page.locator('article.st-details');
    await expect.poll(() => pane.textContent(), { timeout: 10_000 }).toContain(`#${a}`);
    const uptime = pane.getByRole('region', { name: 'Uptime' });
    await expect.poll(() => uptime.textContent(), { timeout: 10_000 }).toMatch(/observed \d+ (s|min) of 24 h/);
    expect(await uptime.textContent()).toMatch(/\d+(\.\d)? %/);
    const incidents = pane.getByRole('region', { name: 'Incidents' });
    const kept = (await api().getUptime({ id: a })).incidents;
    expect(kept.map((i) => i.state)).toEqual(expect.arrayContaining(['error', 'late']));
    await expect.poll(() => incidents.locator('tbody tr').count(), { timeout: 10_000 }).toBe(kept.length);
    expect(await incidents.locator('tbody tr').first().textContent()).toContain('ongoing');
    await pane.getByRole('button', { name: 'Mute 1 h' }).click();
    await expect.poll(() => pane.getByTestId('droplet-mute-state').textContent(), { timeout: 10_000 }).toMatch(/^Muted until/);
    expect((await api().getAttentionSettings(undefined)).mutes.droplets[String(a)]).toBeGreaterThan(Date.now());
    await incidents.scrollIntoViewIfNeeded();
    await s.page.mouse.move(5, 5);
    await s.screenshot('incidents');
  });

  it('edits notification settings: a kind off, a metric rule, all muted for an hour', async () => {
    await s.page.getByRole('tab', { name: 'Events' }).click();
    await s.page.getByRole('button', { name: 'Notification settings…' }).click();
    await s.page.getByRole('group', { name: 'Notify for' }).getByRole('checkbox', { name: 'Registered' }).waitFor({ timeout: 10_000 });
    await s.page.getByRole('checkbox', { name: 'Recovered' }).uncheck();
    await expect.poll(async () => (await api().getAttentionSettings(undefined)).settings.toggles.recovered, { timeout: 10_000 }).toBe(false);
    await s.page.getByRole('button', { name: 'Add rule' }).click();
    await s.page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(async () => (await api().getAttentionSettings(undefined)).settings.rules.length, { timeout: 10_000 }).toBe(2);
    await s.page.getByRole('button', { name: 'Mute all for 1 h' }).click();
    await expect.poll(() => s.page.getByTestId('profile-mute').textContent(), { timeout: 10_000 }).toMatch(/muted until/);
    await s.page.mouse.move(5, 5);
    await s.screenshot('notification-settings');
    await s.page.getByRole('button', { name: '← Back to events' }).click();
  });

  it('sums up what happened while the window was hidden, and a notification click shows its droplet', async () => {
    shell.windowShown();
    const card = s.page.getByTestId('away-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toMatch(/\d+ events: /);
    await s.page.mouse.move(5, 5);
    await s.screenshot('away-summary');
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => card.count()).toBe(0);

    shell.focus({ dropletId: m, ids: [m], eventId: null });
    const pane = s.page.locator('article.st-details');
    await expect.poll(() => pane.getAttribute('aria-label'), { timeout: 10_000 }).toBe(`Droplet ${nameOf(m)}`);
  });
});
