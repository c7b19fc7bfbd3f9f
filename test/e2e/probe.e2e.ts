// Probing droplets' own routes (issue 15), end to end: the embedded sandbox's simulated droplets
// serve /health, /state, /capabilities and /dependencies; main probes them (on for the embedded
// sandbox) and the window shows the probe column, a droplet's own readings and the fleet's dependencies.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, SCREENSHOT_DIR, type Session } from './harness';

const chromiumPath = chromiumOrSkip();

describe.skipIf(!chromiumPath)('droplet probes', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 24, seed: 3 }, pollIntervalMs: 2_000, viewport: { width: 1500, height: 1400 } });
    await s.page.locator('[data-droplet-id]').nth(20).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => s?.close());

  it('the fleet shows each droplet answering, degraded or unreachable, with disagreements flagged', async () => {
    const cell = (id: number) => s.page.locator(`[data-droplet-id="${id}"] [data-testid="probe-cell"]`);
    await expect.poll(() => cell(100).textContent(), { timeout: 15_000 }).toBe('answering');
    await expect.poll(() => cell(101).textContent(), { timeout: 15_000 }).toContain('unreachable');
    expect(await cell(104).textContent()).toBe('degraded');
    // 101 beats (active at the Orchestrator) but its /health never answers: flagged.
    expect(await cell(101).getByRole('img').getAttribute('aria-label')).toMatch(/^Disagreement: Orchestrator: active; droplet's \/health: no answer for \d+ s$/);
    // No probe ever carried a token: the sandbox's droplet server saw none.
    const seen: string[] = [];
    const off = s.sandbox.dropletRoutes!.onRequest(({ headers }) => seen.push(...Object.keys(headers)));
    await s.service.handlers.probeNow({ ids: [100, 102] });
    off();
    expect(seen).not.toContain('authorization');
    expect(seen).toContain('user-agent');
  });

  it("a droplet's details show its own health, state and dependencies, the missing one first", async () => {
    await s.page.locator('[data-droplet-id="102"]').click();
    const section = s.page.getByRole('region', { name: 'Served by the droplet' });
    await expect.poll(() => section.getByTestId('probe-health').textContent(), { timeout: 15_000 }).toBe('active');
    await expect.poll(() => section.getByRole('listitem').first().textContent(), { timeout: 15_000 }).toBe('mail-relayrequiredmissing');
    expect(await section.textContent()).toContain('Requests / min');
    // The served metrics' charts (a chunk of their own) are drawn before the picture is taken.
    await expect.poll(() => section.getByRole('group', { name: 'Served metrics' }).locator('.recharts-surface').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: join(SCREENSHOT_DIR, 'droplet-probe.png') });
  });

  it('the Dependencies tab shows who misses what and which depended-on droplets are down', async () => {
    await s.page.getByRole('tab', { name: 'Dependencies' }).click();
    const missing = s.page.getByRole('list', { name: 'Droplets missing dependencies' });
    await expect.poll(() => missing.textContent(), { timeout: 15_000 }).toContain('misses mail-relay');
    // Sorted by the probe column: disagreements and unreachable droplets first.
    await s.page.getByRole('columnheader', { name: /Probe/ }).getByRole('button').click();
    await expect.poll(() => s.page.locator('[data-testid="probe-cell"]').first().textContent(), { timeout: 5_000 }).toMatch(/⚑|unreachable/);
    await s.page.screenshot({ path: join(SCREENSHOT_DIR, 'fleet-dependencies.png') });
  });
});
