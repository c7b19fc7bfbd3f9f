/**
 * `npm run bench`: how fast Steward is with fleets of 100, 1,000 and 10,000 droplets, in
 * headless Chromium with the built renderer and the real main-process service (the e2e
 * harness's page, with a preload stand-in). The sandbox Orchestrator runs in a child process
 * so its work is not counted as Steward's. Prints a table, then, as its last line, one JSON
 * object with every figure.
 *
 * Figures (ms unless named otherwise):
 * - poll to paint: the fleet answer reaching the page -> the first React commit after it ->
 *   the animation frame after the last commit it caused (median, p95 of 40 polls at 10,000).
 *   Commits run from timers set before the answer arrived (the clock's tick, a batch of pushed
 *   changes) are not the answer's and do not stretch it (until 2026-11-27 10:40 they did, which
 *   put every poll that fell near a tick into the tail);
 * - main per poll: service.dispatch('listDroplets') against real answers taken 10 s apart
 *   (no network), as the app runs it (decoding in the built worker thread): main's thread busy
 *   (event loop active time plus serialising the answer for IPC, as Electron does on main), the CPU of all threads, the parts
 *   (JSON parse, tolerant reading, change tracking, copy), the droplets changed
 *   per poll and the bytes crossing IPC;
 * - rows re-rendered per poll, split into rows whose droplet showed something new, rows that
 *   moved, and unexplained ones (wasted renders);
 * - scrolling the 10,000-row table: frames slower than 20 ms;
 * - charts: a history answer reaching the page -> charts painted, for 1 h, 24 h and 7 days;
 * - renderer heap (after GC) before and after 360 accelerated polls;
 * - CPU while idle-polling every 10 s for 60 s, as % of one core: all of Chromium's processes
 *   and the renderer's main thread with the page open; then Steward's main alone (service,
 *   fleet worker, live feed), driven as the renderer drives it, since with the page open this
 *   process also runs Playwright carrying IPC, which costs far more than Electron's IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { createAppController, type AppController } from '../core/app/app-controller';
import { MetricHistory } from '../core/history/metric-history';
import type { SecretCipher } from '../core/profiles/key-vault';
import { generateKeyPair, type KeyPair } from '../core/signing/keys';
import { createStewardService, HISTORY_FILE, type ServiceConfig, type StewardService } from '../core/app/service';
import { createSigner } from '../core/signing/signer';
import type { Sample } from '../shared/model';
import type { FleetUpdate } from '../shared/fleet-update';
import { SentCopies } from '../core/fleet/sent-copies';
import { Y_AXIS_WIDTH } from '../renderer/src/views/charts/plot';
import { chartSeriesAll, samplesSince } from '../renderer/src/views/charts/series';
import { readDropletList } from '../shared/udc';
import type { SandboxOptions } from '../sandbox';
import { findChromium } from '../test/e2e/chromium';
import { builtFleetWorker, openStewardPage, type StewardPage } from '../test/e2e/steward-page';
import { PROBE_SCRIPT, type TimedAnswer } from './page-probe';

/** BENCH_FLEETS=100,1000 runs part of it (while working on the bench), BENCH_FLEETS=none only the charts; the default is all three. */
const FLEETS: readonly number[] = (process.env.BENCH_FLEETS ?? '100,1000,10000').split(',').filter((f) => f !== 'none').map(Number);
const BIG = 10_000;
const HEAP_FLEET = 1_000;
const HEAP_POLLS = 360;
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const CHART_DROPLETS = [100, 101, 102, 103, 104];
const DAY_MS = 24 * 3_600_000;

const TARGETS = {
  pollToPaintP95Ms: 50,
  mainPerPollMs: 20,
  droppedFrames: 0,
  chart7dMs: 16,
  idleCpuPercent: 1,
};

// ---------------------------------------------------------------------------------------------
// Small tools

function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i]!;
}

const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const benchStart = performance.now();
function log(line: string): void {
  process.stderr.write(`bench [${Math.round((performance.now() - benchStart) / 1000)} s]: ${line}\n`);
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// The Orchestrator, in a child process

interface ChildSandbox {
  url: string;
  pid: number;
  close(): Promise<void>;
}

function startChildSandbox(opts: SandboxOptions): Promise<ChildSandbox> {
  const script = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));
  const child: ChildProcess = fork(script, [JSON.stringify({ port: 0, ...opts })], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
    child.once('message', (m: { url: string }) => {
      resolve({
        url: m.url,
        pid: child.pid ?? -1,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send({ close: true });
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Steward: the service, and the page over it

const dirs: string[] = [];

async function stewardService(url: string, key: KeyPair, over: Partial<ServiceConfig> = {}): Promise<StewardService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  dirs.push(dataDir);
  return createStewardService({
    profileName: 'bench',
    orchestratorUrl: url,
    dialect: 'guide',
    identityDropletId: 1,
    steward: 'bench',
    privateKeyPem: key.privateKeyPem,
    pollIntervalMs: 1_000,
    dataDir,
    embeddedSandbox: false,
    appVersion: 'bench',
    ...over,
  });
}

interface Session {
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

interface SessionOptions {
  pollIntervalMs: number;
  liveUpdates?: boolean;
  /** The profile's service keeps its history (and log) here instead. */
  serviceDataDir?: string;
}

/** The app's main process as Electron runs it (app controller, embedded profile) and the renderer over it. */
async function openBenchSession(chromiumPath: string, url: string, key: KeyPair, opts: SessionOptions): Promise<Session> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  dirs.push(dataDir);
  const serviceDataDir = opts.serviceDataDir;
  const controller = await createAppController({
    dataDir,
    appVersion: 'bench',
    embedded: { orchestratorUrl: url, privateKeyPem: key.privateKeyPem, dialect: 'guide' },
    cipher: BENCH_CIPHER,
    serviceExtras: { fleetWorkerFile: builtFleetWorker(), ...(opts.liveUpdates === undefined ? {} : { liveUpdates: opts.liveUpdates }) },
    // Profiles poll every 2 s at the fastest; the bench accelerates time by polling faster.
    createService: (config) => createStewardService({ ...config, pollIntervalMs: opts.pollIntervalMs, ...(serviceDataDir ? { dataDir: serviceDataDir } : {}) }),
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

const evaluate = <T>(page: Page, js: string): Promise<T> => page.evaluate(js) as Promise<T>;

async function waitForRows(page: Page, count: number): Promise<void> {
  const visible = Math.min(count, 15);
  await waitFor(`the table's rows`, async () => (await evaluate<number>(page, "document.querySelectorAll('[data-droplet-id]').length")) >= visible, 90_000, 250);
}

/** Timed answers of `method`, once `n` have arrived (the first `skip` are warm-up). */
async function collectAnswers(page: Page, method: string, n: number, timeoutMs: number, countRows = false): Promise<TimedAnswer[]> {
  await evaluate(page, `(() => { const B = window.__bench; B.answers = []; B.dropped = 0; B.countRows = ${countRows}; B.armFor = ${JSON.stringify(method)}; })()`);
  await waitFor(`${n} timed ${method} answers`, async () => (await evaluate<number>(page, 'window.__bench.answers.length')) >= n, timeoutMs, 200);
  await sleep(50); // the last one's row accounting runs just after its frame
  return evaluate<TimedAnswer[]>(page, '(() => { const B = window.__bench; B.armFor = null; B.countRows = false; return B.answers.map((a) => ({ ...a })); })()');
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface MainFigures {
  fleet: number;
  /** Main's thread busy per poll (event loop active time, as the app's IPC handler runs it) plus serialising the answer for IPC. */
  mainThreadMedianMs: number;
  mainThreadP95Ms: number;
  /** CPU per poll of the whole process, the decoding worker thread included. */
  cpuMedianMs: number;
  /** One poll's parts, medians: JSON.parse, tolerant reading, change tracking (in the worker), serialising the delta for IPC (main). */
  parseMs: number;
  readMs: number;
  diffMs: number;
  cloneMs: number;
  /** Droplets in a poll's answer (changed since the last), median. */
  changedMedian: number;
  /** service.dispatch against the real (child) sandbox: includes its list building and the network. */
  withNetworkMedianMs: number;
  ipcBytes: number;
  answerBytes: number;
}

/** Bodies of GET /droplets `spacingMs` apart, as successive polls see them. */
async function fleetAnswers(url: string, key: KeyPair, count: number, spacingMs: number): Promise<string[]> {
  const token = await createSigner({ privateKeyPem: key.privateKeyPem }).tokenFor(1);
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(spacingMs);
    bodies.push(await (await fetch(`${url}/droplets`, { headers: { authorization: `Bearer ${token}` } })).text());
  }
  return bodies;
}

/**
 * Main per poll, against real answers taken 10 s apart (the default poll interval), replayed
 * forwards and backwards so each poll sees one interval's changes; the renderer's side is
 * played by passing each answer's sync back, as useFleet does.
 */
async function measureMain(url: string, key: KeyPair, fleet: number): Promise<MainFigures> {
  const bodies = await fleetAnswers(url, key, 4, 10_000);
  const order = [0, 1, 2, 3, 2, 1]; // 0 1 2 3 2 1 0 1 ...: every step is one interval apart

  const real = await stewardService(url, key, { liveUpdates: false, fleetWorkerFile: builtFleetWorker() });
  const withNetwork: number[] = [];
  let since: FleetUpdate['sync'] | undefined;
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const r = await real.dispatch('listDroplets', since ? { since } : {});
    if (r.ok) since = (r.value as FleetUpdate).sync;
    if (i >= 2) withNetwork.push(performance.now() - t);
  }
  await real.close();

  let served = 0;
  // Bytes, as they come off the network: encoding a 4 MB string per poll is the bench's work, not Steward's.
  const encoded = bodies.map((b) => new TextEncoder().encode(b));
  const canned = await stewardService(url, key, {
    liveUpdates: false,
    fleetWorkerFile: builtFleetWorker(),
    fetch: async () => new Response(encoded[order[served++ % order.length]!]!, { status: 200, headers: { 'content-type': 'application/json', date: new Date().toUTCString() } }),
  });
  const mainThread: number[] = [];
  const cpu: number[] = [];
  const changed: number[] = [];
  const updates: FleetUpdate[] = [];
  since = undefined;
  const runs = fleet >= BIG ? 24 : 36;
  for (let i = 0; i < runs + 6; i++) {
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const r = await canned.dispatch('listDroplets', since ? { since } : {});
    const elu = performance.eventLoopUtilization(elu0);
    const used = process.cpuUsage(cpu0);
    if (!r.ok) throw new Error(`listDroplets failed: ${r.error.message}`);
    const update = r.value as FleetUpdate;
    since = update.sync;
    // Electron serialises the answer for the renderer on main's thread (V8's serializer; the
    // renderer deserialises it on its own thread).
    const t = performance.now();
    serialize(update);
    const clone = performance.now() - t;
    if (i < 6) continue; // the first answer is the whole list; then warm-up
    mainThread.push(elu.active + clone);
    cpu.push((used.user + used.system) / 1000 + clone);
    changed.push(update.droplets.length + update.patches.length);
    updates.push(update);
  }
  await canned.close();

  // The same work inline, part by part, for the breakdown.
  const parts = { parse: [] as number[], read: [] as number[], diff: [] as number[], clone: [] as number[] };
  const sync = new SentCopies();
  let held: FleetUpdate['sync'] | undefined;
  for (let i = 0; i < 12; i++) {
    let t = performance.now();
    const json: unknown = JSON.parse(bodies[order[i % order.length]!]!);
    parts.parse.push(performance.now() - t);
    t = performance.now();
    const list = readDropletList(json);
    parts.read.push(performance.now() - t);
    t = performance.now();
    const diff = sync.diff('bench', list.droplets, held);
    held = diff.sync;
    parts.diff.push(performance.now() - t);
    const update: FleetUpdate = { ...diff, total: list.total, unreadable: list.unreadable, fetchedAt: new Date().toISOString(), clockOffsetMs: 0, dialect: list.dialect, traceId: null };
    t = performance.now();
    serialize(update);
    parts.clone.push(performance.now() - t);
  }
  const tail = (xs: number[]) => xs.slice(2);
  return {
    fleet,
    mainThreadMedianMs: round(median(mainThread)),
    mainThreadP95Ms: round(quantile(mainThread, 0.95)),
    cpuMedianMs: round(median(cpu)),
    parseMs: round(median(tail(parts.parse))),
    readMs: round(median(tail(parts.read))),
    diffMs: round(median(tail(parts.diff))),
    cloneMs: round(median(tail(parts.clone))),
    changedMedian: median(changed),
    withNetworkMedianMs: round(median(withNetwork)),
    ipcBytes: Math.round(median(updates.map((u) => JSON.stringify(u).length))),
    answerBytes: Buffer.byteLength(bodies[0]!),
  };
}

interface PaintFigures {
  fleet: number;
  polls: number;
  medianMs: number;
  p95Ms: number;
  /** Answer -> end of the commit (render + commit, plus react-query's notify tick). */
  commitMedianMs: number;
  rows: { visible: number; rerendered: number; changed: number; moved: number; mounted: number; unexplained: number };
}

async function measurePollToPaint(s: Session, fleet: number): Promise<PaintFigures> {
  const polls = fleet >= BIG ? 40 : 20; // enough for a p95 that is not just the worst one or two
  // Warm-up polls first (JIT, first layout), then the timed ones.
  await collectAnswers(s.page, 'listDroplets', 3, 60_000, true);
  const answers = await collectAnswers(s.page, 'listDroplets', polls, 120_000, true);
  const toPaint = answers.map((a) => a.paint - a.t0);
  const toCommit = answers.map((a) => a.commit - a.t0);
  const rows = { visible: 0, rerendered: 0, changed: 0, moved: 0, mounted: 0, unexplained: 0 };
  for (const a of answers) {
    if (!a.rows) continue;
    rows.visible = Math.max(rows.visible, a.rows.visible);
    rows.rerendered += a.rows.rerendered;
    rows.changed += a.rows.changed;
    rows.moved += a.rows.moved;
    rows.mounted += a.rows.mounted;
    rows.unexplained += a.rows.unexplained;
  }
  log(`poll -> commit / paint, ms: ${answers.map((a, i) => `${round(toCommit[i]!)}/${round(toPaint[i]!)}${a.commits > 1 ? ` (${a.commits} commits)` : ''}`).join(' ')}`);
  return { fleet, polls: answers.length, medianMs: round(median(toPaint)), p95Ms: round(quantile(toPaint, 0.95)), commitMedianMs: round(median(toCommit)), rows };
}

interface ScrollFigures {
  frames: number;
  droppedFrames: number;
  medianFrameMs: number;
  worstFrameMs: number;
}

async function measureScroll(s: Session): Promise<ScrollFigures> {
  await evaluate(s.page, 'window.__bench.scroll(500, 90)'); // warm-up
  const { gaps } = await evaluate<{ gaps: number[] }>(s.page, 'window.__bench.scroll(4000, 90)');
  return { frames: gaps.length, droppedFrames: gaps.filter((g) => g > 20).length, medianFrameMs: round(median(gaps)), worstFrameMs: round(Math.max(...gaps)) };
}

interface ChartFigures {
  /** Range switches left out because they fetched (the cached answer had gone stale). */
  refetched: number;
  /** Click on a droplet -> its details and charts painted (IPC included). */
  selectMedianMs: number;
  /** Range switch -> the four charts painted, history already in react-query's cache: the charts' own cost. */
  h1MedianMs: number;
  h24MedianMs: number;
  h24P95Ms: number;
  /** Main: getHistory for 24 h and 7 days (samples, ms, bytes). */
  main24h: { samples: number; ms: number; bytes: number };
  main7d: { samples: number; ms: number; bytes: number };
  /** Data preparation the renderer does per range (sort, window, downsample x4), measured in Node. */
  prep24hMs: number;
  prep7dMs: number;
  /** The 7-day range (10,080 one-minute samples a metric) switched to from cache -> painted. */
  d7MedianMs: number;
  d7P95Ms: number;
}

/** Seven days of one-minute beats for each droplet, ending now, written through MetricHistory itself. */
async function seedHistory(dataDir: string): Promise<void> {
  const history = new MetricHistory({ file: join(dataDir, HISTORY_FILE), flushDelayMs: 0 });
  await history.load();
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  for (const id of CHART_DROPLETS) {
    for (let i = 10_079; i >= 0; i--) {
      const t = end - i * 60_000;
      const wave = Math.sin((t / DAY_MS) * 2 * Math.PI);
      history.record(id, new Date(t).toISOString(), i % 997 === 0 ? 'error' : 'active', {
        cpu_percent: round(40 + 30 * wave + ((i * 7919) % 13), 1),
        memory_mb: 900 + Math.round(200 * wave) + (i % 50),
        requests_last_minute: 800 + ((i * 31) % 200),
        errors_last_minute: i % 97 === 0 ? 3 : 0,
      });
    }
  }
  await history.close();
}

/** What MetricCharts does with a history answer: the window's samples, then the four series. */
function prepMs(samples: Sample[], widthPx: number, rangeMs: number): number {
  const times: number[] = [];
  const end = samples.at(-1)?.t ?? Date.now();
  for (let k = 0; k < 10; k++) {
    const t = performance.now();
    chartSeriesAll(samplesSince(samples, end - rangeMs), widthPx - Y_AXIS_WIDTH);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function measureCharts(chromiumPath: string, key: KeyPair): Promise<ChartFigures> {
  const orchestrator = await startChildSandbox({ fleet: 100, seed: 42, publicKeyPem: key.publicKeyPem });
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-charts-'));
  dirs.push(dataDir);
  await seedHistory(dataDir);
  const s = await openBenchSession(chromiumPath, orchestrator.url, key, { serviceDataDir: dataDir, pollIntervalMs: 10_000 });
  try {
    await waitForRows(s.page, 100);
    const select: number[] = [];
    const h1: number[] = [];
    const h24: number[] = [];
    const d7: number[] = [];
    let refetched = 0;
    interface Clicked {
      clickedAt: number;
      paintedAt: number;
      fetched: boolean;
    }
    const click = (selector: string, text?: string): Promise<Clicked> =>
      evaluate<Clicked>(s.page, `window.__bench.clickUntilCharts(${JSON.stringify(selector)}, ${JSON.stringify(text)})`);
    const took = (c: Clicked) => c.paintedAt - c.clickedAt;
    for (const id of CHART_DROPLETS) {
      select.push(took(await click(`[data-droplet-id="${id}"]`)));
      // Every range fetched once, then each drawn from react-query's cache while still fresh (no
      // refetch): the charts' own cost. A switch that did fetch is not counted.
      const labels = ['1 h', '24 h', '7 d'] as const;
      // Not the range already shown: that click changes nothing and would wait for a refetch.
      const shown = await evaluate<string>(s.page, `document.querySelector('.st-seg__opt[aria-checked="true"]')?.textContent ?? ''`);
      for (const label of labels) if (label !== shown.trim()) await click('.st-seg__opt', label);
      for (const label of labels) {
        const c = await click('.st-seg__opt', label);
        if (c.fetched) refetched++;
        else (label === '24 h' ? h24 : label === '7 d' ? d7 : h1).push(took(c));
      }
    }
    const mainFor = async (rangeMs: number) => {
      const times: number[] = [];
      let samples: Sample[] = [];
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        const r = await s.service.dispatch('getHistory', { id: CHART_DROPLETS[0], sinceMs: Date.now() - rangeMs });
        times.push(performance.now() - t);
        if (!r.ok) throw new Error(r.error.message);
        samples = (r.value as { samples: Sample[] }).samples;
      }
      return { samples, figures: { samples: samples.length, ms: round(median(times.slice(1))), bytes: JSON.stringify({ samples }).length } };
    };
    const day = await mainFor(DAY_MS);
    const week = await mainFor(7 * DAY_MS);
    const chartWidth = 300;
    const prep24hMs = prepMs(day.samples, chartWidth, DAY_MS);
    const prep7dMs = prepMs(week.samples, chartWidth, 7 * DAY_MS);
    const h24Median = median(h24);
    return {
      refetched,
      selectMedianMs: round(median(select)),
      h1MedianMs: round(median(h1)),
      h24MedianMs: round(h24Median),
      h24P95Ms: round(quantile(h24, 0.95)),
      main24h: day.figures,
      main7d: week.figures,
      prep24hMs: round(prep24hMs, 2),
      prep7dMs: round(prep7dMs, 2),
      d7MedianMs: round(median(d7)),
      d7P95Ms: round(quantile(d7, 0.95)),
    };
  } finally {
    await s.close();
    await orchestrator.close();
  }
}

interface HeapFigures {
  fleet: number;
  polls: number;
  startMB: number;
  endMB: number;
  growthMB: number;
}

async function usedHeapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / (1024 * 1024);
}

async function measureHeap(chromiumPath: string, url: string, key: KeyPair, fleet: number): Promise<HeapFigures> {
  // An hour of 10-second polls, as fast as they come: each poll starts once the last one is shown.
  const s = await openBenchSession(chromiumPath, url, key, { pollIntervalMs: 50, liveUpdates: false });
  try {
    await waitForRows(s.page, fleet);
    const polls = () => evaluate<number>(s.page, 'window.__bench.calls.listDroplets || 0');
    await waitFor('10 warm-up polls', async () => (await polls()) >= 10, 60_000, 200);
    const startMB = await usedHeapMB(s.cdp);
    const from = await polls();
    await waitFor(`${HEAP_POLLS} polls`, async () => (await polls()) >= from + HEAP_POLLS, 240_000, 200);
    const endMB = await usedHeapMB(s.cdp);
    return { fleet, polls: HEAP_POLLS, startMB: round(startMB), endMB: round(endMB), growthMB: round(endMB - startMB) };
  } finally {
    await s.close();
  }
}

interface CpuFigures {
  fleet: number;
  seconds: number;
  pollIntervalMs: number;
  /** % of one core. Steward's main alone (service, fleet worker, live feed; no page attached). */
  mainPercent: number;
  /** This process while the page was attached: main plus Playwright carrying IPC (Electron's IPC costs far less). */
  mainWithPlaywrightPercent: number;
  /** The renderer's main thread: all tasks (script, style, layout, GC, IPC), and script alone. */
  rendererPercent: number;
  rendererScriptPercent: number;
  /** Every Chromium process (browser, renderer, GPU, utilities). */
  chromiumPercent: number;
}

/** CPU ticks (user + system, in clock ticks) of a process and all its descendants, but `exclude`. */
function treeTicks(root: number, exclude: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, Number(fields[1]));
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    if (pid === root) continue;
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === exclude) break;
      if (p === root) {
        sum += t;
        break;
      }
    }
  }
  return sum;
}

/** Seconds the renderer's main thread has spent on tasks, and on script within them. */
async function rendererSeconds(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

/** In the app's default set-up (a poll every 10 s, the live feed on): scrolling, then idling. */
async function measureScrollAndIdleCpu(chromiumPath: string, orchestrator: ChildSandbox, key: KeyPair, fleet: number, scrolling: boolean): Promise<{ scroll: ScrollFigures | null; cpu: CpuFigures }> {
  const pollIntervalMs = 10_000;
  const s = await openBenchSession(chromiumPath, orchestrator.url, key, { pollIntervalMs });
  try {
    await waitForRows(s.page, fleet);
    await s.cdp.send('Performance.enable');
    // Scroll just after a poll has landed (and its history is written), so no poll falls into
    // the 4.5 s of scrolling; pushed status changes still may, as they would for a steward.
    const polls = () => evaluate<number>(s.page, 'window.__bench.calls.listDroplets || 0');
    const before = await polls();
    await waitFor('a poll', async () => (await polls()) > before, pollIntervalMs + 5_000, 100);
    await sleep(2_000);
    const scroll = scrolling ? await measureScroll(s) : null;
    await sleep(2_000);
    const ticksPerSecond = 100; // USER_HZ on Linux
    const usage0 = process.cpuUsage();
    const renderer0 = await rendererSeconds(s.cdp);
    const tree0 = treeTicks(process.pid, orchestrator.pid);
    const t0 = performance.now();
    await sleep(IDLE_SECONDS * 1000);
    const wall = (performance.now() - t0) / 1000;
    const usage = process.cpuUsage(usage0);
    const renderer1 = await rendererSeconds(s.cdp);
    const tree = (treeTicks(process.pid, orchestrator.pid) - tree0) / ticksPerSecond;
    const percent = (seconds: number) => round((seconds / wall) * 100, 2);
    const cpu: CpuFigures = {
      fleet,
      seconds: round(wall, 0),
      pollIntervalMs,
      mainPercent: NaN,
      mainWithPlaywrightPercent: percent((usage.user + usage.system) / 1e6),
      rendererPercent: percent(renderer1.task - renderer0.task),
      rendererScriptPercent: percent(renderer1.script - renderer0.script),
      chromiumPercent: percent(tree),
    };
    return { scroll, cpu };
  } finally {
    await s.close();
  }
}

/**
 * Steward's main alone while idle-polling, as the renderer would drive it (a poll every 10 s
 * with the copy it holds; pushed changes received and dropped): the CPU of this process, the
 * fleet worker thread included, with nothing else running in it.
 */
async function measureIdleMain(url: string, key: KeyPair, seconds: number, pollIntervalMs: number): Promise<number> {
  const service = await stewardService(url, key, { fleetWorkerFile: builtFleetWorker(), pollIntervalMs });
  let events = 0;
  const off = service.onEvent(() => events++);
  let since: FleetUpdate['sync'] | undefined;
  const poll = async () => {
    const r = await service.dispatch('listDroplets', since ? { since } : {});
    if (r.ok) since = (r.value as FleetUpdate).sync;
  };
  await poll();
  await sleep(2_000);
  const usage0 = process.cpuUsage();
  const t0 = performance.now();
  const timer = setInterval(() => void poll(), pollIntervalMs);
  await sleep(seconds * 1000);
  clearInterval(timer);
  const usage = process.cpuUsage(usage0);
  const wall = (performance.now() - t0) / 1000;
  off();
  await service.close();
  log(`idle main: ${events} pushed changes in ${Math.round(wall)} s`);
  return round(((usage.user + usage.system) / 1e6 / wall) * 100, 2);
}

// ---------------------------------------------------------------------------------------------
// Report

interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  ramGB: number;
  node: string;
  chromium: string;
  loadAverage: number[];
}

function machine(chromium: string): Machine {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  return { date: new Date().toISOString(), nproc: cpus().length, cpu: model, ramGB: round(totalmem() / 1024 ** 3, 1), node: process.version, chromium, loadAverage: loadavg().map((x) => round(x, 2)) };
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('No Chromium found (set CHROMIUM_PATH).');
  const started = performance.now();
  const key = generateKeyPair('ES256');
  const mainFigures: MainFigures[] = [];
  const paint: PaintFigures[] = [];
  let scroll: ScrollFigures | null = null;
  let heap: HeapFigures | null = null;
  let cpu: CpuFigures | null = null;
  const idle: CpuFigures[] = [];
  let chromiumVersion = 'unknown';

  for (const fleet of FLEETS) {
    log(`fleet of ${fleet}: starting the sandbox`);
    const orchestrator = await startChildSandbox({ fleet, seed: 42, publicKeyPem: key.publicKeyPem });
    try {
      log(`fleet of ${fleet}: main process per poll`);
      mainFigures.push(await measureMain(orchestrator.url, key, fleet));
      log(`fleet of ${fleet}: poll to paint`);
      const s = await openBenchSession(chromiumPath, orchestrator.url, key, { pollIntervalMs: fleet >= BIG ? 2_000 : 500 });
      try {
        chromiumVersion = s.steward.browser.version();
        await waitForRows(s.page, fleet);
        paint.push(await measurePollToPaint(s, fleet));
      } finally {
        await s.close();
      }
      if (fleet === HEAP_FLEET) {
        log(`renderer heap over ${HEAP_POLLS} polls of ${fleet}`);
        heap = await measureHeap(chromiumPath, orchestrator.url, key, fleet);
      }
      if (fleet === BIG || fleet === HEAP_FLEET) {
        log(`${fleet === BIG ? 'scrolling the 10,000-row table, then ' : ''}CPU while idle-polling every 10 s for ${IDLE_SECONDS} s`);
        const measured = await measureScrollAndIdleCpu(chromiumPath, orchestrator, key, fleet, fleet === BIG);
        log(`CPU of Steward's main alone while idle-polling every 10 s for ${IDLE_SECONDS} s`);
        measured.cpu.mainPercent = await measureIdleMain(orchestrator.url, key, IDLE_SECONDS, measured.cpu.pollIntervalMs);
        idle.push(measured.cpu);
        if (fleet === BIG) ({ scroll, cpu } = measured);
      }
    } finally {
      await orchestrator.close();
    }
  }
  log('charts');
  const charts = await measureCharts(chromiumPath, key);
  log('done');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });

  const host = machine(chromiumVersion);
  const none: PaintFigures = { fleet: BIG, polls: 0, medianMs: NaN, p95Ms: NaN, commitMedianMs: NaN, rows: { visible: 0, rerendered: 0, changed: 0, moved: 0, mounted: 0, unexplained: 0 } };
  const big = paint.find((p) => p.fleet === BIG) ?? none;
  const bigMain = mainFigures.find((m) => m.fleet === BIG) ?? { ...mainFigures[0]!, mainThreadMedianMs: NaN };
  const wasted = paint.reduce((n, p) => n + p.rows.unexplained, 0);
  const idleTotal = cpu ? cpu.mainPercent + cpu.chromiumPercent : NaN;
  const targets = {
    pollToPaintP95: { target: `< ${TARGETS.pollToPaintP95Ms} ms at 10,000`, value: big.p95Ms, met: big.p95Ms < TARGETS.pollToPaintP95Ms },
    mainPerPoll: { target: `< ${TARGETS.mainPerPollMs} ms at 10,000`, value: bigMain.mainThreadMedianMs, met: bigMain.mainThreadMedianMs < TARGETS.mainPerPollMs },
    scrollDroppedFrames: { target: 'none', value: scroll?.droppedFrames ?? NaN, met: scroll?.droppedFrames === TARGETS.droppedFrames },
    chart7d: { target: `< ${TARGETS.chart7dMs} ms`, value: charts.d7MedianMs, met: charts.d7MedianMs < TARGETS.chart7dMs },
    heapFlat: { target: 'flat', value: heap?.growthMB ?? NaN, met: heap !== null && heap.growthMB < 2 },
    idleCpu: { target: `< ${TARGETS.idleCpuPercent}% of a core`, value: round(idleTotal, 2), met: idleTotal < TARGETS.idleCpuPercent },
    onlyChangedRowsRender: { target: '0 unexplained row renders', value: wasted, met: wasted === 0 },
  };

  const out: string[] = [];
  out.push(`Steward bench, ${host.date}: ${host.nproc} x ${host.cpu}, ${host.ramGB} GB RAM, Node ${host.node}, Chromium ${host.chromium}, load average ${host.loadAverage.join(' ')}`);
  out.push('');
  out.push(
    table(
      ['fleet', 'poll->paint median', 'p95', 'answer->commit', 'main thread/poll median', 'p95', 'CPU/poll (all threads)', 'parse', 'read', 'diff', 'IPC serialise', 'changed/poll', 'with network', 'IPC bytes', 'rows re-rendered (changed / moved / unexplained)'],
      FLEETS.map((fleet) => {
        const p = paint.find((x) => x.fleet === fleet)!;
        const m = mainFigures.find((x) => x.fleet === fleet)!;
        return [
          fleet.toLocaleString('en-US'),
          `${p.medianMs} ms`,
          `${p.p95Ms} ms`,
          `${p.commitMedianMs} ms`,
          `${m.mainThreadMedianMs} ms`,
          `${m.mainThreadP95Ms} ms`,
          `${m.cpuMedianMs} ms`,
          `${m.parseMs} ms`,
          `${m.readMs} ms`,
          `${m.diffMs} ms`,
          `${m.cloneMs} ms`,
          m.changedMedian.toLocaleString('en-US'),
          `${m.withNetworkMedianMs} ms`,
          m.ipcBytes.toLocaleString('en-US'),
          `${p.rows.rerendered} (${p.rows.changed} / ${p.rows.moved} moved / ${p.rows.unexplained}) in ${p.polls} polls`,
        ];
      }),
    ),
  );
  out.push('');
  out.push(
    table(
      ['measure', 'figure', 'target', ''],
      [
        ['poll -> paint p95, 10,000', `${big.p95Ms} ms`, targets.pollToPaintP95.target, verdict(targets.pollToPaintP95.met)],
        ['main thread per poll, 10,000 (median; CPU of all threads in brackets)', `${bigMain.mainThreadMedianMs} ms (${bigMain.cpuMedianMs} ms)`, targets.mainPerPoll.target, verdict(targets.mainPerPoll.met)],
        ['scrolling 10,000 rows: frames > 20 ms', scroll ? `${scroll.droppedFrames} of ${scroll.frames} (median ${scroll.medianFrameMs} ms, worst ${scroll.worstFrameMs} ms)` : 'n/a', targets.scrollDroppedFrames.target, verdict(targets.scrollDroppedFrames.met)],
        ['select a droplet -> details and charts painted (median)', `${charts.selectMedianMs} ms`, '', ''],
        ['charts, 1 h from cache: click -> painted (median)', `${charts.h1MedianMs} ms`, '', ''],
        ['charts, 24 h from cache: click -> painted (median / p95)', `${charts.h24MedianMs} / ${charts.h24P95Ms} ms`, '', ''],
        ['charts, 7 days from cache: click -> painted (median / p95)', `${charts.d7MedianMs} / ${charts.d7P95Ms} ms`, targets.chart7d.target, verdict(targets.chart7d.met)],
        ['history answer, 24 h / 7 d (main ms, bytes)', `${charts.main24h.ms} ms, ${charts.main24h.bytes.toLocaleString('en-US')} B / ${charts.main7d.ms} ms, ${charts.main7d.bytes.toLocaleString('en-US')} B`, '', ''],
        [`renderer heap, ${heap?.polls ?? 0} polls of ${heap?.fleet ?? 0}`, heap ? `${heap.startMB} -> ${heap.endMB} MB` : 'n/a', targets.heapFlat.target, verdict(targets.heapFlat.met)],
        ...idle.map((c) => [
          `idle CPU, ${c.fleet.toLocaleString('en-US')} droplets, poll 10 s: main + Chromium`,
          `${c.mainPercent}% + ${c.chromiumPercent}% (renderer thread ${c.rendererPercent}%, of it script ${c.rendererScriptPercent}%; main with Playwright carrying IPC ${c.mainWithPlaywrightPercent}%)`,
          c.fleet === BIG ? targets.idleCpu.target : '',
          c.fleet === BIG ? verdict(targets.idleCpu.met) : '',
        ]),
        ['rows re-rendered without a change', String(wasted), targets.onlyChangedRowsRender.target, verdict(targets.onlyChangedRowsRender.met)],
      ],
    ),
  );
  out.push('');
  out.push(`bench took ${round((performance.now() - started) / 1000, 0)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify({ machine: host, main: mainFigures, pollToPaint: paint, scroll, charts, heap, idleCpu: idle, targets })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
