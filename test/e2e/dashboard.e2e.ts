// The steward's dashboard against a real sandbox: select and chart, register, heartbeat,
// field errors from the Orchestrator, late then inactive, pushed status changes, details fallback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';
import { BACKGROUND_TICK_MS } from '../../shared/background';

const chromiumPath = chromiumOrSkip();

describe.skipIf(!chromiumPath)('dashboard against a guide sandbox', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({
      chromiumPath: chromiumPath!,
      sandbox: { fleet: 12, seed: 3, beatSeconds: 2, inactiveAfterSeconds: 12, monitorIntervalMs: 500 },
      liveness: { intervalSeconds: 2, graceSeconds: 3 },
      pollIntervalMs: 2_000,
    });
    await s.page.locator('[data-droplet-id]').nth(11).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => s?.close());

  it('selecting a droplet shows its details and metric charts', async () => {
    await s.page.locator('[data-droplet-id="105"]').click();
    const details = s.page.locator('article.st-details');
    await expect.poll(() => details.textContent(), { timeout: 10_000 }).toContain('105');
    for (const metric of ['cpu_percent', 'memory_mb', 'requests_last_minute', 'errors_last_minute']) {
      const chart = s.page.locator(`figure[data-metric="${metric}"]`);
      await expect.poll(() => chart.locator('.recharts-line-curve').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    await s.screenshot('details-with-charts');
  });

  it('registers a new droplet through the form and it appears in the fleet', async () => {
    await s.page.getByRole('button', { name: 'Register droplet…' }).click();
    const form = s.page.getByRole('form', { name: 'Register a droplet' });
    await form.getByLabel('ID').fill('4242');
    await form.getByLabel('Name').fill('e2e-registered');
    await form.getByLabel('Endpoint').fill('http://127.0.0.1:9999');
    await form.getByLabel('Steward').fill('Tester');
    await form.getByRole('button', { name: /^Register/ }).click();
    await expect.poll(() => s.page.locator('.st-register').textContent(), { timeout: 10_000 }).toMatch(/Registered/);
    await expect.poll(() => s.page.locator('[data-droplet-id="4242"]').count(), { timeout: 10_000 }).toBe(1);
  });

  it('shows the Orchestrator’s 422 on the field it names', async () => {
    await s.page.getByRole('button', { name: 'Register droplet…' }).click();
    const form = s.page.getByRole('form', { name: 'Register a droplet' });
    await form.getByLabel('ID').fill('4343');
    await form.getByLabel('Name').fill('bad-endpoint');
    await form.getByLabel('Endpoint').fill('ftp://files.example/drop');
    await form.getByRole('button', { name: /^Register/ }).click();
    const endpoint = form.getByLabel('Endpoint');
    await expect.poll(() => endpoint.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const described = await endpoint.getAttribute('aria-describedby');
    const message = await s.page.locator(`[id="${described?.split(' ')[0]}"]`).textContent();
    expect(message).toMatch(/http/i);
    await s.screenshot('register-form-error');
  });

  it('sends a heartbeat and sees the chart and last heartbeat update', async () => {
    await s.page.locator('[data-droplet-id="4242"]').click();
    await s.page.getByRole('tab', { name: 'Heartbeat' }).click();
    const panel = s.page.getByRole('region', { name: 'Heartbeat for droplet 4242' });
    await panel.getByLabel(/CPU/).fill('77');
    await panel.getByLabel(/Memory/).fill('512');
    await panel.getByRole('button', { name: /^Send heartbeat/ }).click();
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toMatch(/next (heartbeat )?due/i);
    await expect.poll(() => s.page.locator('[data-droplet-id="4242"]').textContent(), { timeout: 10_000 }).toMatch(/\d+ s ago/);
    await s.page.getByRole('tab', { name: 'Details' }).click();
    await expect.poll(() => s.page.locator('figure[data-metric="cpu_percent"] .recharts-line-curve, figure[data-metric="cpu_percent"] .recharts-dot').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('shows a droplet that goes silent as late, then inactive', async () => {
    s.sandbox.silence(107);
    const row = s.page.locator('[data-droplet-id="107"] [data-testid="status-cell"]');
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/late/);
    // The Orchestrator's own flip arrives over /ws/droplets, not by waiting for a poll.
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/inactive/);
  });

  it('shows the communications log with the exchanges', async () => {
    await s.page.getByRole('tab', { name: 'Communications log' }).click();
    const log = s.page.getByRole('region', { name: 'Communications log' });
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain('/droplets/register');
    await s.screenshot('communications-log');
  });
});

describe.skipIf(!chromiumPath)('live updates over /ws/droplets', () => {
  let s: Session;
  beforeAll(async () => {
    // Polls a minute apart: a change seen within seconds can only have come over the WebSocket.
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 12, seed: 5 }, pollIntervalMs: 60_000 });
    await s.page.locator('[data-droplet-id]').nth(11).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => s?.close());

  it('shows a status change pushed over the WebSocket before the next poll', async () => {
    const row = s.page.locator('[data-droplet-id="108"] [data-testid="status-cell"]');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/active/);
    s.sandbox.store.heartbeat(108, 'error', { cpu_percent: 99 }, Date.now());
    await expect.poll(() => row.textContent(), { timeout: 3_000 }).toMatch(/error/);
  });

  it('holds pushed changes in main while another window has the focus, and sends them the moment Steward has it back', async () => {
    const row = s.page.locator('[data-droplet-id="109"] [data-testid="status-cell"]');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/active/);
    const pushedFor109 = () => s.crossings.filter((c) => c.direction === 'event' && c.name === 'statusChanged' && (c.payload as { dropletId: number }).dropletId === 109).length;
    const before = pushedFor109();
    const cdp = await s.page.context().newCDPSession(s.page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await s.page.context().newPage();
    try {
      await other.bringToFront();
      await s.page.getByTestId('background-refresh').waitFor({ timeout: 5_000 });
      // Main sends what it held just before each whole 30 s of the clock (the window's refresh):
      // start well clear of one, so the next cannot fall inside this test's six seconds.
      const intoPeriod = Date.now() % BACKGROUND_TICK_MS;
      if (intoPeriod > BACKGROUND_TICK_MS - 8_000) await new Promise((r) => setTimeout(r, BACKGROUND_TICK_MS - intoPeriod + 1_000));
      s.sandbox.store.heartbeat(109, 'error', { cpu_percent: 99 }, Date.now());
      // In front it would cross within a second (the test above); held, it has not after three.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(pushedFor109()).toBe(before);
      await s.page.bringToFront();
      // Before the window's next refresh, when main would have sent it anyway.
      await expect.poll(() => row.textContent(), { timeout: 3_000 }).toMatch(/error/);
      expect(pushedFor109()).toBe(before + 1);
    } finally {
      await s.page.bringToFront();
      await other.close();
      await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      await cdp.detach();
    }
  });
});

describe.skipIf(!chromiumPath)('dashboard against a deployed sandbox', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 5, seed: 4, dialect: 'deployed' } });
  });
  afterAll(async () => s?.close());

  it('falls back to what the list knows when the details route fails, with a quiet note', async () => {
    await expect.poll(() => s.page.locator('[data-droplet-id]').count(), { timeout: 15_000 }).toBe(5);
    await s.page.locator('[data-droplet-id="101"]').click();
    const details = s.page.locator('article.st-details');
    await expect.poll(() => details.textContent(), { timeout: 10_000 }).toMatch(/details route failed/i);
    expect(await details.textContent()).toContain('101');
    await s.screenshot('details-fallback-deployed');
  });
});
