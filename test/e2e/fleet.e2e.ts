import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const texts = await rows.allTextContents();
    expect(texts.every((t) => /active|inactive|error|late|maintenance|unknown/.test(t))).toBe(true);
    await s.screenshot('fleet-view');
  });
});
