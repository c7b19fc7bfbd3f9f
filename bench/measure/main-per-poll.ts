/**
 * Main per poll: service.dispatch('listDroplets') against real answers taken 10 s apart (no
 * network), as the app runs it (decoding in the built worker thread), and the decode pipeline's
 * own stage times from that same worker.
 */
import { mainThreadCpuMs } from '../lib/thread-cpu';
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { workerFleetDecoder } from '../../core/fleet/decoder';
import type { KeyPair } from '../../core/signing/keys';
import { createSigner } from '../../core/signing/signer';
import type { ExchangeResult } from '../../core/orchestrator/transport';
import type { FleetUpdate } from '../../shared/fleet-update';
import { builtFleetWorker } from '../../test/support/built-workers';
import { BIG_FLEET } from '../lib/fleet-sizes';
import { stewardService } from '../lib/service';
import { median, quantile, round } from '../lib/stats';
import { sleep } from '../lib/wait';

export interface MainFigures {
  fleet: number;
  /** Main's thread busy per poll (event loop active time, as the app's IPC handler runs it) plus serialising the answer for IPC. */
  mainThreadMedianMs: number;
  mainThreadP95Ms: number;
  /**
   * Main's thread CPU time per poll (from /proc, 10 ms ticks, so a mean over the timed polls; null
   * without /proc): unlike event-loop time, a busy machine preempting the thread does not inflate it.
   */
  mainThreadCpuMeanMs: number | null;
  /** CPU per poll of the whole process, the decoding worker thread included. */
  cpuMedianMs: number;
  /**
   * One poll's parts, medians: the decode pipeline's stages as the built worker times them
   * (bytes to text and JSON.parse; tolerant reading and clock correction; change tracking and
   * beat extraction), then serialising the delta for IPC (main).
   */
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

/** 0 1 2 3 2 1 0 1 ...: replayed forwards and backwards, every step is one interval apart. */
const ORDER = [0, 1, 2, 3, 2, 1];

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

/** service.dispatch against the real sandbox, network and its list building included (ms, after warm-up). */
async function withNetwork(url: string, key: KeyPair): Promise<number[]> {
  const real = await stewardService(url, key, { liveUpdates: false, fleetWorkerFile: builtFleetWorker() });
  const times: number[] = [];
  let since: FleetUpdate['sync'] | undefined;
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const r = await real.dispatch('listDroplets', since ? { since } : {});
    if (r.ok) since = (r.value as FleetUpdate).sync;
    if (i >= 2) times.push(performance.now() - t);
  }
  await real.close();
  return times;
}

/**
 * The same answers through the pipeline the app runs (the built worker, as the service starts
 * it), each decode timed by stage inside it; then the IPC serialisation on main.
 */
async function pipelineStages(encoded: readonly Uint8Array[]): Promise<{ parse: number[]; read: number[]; diff: number[]; clone: number[] }> {
  const parts = { parse: [] as number[], read: [] as number[], diff: [] as number[], clone: [] as number[] };
  const decoder = workerFleetDecoder(builtFleetWorker());
  try {
    let held: FleetUpdate['sync'] | undefined;
    for (let i = 0; i < 12; i++) {
      const nowMs = Date.now();
      // The transport's result: the body's bytes (a copy, as they move to the worker) and the Date header's time.
      const result: ExchangeResult = { status: 200, text: '', bytes: encoded[ORDER[i % ORDER.length]!]!.slice(), exchangeId: null, traceId: null, serverDate: Math.floor(nowMs / 1000) * 1000, receivedAt: nowMs };
      const { update, stages } = await decoder.decode(result, { key: 'bench', since: held, nowMs, timeStages: true });
      if (!stages) throw new Error('the fleet worker answered without stage times (is out/ built from this source?)');
      held = update.sync;
      parts.parse.push(stages.parseMs);
      parts.read.push(stages.readMs);
      parts.diff.push(stages.diffMs);
      const t = performance.now();
      serialize(update);
      parts.clone.push(performance.now() - t);
    }
  } finally {
    await decoder.close();
  }
  return parts;
}

/**
 * Main per poll, against real answers taken 10 s apart (the default poll interval), replayed
 * so each poll sees one interval's changes; the renderer's side is played by passing each
 * answer's sync back, as useFleet does.
 */
export async function measureMain(url: string, key: KeyPair, fleet: number): Promise<MainFigures> {
  const bodies = await fleetAnswers(url, key, 4, 10_000);
  const network = await withNetwork(url, key);

  let served = 0;
  // Bytes, as they come off the network: encoding a 4 MB string per poll is the bench's work, not Steward's.
  const encoded = bodies.map((b) => new TextEncoder().encode(b));
  const canned = await stewardService(url, key, {
    liveUpdates: false,
    fleetWorkerFile: builtFleetWorker(),
    fetch: async () => new Response(encoded[ORDER[served++ % ORDER.length]!]!, { status: 200, headers: { 'content-type': 'application/json', date: new Date().toUTCString() } }),
  });
  const mainThread: number[] = [];
  const cpu: number[] = [];
  const changed: number[] = [];
  const updates: FleetUpdate[] = [];
  let since: FleetUpdate['sync'] | undefined;
  const runs = fleet >= BIG_FLEET ? 24 : 36;
  let threadCpu0: number | null = null;
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
    if (i < 6) {
      if (i === 5) threadCpu0 = mainThreadCpuMs();
      continue; // the first answer is the whole list; then warm-up
    }
    mainThread.push(elu.active + clone);
    cpu.push((used.user + used.system) / 1000 + clone);
    changed.push(update.droplets.length + update.patches.length);
    updates.push(update);
  }
  const threadCpu1 = mainThreadCpuMs();
  await canned.close();

  const parts = await pipelineStages(encoded);
  const tail = (xs: number[]) => xs.slice(2); // the first is the whole list, the second warm-up
  return {
    fleet,
    mainThreadMedianMs: round(median(mainThread)),
    mainThreadP95Ms: round(quantile(mainThread, 0.95)),
    mainThreadCpuMeanMs: threadCpu0 === null || threadCpu1 === null ? null : round((threadCpu1 - threadCpu0) / runs),
    cpuMedianMs: round(median(cpu)),
    parseMs: round(median(tail(parts.parse))),
    readMs: round(median(tail(parts.read))),
    diffMs: round(median(tail(parts.diff))),
    cloneMs: round(median(tail(parts.clone))),
    changedMedian: median(changed),
    withNetworkMedianMs: round(median(network)),
    ipcBytes: Math.round(median(updates.map((u) => JSON.stringify(u).length))),
    answerBytes: Buffer.byteLength(bodies[0]!),
  };
}
