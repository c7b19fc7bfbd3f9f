/**
 * One end-to-end session: a real sandbox Orchestrator on 127.0.0.1, the real main-process
 * service in this test process, the built renderer served locally in headless Chromium, and a
 * stand-in for preload (exposeFunction + addInitScript) that carries exactly the contract's
 * methods and events. Every payload crossing that stand-in is recorded, as IPC would carry it.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { IPC_EVENT_NAMES, IPC_METHOD_NAMES, type IpcEventName } from '../../shared/ipc-contract';
import { createStewardService, type StewardService } from '../../core/service';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { CHROMIUM_FLAGS } from './chromium';
import { serveStatic } from './static-server';

export const SCREENSHOT_DIR = resolve(__dirname, '../../test-results/screenshots');
const RENDERER_DIR = resolve(__dirname, '../../out/renderer');

export interface Session {
  page: Page;
  sandbox: RunningSandbox;
  service: StewardService;
  /** Every payload that crossed the preload stand-in, both directions. */
  crossings: { direction: 'in' | 'out' | 'event'; name: string; payload: unknown }[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface SessionOptions {
  chromiumPath: string;
  sandbox?: SandboxOptions;
  dialect?: 'guide' | 'deployed' | 'auto';
  pollIntervalMs?: number;
  viewport?: { width: number; height: number };
}

export async function openSession(opts: SessionOptions): Promise<Session> {
  const sandbox = await startSandbox({ port: 0, ...opts.sandbox });
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-e2e-'));
  const service = await createStewardService({
    profileName: 'Local sandbox',
    orchestratorUrl: sandbox.url,
    dialect: opts.dialect ?? 'auto',
    identityDropletId: 1,
    steward: 'e2e',
    privateKeyPem: sandbox.privateKeyPem!,
    pollIntervalMs: opts.pollIntervalMs ?? 2_000,
    dataDir,
    embeddedSandbox: true,
    appVersion: 'e2e',
  });
  const statics = await serveStatic(RENDERER_DIR);
  const browser: Browser = await chromium.launch({ executablePath: opts.chromiumPath, args: CHROMIUM_FLAGS, headless: true });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  const crossings: Session['crossings'] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.exposeFunction('__stewardInvoke', async (method: string, input: unknown) => {
    crossings.push({ direction: 'in', name: method, payload: input });
    const result = await service.dispatch(method, input);
    crossings.push({ direction: 'out', name: method, payload: result });
    return result;
  });
  await page.addInitScript(
    ({ methods, events }) => {
      type Listener = (payload: unknown) => void;
      const listeners = new Map<string, Set<Listener>>();
      const w = window as unknown as Record<string, unknown> & { __stewardInvoke(m: string, i: unknown): Promise<unknown> };
      const bridge: Record<string, unknown> = {};
      for (const m of methods) bridge[m] = (input?: unknown) => w.__stewardInvoke(m, input);
      bridge.on = (event: string, listener: Listener) => {
        if (!events.includes(event)) throw new Error(`Unknown event ${event}`);
        const set = listeners.get(event) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      };
      w.steward = Object.freeze(bridge);
      w.__stewardEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
    },
    { methods: IPC_METHOD_NAMES as string[], events: IPC_EVENT_NAMES as string[] },
  );
  const unsubscribe = service.onEvent((event: IpcEventName, payload: unknown) => {
    crossings.push({ direction: 'event', name: event, payload });
    void page.evaluate(([e, p]) => (window as unknown as { __stewardEmit(e: string, p: unknown): void }).__stewardEmit(e as string, p), [event, payload] as const).catch(() => undefined);
  });
  await page.goto(statics.url);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    page,
    sandbox,
    service,
    crossings,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      unsubscribe();
      await browser.close();
      await statics.close();
      await service.close();
      await sandbox.close();
      if (errors.length) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
    },
  };
}
