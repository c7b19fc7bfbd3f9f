/**
 * One end-to-end session: a real sandbox Orchestrator on 127.0.0.1, the real main-process
 * service in this test process, the built renderer served locally in headless Chromium, and a
 * stand-in for preload (exposeFunction + addInitScript) that carries exactly the contract's
 * methods and events. Every payload crossing that stand-in is recorded, as IPC would carry it.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createAppController, type AppController } from '../../core/app/app-controller';
import type { SecretCipher } from '../../core/profiles/key-vault';
import type { ServiceEventListener, StewardService } from '../../core/app/service';
import { createDispatch } from '../../core/app/dispatch';
import type { AppHandlers } from '../../shared/ipc-contract';
import { BUILT_IN_PROFILE_ID } from '../../shared/profile';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { builtFleetWorker, builtProbeWorker } from '../support/built-workers';
import { openStewardPage } from '../support/steward-page';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

export interface Session {
  page: Page;
  sandbox: RunningSandbox;
  /** What main's IPC handlers call: profiles, keys, and the open profile's service. */
  controller: AppController;
  /** The open profile's service. */
  readonly service: StewardService;
  /** The file the native "Import key" dialog answers with next (null: cancelled). */
  setNextKeyFile(path: string | null): void;
  /** The path the native save dialog answers with next (null: cancelled). */
  setNextSavePath(path: string | null): void;
  /** Every payload that crossed the preload stand-in, both directions. */
  crossings: { direction: 'in' | 'out' | 'event'; name: string; payload: unknown }[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Stands in for the OS secret store (Electron's safeStorage): reversible, and reported secure. */
const TEST_CIPHER: SecretCipher = {
  isAvailable: async () => true,
  backend: async () => 'e2e-test-store',
  encrypt: async (plain) => new Uint8Array(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: async (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
};

export interface SessionOptions {
  chromiumPath: string;
  sandbox?: SandboxOptions;
  dialect?: 'guide' | 'deployed' | 'auto';
  pollIntervalMs?: number;
  /** Steward's own late judgement; short values let a test see late before inactive. */
  liveness?: { intervalSeconds: number; graceSeconds: number };
  viewport?: { width: number; height: number };
  /**
   * Methods answered (and events pushed) here over the real service's, checked by main's own
   * dispatch: e.g. events the Electron shell sends the window (electron/attention-shell.ts),
   * which this harness has no shell for.
   */
  serviceExtras?: ServiceLayer;
}

export interface ServiceLayer {
  handlers: Partial<AppHandlers>;
  onEvent?(listener: ServiceEventListener): () => void;
}

/** The controller as preload sees it, with `layer`'s methods and events over its own. */
function layered(controller: AppController, layer: ServiceLayer | undefined): Pick<StewardService, 'dispatch' | 'onEvent'> {
  if (!layer) return controller;
  const own = createDispatch(layer.handlers);
  return {
    dispatch: (method, input) => (Object.hasOwn(layer.handlers, method) ? own(method, input) : controller.dispatch(method, input)),
    onEvent(listener) {
      const offs = [controller.onEvent(listener), layer.onEvent?.(listener)];
      return () => offs.forEach((off) => off?.());
    },
  };
}

export async function openSession(opts: SessionOptions): Promise<Session> {
  const sandbox = await startSandbox({ port: 0, ...opts.sandbox });
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-e2e-'));
  let nextKeyFile: string | null = null;
  let nextSavePath: string | null = null;
  const chooseSavePath = async (): Promise<string | null> => nextSavePath;
  const controller = await createAppController({
    dataDir,
    appVersion: 'e2e',
    embedded: { orchestratorUrl: sandbox.url, privateKeyPem: sandbox.privateKeyPem!, dialect: opts.dialect ?? 'auto' },
    cipher: TEST_CIPHER,
    picker: { pick: async () => nextKeyFile },
    chooseSavePath,
    serviceExtras: {
      fleetWorkerFile: builtFleetWorker(),
      probeWorkerFile: builtProbeWorker(),
      // As electron/main.ts: the service saves exported events through the same dialog.
      chooseSavePath,
      ...(opts.liveness ? { liveness: opts.liveness } : {}),
      // A test that polls fast to see its own changes keeps polling fast with the live feed on
      // (the live pace, a poll a minute, has its own tests: poll-pace, service, component).
      ...(opts.pollIntervalMs !== undefined ? { livePollIntervalMs: opts.pollIntervalMs } : {}),
    },
  });
  if (opts.pollIntervalMs !== undefined) {
    const { profiles } = await controller.handlers.listProfiles(undefined);
    const { id, builtIn: _builtIn, key: _key, ...settings } = profiles.find((p) => p.id === BUILT_IN_PROFILE_ID)!;
    await controller.handlers.saveProfile({ ...settings, id, pollIntervalMs: opts.pollIntervalMs });
  }
  const { page, crossings, errors, close } = await openStewardPage({ chromiumPath: opts.chromiumPath, service: layered(controller, opts.serviceExtras), viewport: opts.viewport });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    page,
    sandbox,
    controller,
    get service() {
      return controller.service()!;
    },
    setNextKeyFile(path) {
      nextKeyFile = path;
    },
    setNextSavePath(path) {
      nextSavePath = path;
    },
    crossings,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await close();
      await controller.close();
      await sandbox.close();
      if (errors.length) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
    },
  };
}
