/**
 * Launch to fleet: from main's start to the first fleet rows painted on the embedded default,
 * in the order electron/main.ts runs it: IPC wired to a deferred service and the page loading
 * at once, while main makes the key pair, starts the sandbox and opens the profiles. Chromium
 * is already running when the clock starts (it stands in for Electron's own boot, which is
 * not Steward's). A fresh data folder each run, as on a first launch.
 */
import { performance } from 'node:perf_hooks';
import { createAppController } from '../../core/app/app-controller';
import { createDeferredService } from '../../core/app/deferred-service';
import type { SecretCipher } from '../../core/profiles/key-vault';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../electron/embedded-default';
import { builtFleetWorker } from '../../test/support/built-workers';
import { openStewardPage } from '../../test/support/steward-page';
import { median, round } from '../lib/stats';
import { benchTempDir } from '../lib/temp-dirs';

export interface LaunchFigures {
  runs: number;
  /** Main's start -> first rows painted (median). */
  launchToFleetMs: number;
  /** Main's start -> the controller ready to answer (median): main's own part. */
  mainReadyMs: number;
}

/** Electron's safeStorage stands here; the embedded profile's key is not stored through it. */
const BENCH_CIPHER: SecretCipher = {
  isAvailable: async () => true,
  backend: async () => 'bench',
  encrypt: async (plain) => new Uint8Array(Buffer.from(plain, 'utf8')),
  decrypt: async (data) => Buffer.from(data).toString('utf8'),
};

// A function, not a string: the page's CSP refuses string evaluation.
const rowsPainted = (): boolean => document.querySelectorAll('[data-droplet-id]').length >= 10;

async function launchOnce(chromiumPath: string): Promise<{ total: number; main: number }> {
  const dataDir = benchTempDir('steward-bench-launch-');
  const deferred = createDeferredService();
  let started = 0;
  let mainReady = 0;
  let embedded: EmbeddedDefault | null = null;
  let starting: Promise<void> = Promise.resolve();
  const fleetWorkerFile = builtFleetWorker();
  const s = await openStewardPage({
    chromiumPath,
    service: deferred,
    recordCrossings: false,
    beforeLoad: async () => {
      started = performance.now();
      starting = (async () => {
        embedded = await startEmbeddedDefault({ appVersion: 'bench', userDataDir: dataDir });
        const { orchestratorUrl, privateKeyPem, dialect } = embedded.config;
        const controller = await createAppController({ dataDir, appVersion: 'bench', embedded: { orchestratorUrl, privateKeyPem, dialect }, cipher: BENCH_CIPHER, serviceExtras: { fleetWorkerFile } });
        deferred.ready(controller);
        mainReady = performance.now();
      })();
    },
  });
  try {
    await s.page.waitForFunction(rowsPainted, undefined, { polling: 'raf', timeout: 60_000 });
    const total = performance.now() - started;
    await starting;
    return { total, main: mainReady - started };
  } finally {
    await s.close();
    await (embedded as EmbeddedDefault | null)?.close();
  }
}

export async function measureLaunch(chromiumPath: string, runs = 5): Promise<LaunchFigures> {
  const totals: number[] = [];
  const mains: number[] = [];
  await launchOnce(chromiumPath); // warms the file cache for the renderer's bundle
  for (let i = 0; i < runs; i++) {
    const r = await launchOnce(chromiumPath);
    totals.push(r.total);
    mains.push(r.main);
  }
  return { runs, launchToFleetMs: round(median(totals)), mainReadyMs: round(median(mains)) };
}
