// Comfort in Chromium over a real sandbox: the simulated-fleet banner opens the add-your-
// Orchestrator wizard, which reaches a second Orchestrator, takes a key, makes a signed call and
// switches to it; a row's context menu; exports written by main and read back.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../core/signing/keys';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();

describe.skipIf(!chromiumPath)('onboarding, context menu and exports', () => {
  let s: Session;
  let yours: RunningSandbox;
  const dir = mkdtempSync(join(tmpdir(), 'steward-onboarding-'));
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 12, seed: 5 }, viewport: { width: 1440, height: 900 } });
    await s.page.locator('[data-droplet-id]').nth(11).waitFor({ timeout: 20_000 });
  });
  afterAll(async () => {
    await s?.close();
    await yours?.close();
  });

  it('right-click on a row opens its menu; Copy id and Send heartbeat work from it', async () => {
    const row = s.page.locator('[data-droplet-id]').nth(2);
    const id = Number(await row.getAttribute('data-droplet-id'));
    await row.click({ button: 'right', position: { x: 160, y: 12 } });
    const menu = s.page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getAttribute('aria-label')).toMatch(new RegExp(`^Droplet ${id} `));
    await s.screenshot('row-context-menu');
    await menu.getByRole('menuitem', { name: /^Send heartbeat/ }).click();
    await s.page.getByTestId('fleet-note').getByText(`Heartbeat sent for droplet ${id}`).waitFor({ timeout: 10_000 });
    expect(s.crossings.some((c) => c.direction === 'in' && c.name === 'sendHeartbeat' && (c.payload as { id: number }).id === id)).toBe(true);
    // At the window's minimum the filters' count and the export actions stay in view.
    await s.page.setViewportSize({ width: 1024, height: 640 });
    const count = await s.page.locator('.filter-count').boundingBox();
    const csv = await s.page.getByRole('toolbar', { name: 'Fleet export' }).boundingBox();
    const fleet = await s.page.locator('section.fleet').boundingBox();
    for (const box of [count!, csv!]) expect(box.x + box.width).toBeLessThanOrEqual(fleet!.x + fleet!.width);
    await s.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('exports the fleet as shown (filtered) to CSV through main, read back', async () => {
    const path = join(dir, 'fleet.csv');
    s.setNextSavePath(path);
    // A service's name, not digits: every endpoint carries the sandbox's random port, so a
    // digit filter could match every row and the test would wait for nothing.
    const term = (await s.page.locator('[data-droplet-id] .col-name').first().innerText()).replace(/-\d+$/, '');
    await s.page.getByRole('searchbox', { name: 'Search droplets' }).fill(term);
    const shownIds = async () => (await s.page.locator('[data-droplet-id]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.dropletId)));
    await s.page.waitForFunction(() => document.querySelectorAll('[data-droplet-id]').length < 12);
    const expected = await shownIds();
    await s.page.getByRole('toolbar', { name: 'Fleet export' }).getByRole('button', { name: 'CSV' }).click();
    await s.page.getByTestId('fleet-note').getByText(`to ${path}`).waitFor({ timeout: 10_000 });
    const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.id)).toEqual(expected);
    for (const r of rows) expect(`${r.id} ${r.name} ${r.steward} ${r.endpoint}`).toContain(term);
    await s.page.getByRole('searchbox', { name: 'Search droplets' }).fill('');
  });

  it('exports the communications log as JSON lines, read back', async () => {
    const path = join(dir, 'log.jsonl');
    s.setNextSavePath(path);
    await s.page.getByRole('tab', { name: /log/i }).click();
    await s.page.getByRole('region', { name: 'Communications log' }).getByRole('button', { name: 'Export' }).click();
    await s.page.getByText(`to ${path}`).waitFor({ timeout: 10_000 });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { path: string; requestHeaders: Record<string, string> });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.path.includes('droplets'))).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toMatch(/Bearer eyJ/);
  });

  it('the banner opens the wizard, which adds, tests and switches to your Orchestrator', async () => {
    const pair = generateKeyPair('ES256');
    yours = await startSandbox({ port: 0, publicKeyPem: pair.publicKeyPem, fleet: 3, seed: 9 });
    const keyFile = join(dir, 'mine.pem');
    writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });

    const banner = s.page.getByRole('note', { name: 'Simulated fleet' });
    await banner.getByRole('button', { name: 'Add your Orchestrator…' }).click();
    const wizard = s.page.getByRole('dialog', { name: 'Add your Orchestrator' });
    await wizard.getByLabel('Orchestrator URL').fill(yours.url);
    await wizard.getByLabel('Your name (steward)').fill('Haythem');
    await s.screenshot('add-orchestrator-wizard-address');
    await wizard.getByRole('button', { name: 'Check it answers' }).click();
    await wizard.locator('[data-step="reachability"][data-state="ok"]').waitFor({ timeout: 10_000 });
    await wizard.getByRole('button', { name: 'Save and choose a key' }).click();

    s.setNextKeyFile(keyFile);
    await wizard.getByRole('button', { name: 'Import…' }).click();
    await wizard.getByText('Fingerprint').waitFor({ timeout: 10_000 });
    await s.screenshot('add-orchestrator-wizard');
    await s.page.setViewportSize({ width: 1024, height: 640 });
    await s.screenshot('add-orchestrator-wizard-1024x640');
    await s.page.setViewportSize({ width: 1440, height: 900 });

    await wizard.getByRole('button', { name: 'Test a signed call' }).click();
    await wizard.getByText('Connection works.').waitFor({ timeout: 15_000 });
    await wizard.getByRole('button', { name: /^Switch to / }).click();
    await wizard.waitFor({ state: 'detached', timeout: 10_000 });
    await s.page.locator('[data-droplet-id]').nth(2).waitFor({ timeout: 15_000 });
    expect(await s.page.locator('[data-droplet-id]').count()).toBe(3);
    expect(await banner.count()).toBe(0);
  });
});
