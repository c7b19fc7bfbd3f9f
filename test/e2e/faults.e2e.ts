/**
 * The fleet view when the Orchestrator fails: the last fleet stays on screen under a stale
 * marker that says why, polling eases off, and when the Orchestrator recovers the marker
 * clears by itself, without the steward doing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();
const FLEET = 10;

describe.skipIf(!chromiumPath)('the fleet view through an Orchestrator outage', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: FLEET, seed: 11 }, pollIntervalMs: 2_000 });
  });
  afterAll(async () => s?.close());

  it('keeps the rows under a stale marker with the reason, backs off, and clears the marker once polls succeed again', async () => {
    const rows = s.page.locator('[data-droplet-id]');
    const banner = s.page.getByTestId('stale-banner');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(FLEET);
    expect(await banner.count()).toBe(0);
    const ids = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-droplet-id')));
    const before = await ids();

    // Every request now fails with 500 or 503.
    s.sandbox.setFaults({ errorRate: 1 });
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    const reason = s.page.getByTestId('stale-reason');
    expect(await reason.textContent()).toMatch(/^The Orchestrator failed while handling the fleet list \(50[03]: (Internal Server Error|Service Unavailable) \(sandbox fault injection\)\)\.$/);
    expect(await banner.textContent()).toMatch(/Showing the fleet as of \d/);
    // The rows stay while the marker is up.
    expect(await ids()).toEqual(before);
    // Polling eases off: after two failures in a row the banner says it retries every 8 s, not every 2.
    await expect.poll(async () => (await banner.textContent()) ?? '', { timeout: 20_000 }).toMatch(/Retrying (every 8 s|now…)/);
    await expect.poll(async () => (await banner.textContent()) ?? '', { timeout: 20_000 }).toMatch(/Retrying every 8 s\./);
    await s.screenshot('fleet-stale-outage');

    // The Orchestrator recovers: the marker goes by itself, and the rows are current again.
    s.sandbox.setFaults({ errorRate: 0 });
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    expect(await rows.count()).toBe(FLEET);
    const outcomes = s.crossings.filter((c) => c.direction === 'out' && c.name === 'listDroplets').map((c) => (c.payload as { ok: boolean }).ok);
    expect(outcomes.at(-1)).toBe(true);
    expect(outcomes).toContain(false);
  });
});
