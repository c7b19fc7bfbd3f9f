// Metrics and history say the same thing everywhere (issue 11, section 4), against a deployed
// sandbox: its list carries no metrics and its droplets send requests_per_minute.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, SCREENSHOT_DIR, type Session } from './harness';

const chromiumPath = chromiumOrSkip();
const NOTE = /^History since \d\d:\d\d; Steward records beats while it runs$/;

describe.skipIf(!chromiumPath)('history against a deployed sandbox', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 3, seed: 5, dialect: 'deployed' }, pollIntervalMs: 2_000, viewport: { width: 1280, height: 1300 } });
    await s.page.locator('[data-droplet-id]').nth(2).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => s?.close());

  it('a droplet whose history starts now: tiles and charts show the same newest values, and charts and strip say where the history begins', async () => {
    const [first] = (await s.service.handlers.listDroplets({})).droplets;
    const id = first!.id;
    // The deployed Orchestrator's own heartbeat example, twice a few seconds apart.
    for (const [cpu, rpm] of [[21.5, 40], [23.4, 42]] as const) {
      await s.service.handlers.sendHeartbeat({ id, status: 'active', metrics: { cpu_percent: cpu, memory_mb: 512, requests_per_minute: rpm } });
      await new Promise((r) => setTimeout(r, 3_000));
    }
    await s.page.locator(`[data-droplet-id="${id}"]`).click();
    const pane = s.page.locator('article.st-details');

    const tile = (m: string) => pane.locator(`.st-latest__tile[data-metric="${m}"]`);
    await expect.poll(() => tile('cpu_percent').textContent(), { timeout: 10_000 }).toMatch(/23\.4.*s ago/);
    expect(await tile('requests_last_minute').textContent()).toMatch(/42.*s ago/);
    expect(await tile('memory_mb').textContent()).toContain('512');
    expect(await pane.locator('figure[data-metric="cpu_percent"] .st-chart__latest').textContent()).toBe('23.4 %');
    expect(await pane.locator('figure[data-metric="requests_last_minute"] .st-chart__latest').textContent()).toBe('42 req/min');

    const chartsNote = pane.getByRole('region', { name: 'Metric charts' }).getByRole('note');
    const stripNote = pane.getByRole('region', { name: 'Heartbeat timeline' }).getByRole('note');
    await expect.poll(() => chartsNote.textContent(), { timeout: 10_000 }).toMatch(NOTE);
    expect(await stripNote.textContent()).toMatch(NOTE);
    // Every chart with values shades the unrecorded stretch (no errors_last_minute was sent).
    expect(await pane.locator('.st-chart__unrecorded').count()).toBe(3);

    await pane.screenshot({ path: join(SCREENSHOT_DIR, 'history-since.png') });
  });
});
