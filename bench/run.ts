/**
 * `npm run bench`: how fast Steward is with fleets of 100, 1,000 and 10,000 droplets, in
 * headless Chromium with the built renderer and the real main-process service (the shared
 * test harness's page, test/support/steward-page.ts, with a preload stand-in). The sandbox
 * Orchestrator runs in a child process so its work is not counted as Steward's. Prints a table,
 * then, as its last line, one JSON object with every figure (lib/report.ts; targets in
 * lib/targets.ts). One module a measurement, in measure/:
 *
 * Figures (ms unless named otherwise):
 * - poll to paint (poll-to-paint.ts): the fleet answer reaching the page -> the first React
 *   commit after it -> the animation frame after the last commit it caused (median, p95 of 40
 *   polls at 10,000). Commits run from timers set before the answer arrived (the clock's tick,
 *   a batch of pushed changes) are not the answer's and do not stretch it (until 2026-11-27
 *   10:40 they did, which put every poll that fell near a tick into the tail);
 * - main per poll (main-per-poll.ts): service.dispatch('listDroplets') against real answers
 *   taken 10 s apart (no network), as the app runs it (decoding in the built worker thread):
 *   main's thread busy (event loop active time plus serialising the answer for IPC, as Electron
 *   does on main), the CPU of all threads, the parts (the decode pipeline's own stage times
 *   from the built worker: parse, tolerant reading with clock correction, change tracking with
 *   beat extraction; then the IPC copy), the droplets changed per poll and the bytes crossing IPC;
 * - rows re-rendered per poll, split into rows whose droplet showed something new, rows that
 *   moved, and unexplained ones (wasted renders);
 * - scrolling the 10,000-row table (scroll.ts): frames slower than 20 ms;
 * - charts (charts.ts): a history answer reaching the page -> charts painted, for 1 h, 24 h and 7 days;
 * - renderer heap (heap.ts, after GC) before and after 360 accelerated polls;
 * - memory after an hour at 10,000 (memory.ts, no target): main's heap and RSS and the page's
 *   JS heap, after GC, at start and after an hour compressed into 4 minutes (the sandbox's
 *   droplets beat every 4 s); with the 10,000 fleet unless BENCH_MEMORY=0;
 * - CPU while idle-polling every 10 s for 60 s, as % of one core (idle-cpu.ts): all of
 *   Chromium's processes and the renderer's main thread with the page open; then Steward's
 *   main alone (idle-main.ts: service, fleet worker, live feed, in a child process of its own
 *   after 30 s of settling, for at least five polls at the pace main judges; the whole
 *   process, and of it main's thread), driven as the renderer drives it, since with the
 *   page open this process also runs Playwright carrying IPC, which costs far more than
 *   Electron's IPC. At 1,000 also as long with another window in front of Steward's (the
 *   window in the background, redrawn every 30 s), which the idle target judges, and a blank
 *   page in the same Chromium for as long (the floor).
 *
 * - launch to fleet (launch.ts): main's start -> first rows painted on the embedded default;
 * - the CLI's start (cli-startup.ts): `steward --help` against `node -e 0`, wall time, median;
 * - the attention engine (attention.ts): its cost per delta poll at 10,000 droplets, median.
 * - probing (probe.ts): 1,000 droplets' own routes probed every 60 s, per round: main's thread
 *   CPU time (/proc, judged by probeCpu), event-loop active time, and this process's CPU time
 *   with every thread (process.cpuUsage); CPU time, so machine load does not inflate it;
 * - poll to paint while probing (probe-paint.ts): 1,000 droplets polled every second in the
 *   page while the embedded profile probes them, over the second probe round, p95.
 *
 * BENCH_FLEETS=100,1000 runs part of it (while working on the bench), BENCH_FLEETS=none only
 * the charts; the default is all three. BENCH_IDLE_SECONDS shortens the idle measurements;
 * BENCH_MEMORY=0 leaves out the memory hour (4 minutes).
 */
import { performance } from 'node:perf_hooks';
import { generateKeyPair } from '../core/signing/keys';
import { findChromium } from '../test/support/chromium';
import { startChildSandbox } from './lib/child-sandbox';
import type { BenchFigures } from './lib/figures';
import { BIG_FLEET } from './lib/fleet-sizes';
import { machine } from './lib/machine';
import { waitForRows } from './lib/page';
import { report } from './lib/report';
import { openBenchSession } from './lib/session';
import { round } from './lib/stats';
import { judgeTargets } from './lib/targets';
import { removeBenchTempDirs } from './lib/temp-dirs';
import { log } from './lib/wait';
import { measureCharts } from './measure/charts';
import { measureCliStartup } from './measure/cli-startup';
import { measureAttention } from './measure/attention';
import { measureLaunch } from './measure/launch';
import { HEAP_FLEET, HEAP_POLLS, measureHeap } from './measure/heap';
import { measureScrollAndIdleCpu } from './measure/idle-cpu';
import { measureIdleMain } from './measure/idle-main';
import { measureMain } from './measure/main-per-poll';
import { MEMORY_FLEET, measureMemory, type MemoryFigures } from './measure/memory';
import { measurePollToPaint } from './measure/poll-to-paint';
import { measureProbes } from './measure/probe';
import { measurePaintWhileProbing } from './measure/probe-paint';

const FLEETS: readonly number[] = (process.env.BENCH_FLEETS ?? '100,1000,10000').split(',').filter((f) => f !== 'none').map(Number);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const MEMORY_HOUR = process.env.BENCH_MEMORY !== '0' && FLEETS.includes(MEMORY_FLEET);

async function main(): Promise<void> {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('No Chromium found (set CHROMIUM_PATH).');
  const started = performance.now();
  const key = generateKeyPair('ES256');
  const f: Omit<BenchFigures, 'charts' | 'cli' | 'launch' | 'attention' | 'probe' | 'probePaint' | 'memory'> = { fleets: FLEETS, main: [], paint: [], scroll: null, heap: null, idle: [] };
  let chromiumVersion = 'unknown';

  for (const fleet of FLEETS) {
    log(`fleet of ${fleet}: starting the sandbox`);
    const orchestrator = await startChildSandbox({ fleet, seed: 42, publicKeyPem: key.publicKeyPem });
    try {
      log(`fleet of ${fleet}: main process per poll`);
      f.main.push(await measureMain(orchestrator.url, key, fleet));
      log(`fleet of ${fleet}: poll to paint`);
      const pollIntervalMs = fleet >= BIG_FLEET ? 2_000 : 500;
      // Poll to paint needs polls: the live feed must not slow them to a minute here.
      const s = await openBenchSession(chromiumPath, orchestrator.url, key, { pollIntervalMs, livePollIntervalMs: pollIntervalMs });
      try {
        chromiumVersion = s.steward.browser.version();
        await waitForRows(s.page, fleet);
        f.paint.push(await measurePollToPaint(s, fleet));
      } finally {
        await s.close();
      }
      if (fleet === HEAP_FLEET) {
        log(`renderer heap over ${HEAP_POLLS} polls of ${fleet}`);
        f.heap = await measureHeap(chromiumPath, orchestrator.url, key, fleet);
      }
      if (fleet === BIG_FLEET || fleet === HEAP_FLEET) {
        // The idle target is judged at 1,000 with the window in the background (idle-cpu.ts).
        const background = fleet === 1_000;
        log(`${fleet === BIG_FLEET ? 'scrolling the 10,000-row table, then ' : ''}CPU while idle-polling every 10 s for ${IDLE_SECONDS} s${background ? ', then as long in the background' : ''}`);
        const measured = await measureScrollAndIdleCpu(chromiumPath, orchestrator, key, fleet, fleet === BIG_FLEET, IDLE_SECONDS, background);
        log(`CPU of Steward's main alone while idle-polling every 10 s for ${IDLE_SECONDS} s`);
        const alone = await measureIdleMain(orchestrator.url, key, IDLE_SECONDS, measured.cpu.pollIntervalMs);
        measured.cpu.mainPercent = alone.percent;
        measured.cpu.mainThreadPercent = alone.mainThreadPercent;
        measured.cpu.mainPace = `${alone.pace.mode}, a poll every ${alone.pace.intervalMs / 1000} s`;
        f.idle.push(measured.cpu);
        if (fleet === BIG_FLEET) f.scroll = measured.scroll;
      }
    } finally {
      await orchestrator.close();
    }
  }
  let memory: MemoryFigures | null = null;
  if (MEMORY_HOUR) {
    log(`memory of main and the page over an hour of ${MEMORY_FLEET} droplets, compressed`);
    memory = await measureMemory(chromiumPath, key);
  }
  log('charts');
  const charts = await measureCharts(chromiumPath, key);
  log('launch to fleet');
  const launch = await measureLaunch(chromiumPath);
  log('probing 1,000 droplets');
  const probe = await measureProbes(1_000);
  log('poll to paint while probing 1,000 droplets');
  const probePaint = await measurePaintWhileProbing(chromiumPath, key);
  log('CLI start-up');
  const cli = measureCliStartup();
  log('attention engine');
  const figures: BenchFigures = { ...f, charts, launch, probe, probePaint, cli, memory, attention: await measureAttention() };
  log('done');
  removeBenchTempDirs();

  const host = machine(chromiumVersion);
  process.stdout.write(report(figures, host, judgeTargets(figures), round((performance.now() - started) / 1000, 0)));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
