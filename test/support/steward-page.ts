/**
 * The built renderer (out/renderer, served locally) in headless Chromium, wired to a real
 * main-process service through a stand-in for preload (exposeFunction + addInitScript) that
 * carries exactly the contract's methods and events. Shared by the e2e harness and the bench.
 */
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { IPC_EVENT_NAMES, IPC_METHOD_NAMES, type IpcEventName } from '../../shared/ipc-contract';
import type { StewardService } from '../../core/app/service';
import { WindowPushes } from '../../core/app/window-pushes';
import { CHROMIUM_FLAGS } from './chromium';
import { serveStatic } from './static-server';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface Crossing {
  direction: 'in' | 'out' | 'event';
  name: string;
  payload: unknown;
}

export interface StewardPageOptions {
  chromiumPath: string;
  /** What main's IPC handlers call: the app controller, or a bare service. */
  service: Pick<StewardService, 'dispatch' | 'onEvent'>;
  viewport?: { width: number; height: number };
  /** Record every payload crossing the stand-in (default true; the bench turns it off). */
  recordCrossings?: boolean;
  /**
   * Carry answers as one JSON string instead of Playwright's per-value serialisation, which
   * takes seconds for a 10,000-droplet snapshot (Electron's structured clone takes tens of ms).
   */
  jsonTransport?: boolean;
  /** Runs after the preload stand-in is installed and before the renderer loads (extra init scripts). */
  beforeLoad?: (page: Page) => Promise<void>;
}

export interface StewardPage {
  page: Page;
  browser: Browser;
  /** Every payload that crossed the preload stand-in, both directions. */
  crossings: Crossing[];
  /** Errors the page reported (uncaught exceptions). */
  errors: string[];
  close(): Promise<void>;
}

export async function openStewardPage(opts: StewardPageOptions): Promise<StewardPage> {
  const { service } = opts;
  const record = opts.recordCrossings ?? true;
  const statics = await serveStatic(RENDERER_DIR);
  const browser: Browser = await chromium.launch({ executablePath: opts.chromiumPath, args: CHROMIUM_FLAGS, headless: true });
  // A context of its own (not browser.newPage's), so a measure can open another window in it.
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const crossings: Crossing[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A style or script the CSP blocks is reported only on the console.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });

  const invoke = async (method: string, input: unknown) => {
    if (record) crossings.push({ direction: 'in', name: method, payload: input });
    const result = await service.dispatch(method, input);
    if (record) crossings.push({ direction: 'out', name: method, payload: result });
    return result;
  };
  if (opts.jsonTransport) {
    await page.exposeFunction('__stewardInvokeJson', async (method: string, input: unknown) => JSON.stringify(await invoke(method, input)));
    await page.addInitScript({
      content: 'window.__stewardInvoke = async (method, input) => JSON.parse(await window.__stewardInvokeJson(method, input));',
    });
  } else {
    await page.exposeFunction('__stewardInvoke', invoke);
  }
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
      // As preload's bridge: only the contract's events.
      w.__stewardEmitMany = (list: [string, unknown][]) => list.forEach(([event, payload]) => events.includes(event) && listeners.get(event)?.forEach((l) => l(payload)));
    },
    { methods: IPC_METHOD_NAMES as string[], events: IPC_EVENT_NAMES as string[] },
  );
  // As main does: pushes go through WindowPushes, held while the window is in the background.
  // The window's DOM focus and visibility stand in for Electron's BrowserWindow events.
  type Emitter = { __stewardEmit(e: string, p: unknown): void; __stewardEmitMany(list: [string, unknown][]): void };
  const pushes = new WindowPushes({
    send: (event, payload) => {
      if (record) crossings.push({ direction: 'event', name: event, payload });
      void page.evaluate(([e, p]) => (window as unknown as Emitter).__stewardEmit(e as string, p), [event, payload] as const).catch(() => undefined);
    },
    // One evaluate for the lot, as main sends one message on EVENT_BATCH_CHANNEL.
    sendMany: (events) => {
      if (record) for (const [name, payload] of events) crossings.push({ direction: 'event', name, payload });
      void page.evaluate((list) => (window as unknown as Emitter).__stewardEmitMany(list), events).catch(() => undefined);
    },
  });
  await page.exposeFunction('__stewardWindowBackground', (background: boolean) => pushes.setBackground(background));
  // As text: a function here would carry the bench's tsx name helpers into the page.
  await page.addInitScript({
    content: `for (const [target, name] of [[window, 'focus'], [window, 'blur'], [document, 'visibilitychange']])
      target.addEventListener(name, () => void window.__stewardWindowBackground(document.hidden || !document.hasFocus()));`,
  });
  const unsubscribe = service.onEvent((event: IpcEventName, payload: unknown) => pushes.push(event, payload));
  await opts.beforeLoad?.(page);
  await page.goto(statics.url);

  return {
    page,
    browser,
    crossings,
    errors,
    async close() {
      unsubscribe();
      pushes.close();
      await browser.close();
      await statics.close();
    },
  };
}
