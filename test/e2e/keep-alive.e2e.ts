/**
 * Keep-alive never hides a dead droplet, against a real sandbox in both dialects: starting it
 * asks first and says what it costs; the kept-alive droplet is marked in its row and counted in
 * the top bar while Steward really beats for it; switching profile stops it with a notice that
 * names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDialect } from '../../shared/model';
import { BUILT_IN_PROFILE_ID, type ProfileView } from '../../shared/profile';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();
const FLEET = 8;

describe.skipIf(!chromiumPath).each<WireDialect>(['guide', 'deployed'])('keep-alive against a %s sandbox', (dialect) => {
  let s: Session;
  const shot = (name: string) => s.screenshot(dialect === 'guide' ? name : `${name}-${dialect}`);
  const rows = () => s.page.locator('[data-droplet-id]');
  let id = 0;
  let name = '';

  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: FLEET, seed: 31, dialect }, pollIntervalMs: 2_000, viewport: { width: 1360, height: 720 } });
    await rows().nth(FLEET - 1).waitFor({ timeout: 15_000 });
    // A droplet that has gone quiet: the case where keep-alive could hide a real silence.
    const quiet = s.sandbox.store.list().find((d) => d.status === 'active')!;
    s.sandbox.silence(quiet.id);
    id = quiet.id;
    name = quiet.name;
  });
  afterAll(async () => s?.close());

  it('asks before starting, then marks the row and counts it in the top bar while Steward beats for it', async () => {
    const row = s.page.locator(`[data-droplet-id="${id}"]`);
    await row.click();
    const pane = s.page.locator('article.st-details');
    await expect.poll(() => pane.textContent(), { timeout: 10_000 }).toContain(`#${id}`);
    const toggle = pane.getByRole('button', { name: 'Keep alive' });
    await expect.poll(() => toggle.isEnabled(), { timeout: 10_000 }).toBe(true);

    await toggle.click();
    const ask = s.page.getByRole('alertdialog', { name: 'Start keep-alive' });
    expect(await ask.textContent()).toContain(`Keep ${name} (#${id}) alive?`);
    expect(await ask.textContent()).toMatch(/Steward will send heartbeats for it.*a real silence of this droplet will no longer show/);
    await shot('keep-alive-ask');
    // Nothing is sent until the steward says so.
    expect(s.crossings.some((c) => c.name === 'startKeepAlive')).toBe(false);
    const beatBefore = s.sandbox.store.get(id)!.lastHeartbeatAt ?? 0;
    await ask.getByRole('button', { name: 'Start keep-alive' }).click();

    const mark = row.getByTestId('kept-alive');
    await expect.poll(() => mark.count(), { timeout: 10_000 }).toBe(1);
    expect(await mark.textContent()).toBe('kept alive');
    expect(await mark.getAttribute('title')).toMatch(/Steward is sending this droplet’s heartbeats/);
    expect(await row.locator('.kept-alive svg').count()).toBe(1);
    const count = s.page.getByTestId('keepalive-count');
    expect(await count.textContent()).toBe('1 kept alive');
    expect(await count.getAttribute('title')).toContain(`#${id}`);
    // Steward really beats for it.
    await expect.poll(() => s.sandbox.store.get(id)!.lastHeartbeatAt ?? 0, { timeout: 10_000 }).toBeGreaterThan(beatBefore);
    // The droplet itself is silent, yet its row looks alive (Steward's beat, a poll later): hence the mark.
    await expect.poll(() => row.locator('.col-beat').textContent(), { timeout: 10_000 }).toMatch(/^kept alive\d s ago$/);
    await s.page.mouse.move(5, 5);
    await shot('keep-alive-row');
  });

  it('stops on a profile switch, with a notice naming the droplet, and the marks go', async () => {
    const copy = await s.controller.handlers.duplicateProfile({ profileId: BUILT_IN_PROFILE_ID });
    const switched: ProfileView = await s.controller.handlers.switchProfile({ profileId: copy.id });
    expect(switched.active).toBe(true);
    const notice = s.page.getByTestId('keepalive-stopped');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.textContent()).toContain(`Keep-alive stopped for 1 droplet: #${id} ${name}.`);
    expect(await notice.textContent()).toMatch(/kept alive under the profile “Local sandbox”, which was closed/);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(FLEET);
    expect(await s.page.getByTestId('kept-alive').count()).toBe(0);
    expect(await s.page.getByTestId('keepalive-count').count()).toBe(0);
    expect(await s.service.handlers.listKeepAlive(undefined)).toEqual([]);
    await shot('keep-alive-stopped');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
  });
});
