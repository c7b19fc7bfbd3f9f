// Living in the app: theme (light, dark, forced colours), the table at 1024x640 with its header
// in step after tabbing through it, the command palette, and keyboard paths to each view.
import { COLUMNS } from '../../renderer/src/features/fleet/columns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();

/** Each header's left edge and the first row's cell under it, by column class. */
async function headerOffsets(page: Page): Promise<{ col: string; head: number; cell: number }[]> {
  return page.evaluate(() => {
    const row = document.querySelector('[data-droplet-id]')!;
    return [...document.querySelectorAll<HTMLElement>('.fleet-head-row [role="columnheader"]')].map((h) => {
      const col = [...h.classList].find((c) => c.startsWith('col-'))!;
      const cell = row.querySelector<HTMLElement>(`.${col}`)!;
      return { col, head: Math.round(h.getBoundingClientRect().left), cell: Math.round(cell.getBoundingClientRect().left) };
    });
  });
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { role: el?.getAttribute('role') ?? el?.tagName.toLowerCase() ?? '', name: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '', inHead: Boolean(el?.closest('.fleet-head')) };
  });

/** Tab from the top of the page until `done` says so; fails after `max` presses. */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60): Promise<number> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (done(await focused(page))) return i;
  }
  throw new Error(`Not reached in ${max} Tab presses; last: ${JSON.stringify(await focused(page))}`);
}

describe.skipIf(!chromiumPath)('comfort: theme, layout and keyboard', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 40, seed: 11 }, viewport: { width: 1440, height: 900 } });
    await s.page.locator('[data-droplet-id]').nth(20).waitFor({ timeout: 15_000 });
  });
  afterAll(async () => s?.close());

  it('switches between light and dark through the theme picker, and "system" follows the OS', async () => {
    const picker = s.page.getByRole('combobox', { name: 'Theme' });
    const bg = () => s.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => s.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => s.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const light = await bg();

    await s.page.locator('[data-droplet-id="105"]').click();
    await expect.poll(() => s.page.locator('figure[data-metric="cpu_percent"] .recharts-line-curve').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await picker.selectOption('light');
    await expect.poll(() => s.page.locator('figure[data-metric="cpu_percent"] .recharts-line-curve').first().evaluate((el) => getComputedStyle(el).stroke)).toBe('rgb(42, 98, 201)');
    await s.screenshot('fleet-light');

    await picker.selectOption('dark');
    await expect.poll(() => s.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await bg()).not.toBe(light);
    // The chart's line is drawn in the theme's colour, not a fixed one.
    const line = () => s.page.locator('figure[data-metric="cpu_percent"] .recharts-line-curve').first().evaluate((el) => getComputedStyle(el).stroke);
    expect(await line()).toBe('rgb(91, 141, 239)'); // dark theme's --chart-line
    await s.screenshot('fleet-dark');
  });

  it('keeps the heartbeat strip and the selected row visible in forced-colours mode', async () => {
    await s.page.emulateMedia({ forcedColors: 'active' });
    const strip = s.page.locator('.st-timeline__slot--beat').first();
    await strip.waitFor({ timeout: 10_000 });
    const slot = await strip.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, canvas: getComputedStyle(document.body).backgroundColor }));
    expect(slot.bg).not.toBe(slot.canvas);
    const selected = await s.page.locator('.fleet-row.selected').evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, text: getComputedStyle(el.querySelector('.col-name')!).color }));
    const plain = await s.page.locator('.fleet-row:not(.selected)').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(selected.bg).not.toBe(plain);
    expect(selected.text).not.toBe(selected.bg);
    await s.screenshot('fleet-forced-colors');
    await s.page.emulateMedia({ forcedColors: 'none' });
  });

  it('opens the command palette with Ctrl+K and goes to a droplet by name', async () => {
    const name = (await s.page.locator('[data-droplet-id="112"] .col-name').textContent())!;
    await s.page.locator('body').click({ position: { x: 5, y: 5 } });
    await s.page.keyboard.press('Control+k');
    const palette = s.page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await expect.poll(() => palette.getByRole('option').count()).toBeGreaterThan(5);
    await s.screenshot('command-palette');
    await s.page.keyboard.type(name);
    await expect.poll(() => palette.getByRole('option').first().textContent()).toContain(name);
    await s.page.keyboard.press('Enter');
    await expect.poll(() => palette.count()).toBe(0);
    await expect.poll(() => s.page.locator('.fleet-row.selected').getAttribute('data-droplet-id')).toBe('112');
  });

  it('at 1024x640 keeps every header over its column while tabbing through them, and reaches every column', async () => {
    await s.page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await s.page.setViewportSize({ width: 1024, height: 640 });
    const scroller = s.page.locator('.fleet-scroll');
    const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeGreaterThan(0);

    await tabUntil(s.page, (f) => f.inHead);
    const seen: string[] = [];
    for (;;) {
      const f = await focused(s.page);
      if (!f.inHead) break;
      seen.push(f.name);
      for (const o of await headerOffsets(s.page)) expect(o.head, `${o.col} header over its column`).toBe(o.cell);
      await s.page.keyboard.press('Tab');
    }
    expect(seen).toHaveLength(COLUMNS.length);
    // Focusing the last header scrolls the table to its end: Version is on screen, over its column.
    await s.page.locator('.fleet-head .col-version .sort-button').focus();
    // Its header button and the text of its cells are inside the visible part of the table.
    const button = await s.page.locator('.fleet-head .col-version .sort-button').boundingBox();
    const textRight = await s.page.locator('[data-droplet-id] .col-version').first().evaluate((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getBoundingClientRect().right;
    });
    const box = await scroller.boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
    expect(textRight).toBeLessThanOrEqual(box!.x + box!.width + 1);
    for (const o of await headerOffsets(s.page)) expect(o.head, `${o.col} header over its column`).toBe(o.cell);
    await s.screenshot('fleet-1024x640');
    await scroller.evaluate((el) => (el.scrollLeft = 0));
  });

  it('says "Background" in the top bar while another window has the focus (1024x640, fitting), and not once Steward has it back', async () => {
    // Playwright keeps every page focused unless told otherwise; then a window in front blurs Steward's.
    await s.page.setViewportSize({ width: 1024, height: 640 });
    const cdp = await s.page.context().newCDPSession(s.page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const barBox = () => s.page.locator('header.topbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, height: el.getBoundingClientRect().height }));
    const before = await barBox();
    const other = await s.page.context().newPage();
    try {
      await other.bringToFront();
      const tag = s.page.getByTestId('background-refresh');
      await tag.waitFor({ timeout: 5_000 });
      expect(await tag.textContent()).toBe('Background · updates every 30 s');
      expect(await tag.getAttribute('title')).toContain('Desktop notifications are not held back');
      // The top bar still fits one row at the smallest supported size: no overflow, no wrap.
      const bar = await barBox();
      expect(bar.scroll).toBeLessThanOrEqual(bar.client);
      expect(bar.height).toBe(before.height);
      await s.screenshot('background-1024x640');
      await s.page.bringToFront();
      await expect.poll(() => tag.count()).toBe(0);
    } finally {
      await s.page.bringToFront();
      await other.close();
      await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      await cdp.detach();
    }
  });

  it('reaches the communications log and Connections by keyboard from the first Tab', async () => {
    const presses = await tabUntil(s.page, (f) => f.role === 'tab');
    expect(presses).toBeLessThan(60);
    await s.page.keyboard.press('End');
    expect(await s.page.getByRole('tab', { name: 'Connections' }).getAttribute('aria-selected')).toBe('true');
    await s.page.keyboard.press('ArrowLeft');
    expect(await s.page.getByRole('tab', { name: 'Dependencies' }).getAttribute('aria-selected')).toBe('true');
    await s.page.keyboard.press('ArrowLeft');
    expect(await s.page.getByRole('tab', { name: 'Communications log' }).getAttribute('aria-selected')).toBe('true');
    await s.page.getByRole('region', { name: 'Communications log' }).waitFor();
    // Full window, then Escape puts the fleet back.
    await s.page.keyboard.press('Control+Shift+M');
    await expect.poll(() => s.page.locator('.fleet').isVisible()).toBe(false);
    await s.screenshot('log-full-window');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.locator('.fleet').isVisible()).toBe(true);
    // Ctrl+B hides the pane and brings it back.
    await s.page.keyboard.press('Control+b');
    await expect.poll(() => s.page.locator('aside.side-pane').count()).toBe(0);
    await s.page.keyboard.press('Control+b');
    await expect.poll(() => s.page.locator('aside.side-pane').count()).toBe(1);
  });

  it('never leaves a row moved to by the keyboard under the sticky header', async () => {
    const scroller = s.page.locator('.fleet-scroll');
    await s.page.locator('[data-droplet-id]').first().click();
    // All in one go, as fast as the keyboard sends them: each key moves on from where the last
    // one went even before that row is rendered (this once left the row off screen: issue 14).
    const count = await s.page.locator('.fleet-table').getAttribute('aria-rowcount');
    await s.page.keyboard.press('End');
    await s.page.keyboard.press('PageUp');
    for (let i = 0; i < 6; i++) await s.page.keyboard.press('ArrowUp');
    const pageRows = await scroller.evaluate((el) => Math.max(1, Math.floor((el.clientHeight - 30) / 30) - 1));
    const lastRowIndex = Number(count); // aria-rowindex counts the header as 1
    await expect.poll(() => s.page.locator('.fleet-row.selected').getAttribute('aria-rowindex')).toBe(String(lastRowIndex - pageRows - 6));
    try {
      // Measured once the scroll the keys asked for has landed (the virtualiser re-renders after it).
      const placement = async () => {
        const [row, head, box] = await Promise.all([s.page.locator('.fleet-row.selected').boundingBox(), s.page.locator('.fleet-head').boundingBox(), scroller.boundingBox()]);
        return { belowHeader: row!.y >= head!.y + head!.height - 1, insideTable: row!.y + row!.height <= box!.y + box!.height + 1 };
      };
      await expect.poll(placement, { timeout: 5_000 }).toEqual({ belowHeader: true, insideTable: true });
      // Focus followed the selection, so the next key goes on from there.
      await expect.poll(() => s.page.locator('.fleet-row.selected').evaluate((el) => el === document.activeElement)).toBe(true);
    } finally {
      await scroller.evaluate((el) => (el.scrollTop = 0));
    }
  });

  it('expands the charts to the full window', async () => {
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await s.page.locator('[data-droplet-id="105"]').click();
    await s.page.getByRole('tab', { name: 'Details' }).click();
    const chart = s.page.locator('figure[data-metric="cpu_percent"]');
    await expect.poll(() => chart.locator('.recharts-line-curve').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const narrow = (await chart.boundingBox())!.width;
    await s.page.getByRole('button', { name: 'Full window' }).click();
    await expect.poll(async () => (await chart.boundingBox())!.width, { timeout: 5_000 }).toBeGreaterThan(narrow * 1.5);
    await s.screenshot('charts-full-window');
    await s.page.getByRole('button', { name: 'Back beside the fleet' }).click();
  });

  it('draws the forms, the log and Connections in the dark theme', async () => {
    await s.page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    for (const [tab, shot] of [
      ['Register', 'dark-register'],
      ['Communications log', 'dark-log'],
      ['Connections', 'dark-connections'],
    ] as const) {
      await s.page.getByRole('tab', { name: tab }).click();
      await s.screenshot(shot);
    }
    await s.page.getByRole('tab', { name: 'Details' }).click();
    await s.page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  });

  it('"/" focuses the search and "?" lists the shortcuts', async () => {
    await s.page.locator('[data-droplet-id]').first().focus();
    await s.page.keyboard.press('/');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search droplets');
    await s.page.keyboard.press('Escape');
    await s.page.locator('[data-droplet-id]').first().focus();
    await s.page.keyboard.press('Shift+?');
    const dialog = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Ctrl+K');
    await s.screenshot('shortcuts');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
