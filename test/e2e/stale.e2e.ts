/**
 * Stale means stale, against a real sandbox in both dialects: during an outage a status change
 * pushed over /ws/droplets updates its row but keeps the stale banner; rows are dimmed and
 * Steward's late verdict reads as a guess; only a successful poll clears it. The counts, the
 * table's "N of M" and its rows come from one fleet copy, and the details pane's last
 * heartbeat is the row's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDialect } from '../../shared/model';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();
const FLEET = 12;

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Not so within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!chromiumPath).each<WireDialect>(['guide', 'deployed'])('a stale fleet against a %s sandbox', (dialect) => {
  let s: Session;
  const shot = (name: string) => s.screenshot(dialect === 'guide' ? name : `${name}-${dialect}`);
  const rows = () => s.page.locator('[data-droplet-id]');
  const row = (id: number) => s.page.locator(`[data-droplet-id="${id}"]`);
  const statusOf = (id: number) => row(id).getByTestId('status-cell').textContent();

  beforeAll(async () => {
    s = await openSession({
      chromiumPath: chromiumPath!,
      // Beats a minute apart and a 25 s late rule: some active droplets are late at any time.
      sandbox: { fleet: FLEET, seed: 21, dialect },
      liveness: { intervalSeconds: 20, graceSeconds: 5 },
      pollIntervalMs: 2_000,
      viewport: { width: 1360, height: 720 },
    });
    await rows().nth(FLEET - 1).waitFor({ timeout: 15_000 });
    // Pushed changes need the live feed open.
    await until(async () => (await s.service.handlers.getAppInfo(undefined)).liveUpdates, 15_000);
  });
  afterAll(async () => s?.close());

  it('takes the status counts, the "N of M" and the rows from one poll', async () => {
    const active = s.page.getByRole('button', { name: /^\d+ active$/ });
    await active.click();
    await expect.poll(async () => {
      const chip = Number(((await active.getAttribute('aria-label')) ?? '').split(' ')[0]);
      const count = (await s.page.locator('.filter-count').textContent()) ?? '';
      return count === `${chip} of ${FLEET} droplets` && (await rows().count()) === chip;
    }, { timeout: 10_000 }).toBe(true);
    // One copy: every list request is the whole fleet, none filtered by the server.
    const asked = s.crossings.filter((c) => c.direction === 'in' && c.name === 'listDroplets').map((c) => c.payload as Record<string, unknown>);
    expect(asked.every((p) => p.status === undefined && p.capability === undefined)).toBe(true);
    await active.click();
    await expect.poll(() => rows().count()).toBe(FLEET);
  });

  it('shows in the details pane the last heartbeat its row shows', async () => {
    const id = Number(await rows().first().getAttribute('data-droplet-id'));
    await row(id).click();
    const pane = s.page.locator('article.st-details');
    await expect.poll(() => pane.textContent(), { timeout: 10_000 }).toContain(`#${id}`);
    const inRow = () => row(id).locator('.col-beat time').getAttribute('datetime');
    const inPane = () => pane.locator('.st-facts time').getAttribute('datetime');
    await expect.poll(async () => (await inRow()) !== null && (await inRow()) === (await inPane()), { timeout: 10_000 }).toBe(true);
  });

  it('keeps the banner through an outage with a pushed change: the row updates, rows dim, late is a guess; a good poll clears it', async () => {
    const banner = s.page.getByTestId('stale-banner');
    const grid = s.page.getByRole('grid', { name: 'Fleet' });
    // Show a late droplet in the pane, as a steward would be looking at one.
    const late = s.page.locator('[data-droplet-id]:has([data-status="late"])').first();
    await expect.poll(() => late.count(), { timeout: 30_000 }).toBe(1);
    const selected = Number(await late.getAttribute('data-droplet-id'));
    await late.click();
    await s.page.mouse.move(5, 5);

    s.sandbox.setFaults({ errorRate: 1 });
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await grid.getAttribute('data-stale')).toBe('true');

    // The Orchestrator, still pushing over its WebSocket, reports one droplet failing.
    const target = s.sandbox.store.list().find((d) => d.status === 'active' && d.id !== selected)!;
    s.sandbox.store.heartbeat(target.id, 'error', null, Date.now());
    await expect.poll(() => statusOf(target.id), { timeout: 5_000 }).toBe('error');

    // The push is not a poll: the banner stays, the top bar still says stale.
    await s.page.waitForTimeout(1_500);
    expect(await banner.count()).toBe(1);
    expect(await s.page.getByTestId('freshness').textContent()).toMatch(/^Stale · updated \d+ (s|min) ago$/);
    expect(await banner.textContent()).toMatch(/Rows are dimmed and “late” is only a guess until a poll succeeds/);
    // Dimmed by the table's class, still there to read.
    expect(await row(target.id).evaluate((el) => getComputedStyle(el).opacity)).toBe('0.6');
    // Every late verdict on screen is a guess.
    const lateBadges = s.page.locator('[data-droplet-id] [data-status="late"]');
    expect(await lateBadges.count()).toBeGreaterThan(0);
    expect(await lateBadges.evaluateAll((els) => els.every((e) => e.textContent === 'late?' && /Orchestrator unreachable/.test(e.getAttribute('title') ?? '')))).toBe(true);
    await shot('stale-after-push');

    s.sandbox.setFaults({ errorRate: 0 });
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    expect(await grid.getAttribute('data-stale')).toBeNull();
    expect(await statusOf(target.id)).toBe('error');
    expect(await s.page.locator('[data-droplet-id] [data-guess]').count()).toBe(0);
  });
});
