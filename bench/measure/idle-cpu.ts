/**
 * The app's default set-up (a poll every 10 s, the live feed on) with the page open: scrolling
 * the table, then CPU while idle, as % of one core, for all of Chromium's processes and the
 * renderer's main thread. Steward's main alone is measured apart (idle-main.ts), since with the
 * page open this process also runs Playwright carrying IPC, which costs far more than Electron's IPC.
 */
import { performance } from 'node:perf_hooks';
import type { CDPSession, Page } from 'playwright-core';
import type { KeyPair } from '../../core/signing/keys';
import type { ChildSandbox } from '../lib/child-sandbox';
import { pollsMade, waitForRows } from '../lib/page';
import { TICKS_PER_SECOND, treeTicks } from '../lib/process-tree-cpu';
import { openBenchSession } from '../lib/session';
import { round } from '../lib/stats';
import { sleep, waitFor } from '../lib/wait';
import { measureScroll, type ScrollFigures } from './scroll';

export interface CpuFigures {
  fleet: number;
  seconds: number;
  pollIntervalMs: number;
  /** % of one core. Steward's main alone (service, fleet worker, live feed; no page attached). */
  mainPercent: number;
  /** Of mainPercent, main's thread alone (the rest: the fleet worker, V8's and libuv's helpers). */
  mainThreadPercent: number;
  /** The pace main settled at while measured alone: `live` (a poll a minute) or `polling`. */
  mainPace: string;
  /** This process while the page was attached: main plus Playwright carrying IPC (Electron's IPC costs far less). */
  mainWithPlaywrightPercent: number;
  /** The renderer's main thread: all tasks (script, style, layout, GC, IPC), and script alone. */
  rendererPercent: number;
  rendererScriptPercent: number;
  /** Every Chromium process (browser, renderer, GPU, utilities). */
  chromiumPercent: number;
  /**
   * The same, for as long, with another window in front of Steward's (the steward working
   * elsewhere, Steward still in sight): the screen is redrawn every 30 s, not every second.
   * Measured at 1,000 droplets only (null otherwise).
   */
  background: { rendererPercent: number; rendererScriptPercent: number; chromiumPercent: number } | null;
  /** The floor: the same Chromium, just after, showing a blank page for as long. */
  floorChromiumPercent: number;
}

interface IdleWindow {
  rendererPercent: number;
  rendererScriptPercent: number;
  chromiumPercent: number;
  /** This process (main plus Playwright carrying IPC). */
  thisProcessPercent: number;
  seconds: number;
}

/** CPU of the renderer's main thread, of every Chromium process and of this process over `idleSeconds`. */
async function idleWindow(cdp: CDPSession, orchestratorPid: number, idleSeconds: number): Promise<IdleWindow> {
  const usage0 = process.cpuUsage();
  const renderer0 = await rendererSeconds(cdp);
  const tree0 = treeTicks(process.pid, orchestratorPid);
  const t0 = performance.now();
  await sleep(idleSeconds * 1000);
  const wall = (performance.now() - t0) / 1000;
  const usage = process.cpuUsage(usage0);
  const renderer1 = await rendererSeconds(cdp);
  const tree = (treeTicks(process.pid, orchestratorPid) - tree0) / TICKS_PER_SECOND;
  const percent = (seconds: number) => round((seconds / wall) * 100, 2);
  return {
    rendererPercent: percent(renderer1.task - renderer0.task),
    rendererScriptPercent: percent(renderer1.script - renderer0.script),
    chromiumPercent: percent(tree),
    thisProcessPercent: percent((usage.user + usage.system) / 1e6),
    seconds: round(wall, 0),
  };
}

/**
 * Another window takes the focus, as when the steward works in another app with Steward in
 * sight: a blank page brought to the front. Steward's window gets a real blur (Playwright's
 * focus emulation, which keeps every page focused, is turned off first) and stays visible.
 */
async function putAnotherWindowInFront(s: { page: Page; cdp: CDPSession }): Promise<void> {
  await s.cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const front = await s.page.context().newPage();
  await front.bringToFront();
  await waitFor('Steward in the background', async () => (await s.page.getByTestId('background-refresh').count()) > 0, 5_000, 100);
  const state = await s.page.evaluate(() => ({ focused: document.hasFocus(), visibility: document.visibilityState }));
  if (state.focused || state.visibility !== 'visible') throw new Error(`Steward's window should be seen without the focus, but is ${JSON.stringify(state)}`);
}

/** Seconds the renderer's main thread has spent on tasks, and on script within them. */
async function rendererSeconds(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

/**
 * What Chromium costs showing nothing: the same browser, a blank page, for as long as Steward's
 * idle was measured. Steward's page is left first and its renderer given time to go, so only
 * the blank page's processes are counted.
 */
async function blankPageFloor(s: { page: Page; cdp: CDPSession }, orchestratorPid: number, idleSeconds: number): Promise<number> {
  await s.page.goto('about:blank');
  await sleep(3_000);
  return Math.max(0, (await idleWindow(s.cdp, orchestratorPid, idleSeconds)).chromiumPercent);
}

/**
 * Scrolling (when asked), then idling for `idleSeconds` in front, then (when asked) as long in
 * the background; `mainPercent` is left for idle-main.ts to fill in.
 */
export async function measureScrollAndIdleCpu(chromiumPath: string, orchestrator: ChildSandbox, key: KeyPair, fleet: number, scrolling: boolean, idleSeconds: number, inBackground = false): Promise<{ scroll: ScrollFigures | null; cpu: CpuFigures }> {
  const pollIntervalMs = 10_000;
  const s = await openBenchSession(chromiumPath, orchestrator.url, key, { pollIntervalMs });
  try {
    await waitForRows(s.page, fleet);
    await s.cdp.send('Performance.enable');
    // Scroll just after a poll has landed (and its history is written), so no poll falls into
    // the 4.5 s of scrolling; pushed status changes still may, as they would for a steward.
    const before = await pollsMade(s.page);
    // At the live pace (the feed delivering) the next poll may be a minute away.
    await waitFor('a poll', async () => (await pollsMade(s.page)) > before, 65_000, 100);
    await sleep(2_000);
    const scroll = scrolling ? await measureScroll(s) : null;
    await sleep(2_000);
    const front = await idleWindow(s.cdp, orchestrator.pid, idleSeconds);
    let background: CpuFigures['background'] = null;
    if (inBackground) {
      await putAnotherWindowInFront(s);
      // The blur's own frame, and a tick already due, pass first.
      await sleep(2_000);
      const w = await idleWindow(s.cdp, orchestrator.pid, idleSeconds);
      background = { rendererPercent: w.rendererPercent, rendererScriptPercent: w.rendererScriptPercent, chromiumPercent: w.chromiumPercent };
    }
    // With the other window still open (when there is one), so the floor counts it too.
    const floorChromiumPercent = await blankPageFloor(s, orchestrator.pid, idleSeconds);
    const cpu: CpuFigures = {
      fleet,
      seconds: front.seconds,
      pollIntervalMs,
      mainPercent: NaN,
      mainThreadPercent: NaN,
      mainPace: '',
      mainWithPlaywrightPercent: front.thisProcessPercent,
      rendererPercent: front.rendererPercent,
      rendererScriptPercent: front.rendererScriptPercent,
      chromiumPercent: front.chromiumPercent,
      background,
      floorChromiumPercent,
    };
    return { scroll, cpu };
  } finally {
    await s.close();
  }
}
