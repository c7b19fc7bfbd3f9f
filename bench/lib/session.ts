/** Steward as the bench drives it: a bare service, or the app's main process with the renderer over it. */
import { mkdir } from 'node:fs/promises';
import { saveProbeSettings } from '../../core/probes/probe-settings-file';
import { defaultProbeSettings } from '../../shared/probe';
import type { CDPSession, Page } from 'playwright-core';
import { createAppController, type AppController } from '../../core/app/app-controller';
import type { SecretCipher } from '../../core/profiles/key-vault';
import type { KeyPair } from '../../core/signing/keys';
import { createStewardService, type StewardService } from '../../core/app/service';
import { builtFleetWorker, builtProbeWorker } from '../../test/support/built-workers';
import { openStewardPage, type StewardPage } from '../../test/support/steward-page';
import { PROBE_SCRIPT } from './page-probe';
import { benchTempDir } from './temp-dirs';

export interface Session {
  /** What main's IPC handlers call, as in the app: the app controller over the profile's service. */
  controller: AppController;
  service: StewardService;
  steward: StewardPage;
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

/** Stands in for the OS secret store (the embedded profile's key is never stored anyway). */
const BENCH_CIPHER: SecretCipher = {
  isAvailable: async () => true,
  backend: async () => 'bench',
  encrypt: async (plain) => new Uint8Array(Buffer.from(plain, 'utf8')),
  decrypt: async (data) => Buffer.from(data).toString('utf8'),
};

export interface SessionOptions {
  pollIntervalMs: number;
  /** The pace while the live feed delivers; the default (60 s) unless a measure needs polls to keep coming. */
  livePollIntervalMs?: number;
  liveUpdates?: boolean;
  /** The profile's service keeps its history (and log) here instead. */
  serviceDataDir?: string;
  /**
   * Probe the droplets' own routes, as the embedded profile does by default. Off unless asked:
   * a fleet of 1,000 or 10,000 is a real Orchestrator's, whose profiles do not probe until a
   * steward turns it on; probing's own cost is measured apart (probe.ts, probe-paint.ts).
   */
  probing?: boolean;
}

/** The app's main process as Electron runs it (app controller, embedded profile) and the renderer over it. */
export async function openBenchSession(chromiumPath: string, url: string, key: KeyPair, opts: SessionOptions): Promise<Session> {
  const serviceDataDir = opts.serviceDataDir;
  const controller = await createAppController({
    dataDir: benchTempDir(),
    appVersion: 'bench',
    embedded: { orchestratorUrl: url, privateKeyPem: key.privateKeyPem, dialect: 'guide' },
    cipher: BENCH_CIPHER,
    serviceExtras: { fleetWorkerFile: builtFleetWorker(), probeWorkerFile: builtProbeWorker(), ...(opts.liveUpdates === undefined ? {} : { liveUpdates: opts.liveUpdates }) },
    // Profiles poll every 2 s at the fastest; the bench accelerates time by polling faster.
    createService: async (config) => {
      const dataDir = serviceDataDir ?? config.dataDir;
      if (!opts.probing && dataDir) {
        await mkdir(dataDir, { recursive: true });
        await saveProbeSettings(dataDir, defaultProbeSettings(false));
      }
      return createStewardService({ ...config, pollIntervalMs: opts.pollIntervalMs, ...(opts.livePollIntervalMs ? { livePollIntervalMs: opts.livePollIntervalMs } : {}), dataDir });
    },
  });
  const steward = await openStewardPage({
    chromiumPath,
    service: controller,
    recordCrossings: false,
    jsonTransport: true,
    viewport: { width: 1440, height: 900 },
    beforeLoad: async (page) => {
      await page.addInitScript({ content: PROBE_SCRIPT });
    },
  });
  const cdp = await steward.page.context().newCDPSession(steward.page);
  return {
    controller,
    get service() {
      return controller.service()!;
    },
    steward,
    page: steward.page,
    cdp,
    async close() {
      await steward.close();
      await controller.close();
      if (steward.errors.length) throw new Error(`the page reported errors:\n${steward.errors.join('\n')}`);
    },
  };
}
