/**
 * The attention views in the built renderer against a real sandbox, with the attention methods
 * answered by the in-memory fake engine layered over the real service (main's engine is built
 * apart): the problem count, the events timeline with a grouped burst, a droplet's uptime and
 * incidents, notification settings with a rule and a mute, the away card and a notification click.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttentionEvent } from '../../shared/attention';
import { chromiumOrSkip } from '../support/chromium';
import { attentionEvent, createFakeAttention, DAY, incident, item, uptimeWindow, type FakeAttention } from '../support/attention-fake-steward';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();
const FLEET = 40;
const MIN = 60_000;

describe.skipIf(!chromiumPath)('attention views', () => {
  let s: Session;
  let fake: FakeAttention;
  let droplets: { id: number; name: string }[] = [];
  let burst: AttentionEvent;
  const rows = () => s.page.locator('[data-droplet-id]');

  beforeAll(async () => {
    const now = Date.now();
    fake = createFakeAttention();
    s = await openSession({
      chromiumPath: chromiumPath!,
      sandbox: { fleet: FLEET, seed: 13 },
      pollIntervalMs: 5_000,
      viewport: { width: 1440, height: 900 },
      serviceExtras: { handlers: fake.handlers, onEvent: (l) => fake.onEvent(l) },
    });
    await rows().first().waitFor({ timeout: 20_000 });
    droplets = s.sandbox.store.list().map((d) => ({ id: d.id, name: d.name }));
    const [a, b] = droplets;
    const one = (n: number, from: Parameters<typeof item>[1], to: Parameters<typeof item>[2], cause: string) => item(droplets[n]!.id, from, to, cause, droplets[n]!.name);
    burst = attentionEvent(
      'inactive',
      droplets.slice(4, 34).map((x) => item(x.id, 'active', 'inactive', 'Orchestrator status inactive', x.name)),
      now - 2 * 60 * MIN,
    );
    for (const e of [
      attentionEvent('registered', [one(3, 'absent', 'active', 'registered with the Orchestrator')], now - 26 * 60 * MIN),
      burst,
      attentionEvent('recovered', droplets.slice(4, 34).map((x) => item(x.id, 'inactive', 'active', 'heartbeat again', x.name)), now - 95 * MIN),
      attentionEvent('metric', [one(2, 'active', 'active', 'cpu_percent > 90 for 5 min')], now - 40 * MIN),
      attentionEvent('late', [one(1, 'active', 'late', 'no heartbeat for 95 s')], now - 12 * MIN),
      attentionEvent('error', [one(0, 'active', 'error', 'Orchestrator status error')], now - 3 * MIN),
    ]) fake.raise(e);
    fake.setProblems({
      count: 2,
      unmutedCount: 2,
      worst: 'error',
      top: [
        { id: a!.id, name: a!.name, state: 'error', since: now - 3 * MIN, muted: false },
        { id: b!.id, name: b!.name, state: 'late', since: now - 12 * MIN, muted: false },
      ],
    });
    fake.setUptime({
      dropletId: a!.id,
      day: uptimeWindow(DAY, 96.4, (5 * 60 + 12) * MIN),
      week: uptimeWindow(7 * DAY, 99.1, (2 * 24 + 7) * 60 * MIN),
      incidents: [
        incident(a!.id, 'error', now - 3 * MIN, null, 'Orchestrator status error', now),
        incident(a!.id, 'inactive', now - 2 * 60 * MIN, now - 95 * MIN, 'Orchestrator status inactive', now),
        incident(a!.id, 'late', now - 30 * 60 * MIN, now - 29 * 60 * MIN - 50 * MIN, 'no heartbeat for 100 s', now),
      ],
    });
  });
  afterAll(async () => s?.close());

  it('counts the problems in the top bar and shows every event in the timeline, newest first, the burst as one line', async () => {
    const count = s.page.getByTestId('problem-count');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('2 problems');
    await count.click();
    const list = s.page.getByRole('list', { name: 'Event timeline, newest first' });
    await list.waitFor({ timeout: 10_000 });
    const kinds = await list.locator(':scope > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds).toEqual(['error', 'late', 'metric', 'recovered', 'inactive', 'registered']);
    const burstRow = list.locator(`[data-event-id="${burst.id}"]`);
    expect(await burstRow.textContent()).toContain('30 droplets · inactive');
    expect(await burstRow.textContent()).toMatch(/and 25 more/);
    expect(await list.locator('li').first().locator('time').getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    await burstRow.getByRole('button', { name: 'Show 30 droplets' }).click();
    await s.page.mouse.move(5, 5);
    await s.screenshot('events-timeline');
    // A pushed event joins the top of the list.
    fake.raise(attentionEvent('disappeared', [item(droplets[5]!.id, 'active', 'absent', 'not in the fleet list any more', droplets[5]!.name)], Date.now()));
    await expect.poll(() => list.locator(':scope > li').first().getAttribute('data-kind'), { timeout: 10_000 }).toBe('disappeared');
    // Filtering asks main for that kind only.
    await s.page.getByRole('button', { name: 'Late', exact: true }).click();
    await expect.poll(() => list.locator(':scope > li').count(), { timeout: 10_000 }).toBe(1);
    expect(s.crossings.filter((c) => c.name === 'getEvents' && c.direction === 'in').at(-1)?.payload).toMatchObject({ kinds: ['late'] });
    await s.page.getByRole('button', { name: 'Export CSV…' }).click();
    await expect.poll(() => s.page.getByRole('status').filter({ hasText: 'Saved' }).textContent(), { timeout: 10_000 }).toContain('Saved 1 event to');
    expect(fake.exports.at(-1)).toEqual({ format: 'csv', query: { kinds: ['late'] } });
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it("shows a droplet's uptime with the coverage Steward observed, its incidents, and mutes it", async () => {
    const a = droplets[0]!;
    await s.page.locator(`[data-droplet-id="${a.id}"]`).click();
    await s.page.getByRole('tab', { name: 'Details' }).click();
    const pane = s.page.locator('article.st-details');
    await expect.poll(() => pane.textContent(), { timeout: 10_000 }).toContain(`#${a.id}`);
    const uptime = pane.getByRole('region', { name: 'Uptime' });
    await expect.poll(() => uptime.textContent(), { timeout: 10_000 }).toContain('observed 5 h 12 min of 24 h');
    expect(await uptime.textContent()).toContain('96.4 %');
    const incidents = pane.getByRole('region', { name: 'Incidents' });
    await expect.poll(() => incidents.locator('tbody tr').count(), { timeout: 10_000 }).toBe(3);
    expect(await incidents.locator('tbody tr').first().textContent()).toContain('ongoing');
    await pane.getByRole('button', { name: 'Mute 1 h' }).click();
    await expect.poll(() => pane.getByTestId('droplet-mute-state').textContent(), { timeout: 10_000 }).toMatch(/^Muted until/);
    await incidents.scrollIntoViewIfNeeded();
    await s.page.mouse.move(5, 5);
    await s.screenshot('incidents');
  });

  it('edits notification settings: a kind off, a metric rule, all muted for an hour', async () => {
    await s.page.getByRole('tab', { name: 'Events' }).click();
    await s.page.getByRole('button', { name: 'Notification settings…' }).click();
    await s.page.getByRole('group', { name: 'Notify for' }).getByRole('checkbox', { name: 'Registered' }).waitFor({ timeout: 10_000 });
    await s.page.getByRole('checkbox', { name: 'Recovered' }).uncheck();
    await expect.poll(() => fake.settings.toggles.recovered, { timeout: 10_000 }).toBe(false);
    await s.page.getByRole('button', { name: 'Add rule' }).click();
    await s.page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => fake.settings.rules.length, { timeout: 10_000 }).toBe(1);
    await s.page.getByRole('button', { name: 'Mute all for 1 h' }).click();
    await expect.poll(() => s.page.getByTestId('profile-mute').textContent(), { timeout: 10_000 }).toMatch(/muted until/);
    await s.page.mouse.move(5, 5);
    await s.screenshot('notification-settings');
    await s.page.getByRole('button', { name: '← Back to events' }).click();
  });

  it('sums up what happened while the window was hidden, and a notification click shows its droplet', async () => {
    fake.away(Date.now() - 3 * 60 * MIN);
    const card = s.page.getByTestId('away-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toMatch(/\d+ events: /);
    await s.page.mouse.move(5, 5);
    await s.screenshot('away-summary');
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => card.count()).toBe(0);

    const b = droplets[1]!;
    fake.focus({ dropletId: b.id, ids: [b.id], eventId: null });
    const pane = s.page.locator('article.st-details');
    await expect.poll(() => pane.getAttribute('aria-label'), { timeout: 10_000 }).toBe(`Droplet ${b.name}`);
  });
});
