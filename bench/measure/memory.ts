/**
 * Memory of main and of the page after an hour at 10,000 droplets (issue 16 asks for it beside
 * the targets; it has no target). Measured at start (fleet loaded, a few polls in) and after
 * "an hour", each after a forced GC, the least of three readings 300 ms apart (settled below):
 * - main: process.memoryUsage() heapUsed and RSS of this process after `gc()` (exposed at run
 *   time through v8.setFlagsFromString, since the bench runs under tsx without --expose-gc).
 *   This process is main as the bench runs it (app controller, service, fleet worker thread)
 *   but also Playwright's client carrying IPC, so the absolute figures include the bench's own
 *   (`baselineMB`: this process before the session opened); the growth is Steward's and
 *   whatever Playwright's client keeps across calls. RSS includes the fleet worker thread's
 *   heap and memory the allocator keeps after GC, heapUsed neither;
 * - the page: CDP Performance.getMetrics JSHeapUsedSize after HeapProfiler.collectGarbage.
 *
 * "An hour", compressed 15x into 4 minutes: the sandbox's droplets beat every 4 s instead of
 * every 60 s, so in 240 s each beating droplet beats 60 times, an hour's beats. The window
 * polls as fast as it can (a 1 s interval after each poll; at 10,000 a poll takes seconds under
 * load), live feed on, so nearly every beat is seen and recorded into main's history, as when
 * the app polls every 10 s: up to 600,000 samples (fewer: every 12th droplet falls silent, and
 * a beat that falls between two slow polls is not recorded; `samples` counts what was, from the
 * history file's samples stamped within the hour). At the live pace (a poll a minute) more beats fall between polls, so
 * this is an hour's upper bound. The polls made are reported; a poll keeps nothing but its
 * beats. The live feed's pushes follow the beats (flapping droplets' errors), so they are an
 * hour's too; its pings and the sandbox's liveness sweep keep real time (silent droplets time
 * out after 90 s, once each, as in an hour). The profile does not probe droplets' own routes
 * (a 10,000 fleet is a real Orchestrator's; session.ts). "Start" already holds the beats recorded while the
 * fleet loaded (`samplesAtStart`, about a compressed quarter hour's), so the growth per hour is
 * end minus start, and `heapBytesPerSample` divides it by the hour's samples.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CDPSession } from 'playwright-core';
import { HISTORY_FILE } from '../../core/app/service';
import type { KeyPair } from '../../core/signing/keys';
import { startChildSandbox } from '../lib/child-sandbox';
import { pollsMade, waitForRows } from '../lib/page';
import { openBenchSession } from '../lib/session';
import { round } from '../lib/stats';
import { benchTempDir } from '../lib/temp-dirs';
import { log, sleep, waitFor } from '../lib/wait';

export const MEMORY_FLEET = 10_000;
/** 60 s beats compressed to this: a beat period must stay above SAME_BEAT_MS (2 s) with jitter and the simulator's 1 s tick. */
const BEAT_SECONDS = 4;
const BEATS_AN_HOUR = 60;
/**
 * Faster than the beats, so every beat is seen: at 10,000 a poll (reading and painting 4 MB)
 * takes seconds under load, so the window polls as fast as it can rather than twice a beat.
 */
const POLL_INTERVAL_MS = 1_000;

export interface MemoryFigures {
  fleet: number;
  /** What stood in for an hour, in words. */
  hour: string;
  /** Real seconds the compressed hour took. */
  seconds: number;
  polls: number;
  /** Status changes the live feed pushed to main over the hour. */
  pushes: number;
  /** History samples main held at start: recorded while the fleet loaded and warmed up. */
  samplesAtStart: number;
  /** History samples main recorded over the hour. */
  samples: number;
  /** Main's heap growth over the hour per sample recorded in it. */
  heapBytesPerSample: number;
  /** How main's GC was forced. */
  gc: string;
  main: { baselineMB: MemoryPoint; startMB: MemoryPoint; endMB: MemoryPoint; growthPerHourMB: MemoryPoint };
  /** The page's JS heap used, MB. */
  page: { startMB: number; endMB: number; growthPerHourMB: number };
}

export interface MemoryPoint {
  heapUsed: number;
  rss: number;
  /** Memory outside the JS heap the process holds through it (Buffers, array buffers). */
  external: number;
}

const MB = 1024 * 1024;

/** `gc()` without --expose-gc on the command line: the flag set now, then a fresh context's global. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function mainMemory(gc: () => void): MemoryPoint {
  // Twice: the first pass may only queue finalizers that free more on the second.
  gc();
  gc();
  const { heapUsed, rss, external } = process.memoryUsage();
  return { heapUsed: round(heapUsed / MB), rss: round(rss / MB), external: round(external / MB) };
}

async function pageHeapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
  if (!used) throw new Error('Performance.getMetrics gave no JSHeapUsedSize');
  return round(used.value / MB);
}

/**
 * Samples in the history file stamped before `fromMs` and within [fromMs, toMs), read line by
 * line (the file is ~100 MB). A line is [dropletId, epochMs, ...] (history-file.ts); the header is not.
 */
async function samplesStamped(file: string, fromMs: number, toMs: number): Promise<{ before: number; within: number }> {
  const n = { before: 0, within: 0 };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.startsWith('[')) continue;
    const comma = line.indexOf(',');
    const at = Number(line.slice(comma + 1, line.indexOf(',', comma + 1)));
    if (at < fromMs) n.before += 1;
    else if (at < toMs) n.within += 1;
  }
  return n;
}

/**
 * The least of three readings 300 ms apart: a poll in flight holds its answer (at 10,000 the
 * parsed list is tens of MB on either side) and is not what the hour left behind.
 */
async function settled<T>(read: () => Promise<T>, size: (t: T) => number): Promise<T> {
  let least = await read();
  for (let i = 0; i < 2; i += 1) {
    await sleep(300);
    const next = await read();
    if (size(next) < size(least)) least = next;
  }
  return least;
}

const diff = (a: MemoryPoint, b: MemoryPoint): MemoryPoint => ({ heapUsed: round(b.heapUsed - a.heapUsed), rss: round(b.rss - a.rss), external: round(b.external - a.external) });

export async function measureMemory(chromiumPath: string, key: KeyPair): Promise<MemoryFigures> {
  const gc = exposedGc();
  const baseline = mainMemory(gc);
  const orchestrator = await startChildSandbox({ fleet: MEMORY_FLEET, seed: 42, publicKeyPem: key.publicKeyPem, beatSeconds: BEAT_SECONDS });
  try {
    const serviceDataDir = benchTempDir();
    const s = await openBenchSession(chromiumPath, orchestrator.url, key, { pollIntervalMs: POLL_INTERVAL_MS, livePollIntervalMs: POLL_INTERVAL_MS, serviceDataDir });
    try {
      await s.cdp.send('Performance.enable');
      await waitForRows(s.page, MEMORY_FLEET);
      await waitFor('3 polls', async () => (await pollsMade(s.page)) >= 3, 60_000, 200);
      let pushes = 0;
      const off = s.controller.onEvent((name) => {
        if (name === 'statusChanged') pushes += 1;
      });
      const measure = async () => ({
        main: await settled(async () => mainMemory(gc), (m) => m.heapUsed),
        page: await settled(() => pageHeapMB(s.cdp), (mb) => mb),
      });
      const start = await measure();
      const fromPolls = await pollsMade(s.page);
      const began = Date.now();
      for (let minute = 10; minute <= BEATS_AN_HOUR; minute += 10) {
        await sleep(began + minute * BEAT_SECONDS * 1000 - Date.now());
        log(`memory: ${minute} of ${BEATS_AN_HOUR} compressed minutes`);
      }
      const seconds = round((Date.now() - began) / 1000, 0);
      const polls = (await pollsMade(s.page)) - fromPolls;
      off();
      const ended = Date.now();
      const end = await measure();
      // The history reaches its file within its flush delay (2 s); count the hour's once it has.
      await sleep(3_000);
      const samples = await samplesStamped(join(serviceDataDir, HISTORY_FILE), began, ended);
      return {
        fleet: MEMORY_FLEET,
        hour: `${BEATS_AN_HOUR} beats a droplet every ${BEAT_SECONDS} s (60 s compressed ${60 / BEAT_SECONDS}x), a poll 1 s after the last, live feed on`,
        seconds,
        polls,
        pushes,
        samplesAtStart: samples.before,
        samples: samples.within,
        heapBytesPerSample: Math.round(((end.main.heapUsed - start.main.heapUsed) * MB) / Math.max(1, samples.within)),
        gc: 'gc() twice (v8.setFlagsFromString --expose-gc), then process.memoryUsage()',
        main: { baselineMB: baseline, startMB: start.main, endMB: end.main, growthPerHourMB: diff(start.main, end.main) },
        page: { startMB: start.page, endMB: end.page, growthPerHourMB: round(end.page - start.page) },
      };
    } finally {
      await s.close();
    }
  } finally {
    await orchestrator.close();
  }
}
