// The real app in a real Electron window. It needs the Electron binary, which this project's
// CI machine cannot download; the suite is skipped with that message when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = override ? join(override, readFileSync(pathFile, 'utf8')) : join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(exe) ? exe : null;
}

const binary = electronBinary();
if (!binary) console.warn('Electron app test skipped: no Electron binary in node_modules/electron (it is downloaded on first use, which needs its download host). Run `npm start` on a machine that can fetch it.');

describe.skipIf(!binary)('the packaged shell in a real Electron window', () => {
  it('opens on the embedded sandbox fleet with a locked-down page', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [join(ROOT, 'out/main/index.js')], env: { ...process.env, STEWARD_DATA_DIR: join(ROOT, 'test-results/electron-data') } });
    try {
      const page = await app.firstWindow();
      await expect.poll(() => page.locator('[data-droplet-id]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const reachable = await page.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process, typeof (globalThis as Record<string, unknown>).ipcRenderer]);
      expect(reachable).toEqual(['undefined', 'undefined', 'undefined']);
    } finally {
      await app.close();
    }
  });
});
