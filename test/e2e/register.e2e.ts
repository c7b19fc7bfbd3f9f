// Registering against a real sandbox in Chromium: a known id is confirmed against what the
// Orchestrator holds (field, now, after) before it is overwritten, blank fields keep their
// values; a new droplet on the deployed Orchestrator (500, then "updated") is told as
// registered, and "Show droplet" selects its row and scrolls it into view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();

describe.skipIf(!chromiumPath)('registering over a known droplet (guide sandbox)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 12, seed: 3 } });
    await s.page.locator('[data-droplet-id]').nth(11).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => s?.close());

  it('shows now and after, asks "Update droplet 105?", and keeps what blank fields did not say', async () => {
    const before = s.sandbox.store.get(105)!;
    // Copied: the store updates its droplet in place.
    const name = before.name;
    const held = { steward: before.steward, capabilities: [...before.capabilities], version: before.version };
    expect(held.capabilities.length).toBeGreaterThan(0);
    expect(held.version).not.toBeNull();

    await s.page.getByRole('button', { name: 'Register droplet…' }).click();
    const form = s.page.getByRole('form', { name: 'Register a droplet' });
    await form.getByLabel('ID').fill('105');
    await form.getByLabel('Name').fill(`${name}-renamed`);
    await form.getByLabel('Endpoint').fill('http://10.1.0.105:8002');
    await form.getByRole('button', { name: 'Register' }).click();

    const confirm = s.page.getByRole('alertdialog', { name: 'Update droplet 105?' });
    await confirm.waitFor({ timeout: 10_000 });
    expect(await confirm.locator('[data-field="name"]').getAttribute('data-changed')).toBe('true');
    expect(await confirm.locator('[data-field="endpoint"]').getAttribute('data-changed')).toBe('true');
    expect(await confirm.locator('[data-field="capabilities"]').getAttribute('data-changed')).toBe('false');
    expect(await confirm.locator('[data-field="capabilities"] .st-diff__after').textContent()).toBe(held.capabilities.join('\n'));
    expect(await confirm.locator('[data-field="version"] .st-diff__after').textContent()).toBe(held.version);
    expect(s.sandbox.store.get(105)!.name).toBe(name); // nothing sent yet
    await s.screenshot('register-existing-confirm');

    await confirm.getByRole('button', { name: 'Update' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/Updated\s*droplet\s*105/);
    const after = s.sandbox.store.get(105)!;
    expect(after).toMatchObject({ name: `${name}-renamed`, endpoint: 'http://10.1.0.105:8002', ...held });
    // The form starts afresh for the next droplet.
    expect(await form.getByLabel('ID').inputValue()).toBe('');
  });
});

describe.skipIf(!chromiumPath)('registering a new droplet on the deployed Orchestrator', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 150, seed: 8, dialect: 'deployed' }, pollIntervalMs: 2_000 });
    await s.page.locator('[data-droplet-id]').first().waitFor({ timeout: 15_000 });
  });
  afterAll(async () => s?.close());

  it('says "Registered" despite the 500 then "updated", and "Show droplet" selects and reveals its row', async () => {
    await s.page.getByRole('columnheader', { name: 'ID' }).getByRole('button').click(); // ascending: 9999 is last
    await s.page.getByRole('button', { name: 'Register droplet…' }).click();
    const form = s.page.getByRole('form', { name: 'Register a droplet' });
    await form.getByLabel('ID').fill('9999');
    await form.getByLabel('Name').fill('e2e-new-deployed');
    await form.getByLabel('Endpoint').fill('http://127.0.0.1:9999');
    await form.getByRole('button', { name: 'Register' }).click();
    const result = form.getByRole('status');
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(/Registered\s*droplet\s*9999/);
    const exchanges = s.service.commsLog.entries().filter((e) => e.path === '/droplets/register');
    expect(exchanges.map((e) => e.status).reverse()).toEqual([500, 201]);

    const row = s.page.locator('[data-droplet-id="9999"]');
    expect(await row.count()).toBe(0); // far below, not rendered by the virtualised table
    await result.getByRole('button', { name: 'Show droplet' }).click();
    await expect.poll(() => row.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    const inView = async () => {
      const [r, pane] = await Promise.all([row.boundingBox(), s.page.locator('.fleet-scroll').boundingBox()]);
      return r !== null && pane !== null && r.y >= pane.y && r.y + r.height <= pane.y + pane.height;
    };
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => s.page.locator('article.st-details').textContent(), { timeout: 10_000 }).toContain('9999');
  });
});
