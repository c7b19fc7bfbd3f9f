import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveStatus } from '../../shared/liveness';
import { chromiumOrSkip } from '../support/chromium';
import { openSession, type Session } from './harness';

const chromiumPath = chromiumOrSkip();

describe.skipIf(!chromiumPath)('first vertical slice: the fleet from a real sandbox', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ chromiumPath: chromiumPath!, sandbox: { fleet: 20, seed: 7 } });
  });
  afterAll(async () => s?.close());

  it('shows the 20 simulated droplets with their statuses', async () => {
    const rows = s.page.locator('[data-droplet-id]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20);
    const list = await s.service.handlers.listDroplets({});
    for (const d of list.droplets) {
      const row = s.page.locator(`[data-droplet-id="${d.id}"]`);
      await expect.poll(() => row.textContent()).toContain(d.name);
    }
    // Each row's status cell says that droplet's own status, as Steward judges it now (the
    // simulated fleet may move on between reads: compare again until a read agrees).
    const mismatches = async (): Promise<string[]> => {
      const now = Date.now();
      const { droplets } = await s.service.handlers.listDroplets({});
      const shown = await s.page.$$eval('[data-droplet-id]', (els) => els.map((el) => [Number((el as HTMLElement).dataset.dropletId), el.querySelector('[data-testid="status-cell"]')?.textContent ?? '']));
      const text = new Map(shown as [number, string][]);
      return droplets.filter((d) => text.get(d.id) !== effectiveStatus(d, now).status).map((d) => `#${d.id}: shows "${text.get(d.id)}", is ${effectiveStatus(d, now).status}`);
    };
    await expect.poll(mismatches, { timeout: 15_000 }).toEqual([]);
    await s.screenshot('fleet-view');
  });
});
