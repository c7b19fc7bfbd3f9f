/**
 * What probing costs main: 1,000 droplets (served by a sandbox in a child process, so their
 * side is not counted) probed on the real schedule (/health and /state every 60 s, one-second
 * tick, pool of 16, keep-alive, the GETs in the built probe worker thread as the app runs them),
 * results recorded into a metric history as the service does.
 * After a first full round (which also reads /capabilities and /dependencies, all at once as at
 * launch), three figures are taken over a window of steady probing, each per round of all
 * droplets over the 60 s a round takes: main's thread alone (CPU time from /proc, which `probeCpu`
 * judges: the issue asks what it costs main's thread), event-loop active time (wall time, so a
 * busy machine inflates it) and the whole process (process.cpuUsage: every thread, GC and
 * compiler included).
 */
import { performance } from 'node:perf_hooks';
import { MetricHistory } from '../../core/history/metric-history';
import { Prober, type ProbeTarget } from '../../core/probes/prober';
import { workerRouteClient } from '../../core/probes/worker-route-client';
import { builtProbeWorker } from '../../test/support/built-workers';
import { defaultProbeSettings } from '../../shared/probe';
import { startChildSandbox } from '../lib/child-sandbox';
import { round } from '../lib/stats';
import { mainThreadCpuMs } from '../lib/thread-cpu';
import { log } from '../lib/wait';

export interface ProbeFigures {
  droplets: number;
  windowSeconds: number;
  /** Probe rounds (droplets probed) within the window. */
  probed: number;
  /**
   * Main's thread alone: its CPU time per round of all droplets, over the 60 s a round takes, %
   * of one core: the window's CPU divided by the rounds it held (droplets probed / droplets), so
   * a window that catches a little more or less than a round does not skew it. What `probeCpu`
   * judges. Event-loop active time stands in where /proc is missing (not Linux).
   */
  mainThreadPercentOfCore: number;
  /** Where mainThreadPercentOfCore came from. */
  mainThreadSource: 'thread CPU time' | 'event-loop active time';
  /** Event-loop active time per round, likewise (wall time: preemption on a busy machine counts). */
  eventLoopPercentOfCore: number;
  /** The whole process, every thread (process.cpuUsage), per round, likewise. */
  cpuPercentOfCore: number;
  /** CPU time of this process over the window as measured, % of one core. */
  windowCpuPercent: number;
  /** Event-loop utilisation over the window, %. */
  eventLoopPercent: number;
  /** The most droplets probed at once. */
  peakConcurrency: number;
}

/** Two rounds of /health and /state after the first, and a little over. */
export async function measureProbes(droplets = 1_000, windowSeconds = 125): Promise<ProbeFigures> {
  log(`probes: ${droplets} droplets in a child sandbox`);
  const sandbox = await startChildSandbox({ fleet: droplets, seed: 11, seedHistoryMinutes: 0 });
  const base = sandbox.dropletRoutesUrl;
  if (!base) throw new Error('the sandbox serves no droplet routes');
  const targets: ProbeTarget[] = Array.from({ length: droplets }, (_, i) => ({
    id: 100 + i,
    name: `droplet-${100 + i}`,
    endpoint: `${base}/d/${100 + i}`,
    status: 'active',
    capabilities: ['udc_compliance'],
    version: '1.0.0',
  }));
  const history = new MetricHistory();
  // As the app probes: the GETs in the built probe worker, main sending URLs and reading answers.
  const client = workerRouteClient(builtProbeWorker(), { timeoutMs: 3_000, maxBytes: 256 * 1024, maxSockets: 16 });
  let probed = 0;
  const prober = new Prober({
    targets: () => targets,
    get: client.get,
    settings: defaultProbeSettings(true),
    onRecord: (id, at, values) => {
      probed += 1;
      history.recordProbe(id, at, values);
    },
  });
  const tick = setInterval(() => {
    void prober.runDue();
    prober.takeChanged();
  }, 1_000);
  try {
    // The first round reads all four routes of every droplet; then only the schedule runs.
    await prober.runDue();
    log(`probes: first round done; measuring ${windowSeconds} s of steady probing`);
    probed = 0;
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    const cpu = process.cpuUsage(cpu0);
    const main1 = mainThreadCpuMs();
    const elu = performance.eventLoopUtilization(elu0);
    const wallMs = performance.now() - t0;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const rounds = probed / droplets;
    const perRound = (ms: number): number => (rounds > 0 ? round((ms / rounds / 60_000) * 100, 2) : NaN);
    const eventLoopPerRound = perRound(elu.active);
    const threadMs = main0 !== null && main1 !== null ? main1 - main0 : null;
    return {
      droplets,
      windowSeconds,
      probed,
      mainThreadPercentOfCore: threadMs !== null ? perRound(threadMs) : eventLoopPerRound,
      mainThreadSource: threadMs !== null ? 'thread CPU time' : 'event-loop active time',
      eventLoopPercentOfCore: eventLoopPerRound,
      cpuPercentOfCore: perRound(cpuMs),
      windowCpuPercent: round((cpuMs / wallMs) * 100, 2),
      eventLoopPercent: round(elu.utilization * 100, 2),
      peakConcurrency: prober.peakConcurrency,
    };
  } finally {
    clearInterval(tick);
    client.close();
    await sandbox.close();
  }
}

/** `tsx bench/measure/probe.ts`: this figure alone. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadavg } = await import('node:os');
  const f = await measureProbes(Number(process.env.PROBE_DROPLETS ?? 1000), Number(process.env.PROBE_WINDOW_S ?? 125));
  process.stdout.write(`${JSON.stringify({ ...f, loadAverage: loadavg().map((x) => round(x, 2)) })}\n`);
}
