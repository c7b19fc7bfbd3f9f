/**
 * Steward's main alone while idle, as the renderer would drive it: polls with the copy it holds,
 * at the pace main judges (every minute while the live feed delivers, the profile's interval
 * otherwise), pushed changes received and dropped. Run in a child process of its own
 * (idle-main-child.ts), so the figure is the CPU of main's code and its fleet worker thread
 * alone: in the bench's own process, V8 also marks and sweeps Playwright and every earlier
 * measure's leftovers, and the bench's garbage was counted as Steward's.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { KeyPair } from '../../core/signing/keys';
import type { FleetUpdate } from '../../shared/fleet-update';
import type { AppInfo, PollPace } from '../../shared/model';
import { builtFleetWorker } from '../../test/support/built-workers';
import { stewardService } from '../lib/service';
import { round } from '../lib/stats';
import { mainThreadCpuMs } from '../lib/thread-cpu';
import { log, sleep, waitFor } from '../lib/wait';

export interface IdleMainFigure {
  /** % of one core: the whole process (main's thread, the fleet worker, V8's and libuv's helpers). */
  percent: number;
  /** Of it, main's thread alone (NaN where /proc cannot tell): what is left is other threads' work. */
  mainThreadPercent: number;
  /** The pace most of the window was polled at. */
  pace: PollPace;
  polls: number;
}

/**
 * The measure starts this long after the live pace is reached: idle is the steady state of a
 * window left open all day, not the start's one-off work (the whole first list, the history's
 * first write, V8 shrinking the heap it grew meanwhile), which fell into the window before.
 */
export const IDLE_MAIN_SETTLE_MS = 30_000;

/**
 * Polls the window holds at least: at the live pace (a poll a minute) a full collection comes
 * every few polls, not every poll, and a window of two polls either missed it or held two.
 */
export const IDLE_MAIN_POLLS = 5;

/** Measures in a child process of its own; the key crosses by IPC, never on its command line. */
export function measureIdleMain(url: string, key: KeyPair, seconds: number, pollIntervalMs: number): Promise<IdleMainFigure> {
  const child = fork(fileURLToPath(new URL('./idle-main-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // The measure's own length, the settling, the wait for the live pace, and room to start and stop.
  const deadlineMs = Math.max(seconds * 1000, IDLE_MAIN_POLLS * 60_000) + IDLE_MAIN_SETTLE_MS + 120_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<IdleMainFigure>((resolve, reject) => {
    timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the idle-main measure gave no figure within ${deadlineMs / 1000} s`));
    }, deadlineMs);
    child.once('error', reject);
    child.once('message', (figure: IdleMainFigure) => resolve(figure));
    // 'close' waits for the IPC channel too, so a figure sent just before exiting is never taken for none.
    child.once('close', (code) => reject(new Error(`the idle-main measure exited (${code}) without a figure`)));
    child.send({ url, key, seconds, pollIntervalMs });
  }).finally(() => {
    child.removeAllListeners();
    clearTimeout(timer);
  });
}

/** Measures in this process (the child's part). */
export async function measureIdleMainHere(url: string, key: KeyPair, seconds: number, pollIntervalMs: number): Promise<IdleMainFigure> {
  const service = await stewardService(url, key, { fleetWorkerFile: builtFleetWorker(), pollIntervalMs });
  let events = 0;
  let pace: PollPace = { mode: 'polling', intervalMs: pollIntervalMs };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let polls = 0;
  let since: FleetUpdate['sync'] | undefined;
  const poll = async () => {
    polls++;
    const r = await service.dispatch('listDroplets', since ? { since } : {});
    if (r.ok) since = (r.value as FleetUpdate).sync;
  };
  const schedule = () => {
    timer = setTimeout(() => void poll().then(schedule), pace.intervalMs);
  };
  const off = service.onEvent((name, payload) => {
    events++;
    if (name !== 'pollPaceChanged') return;
    pace = payload as PollPace;
    // As the window does: the fast pace back means a poll at once.
    if (timer && pace.mode === 'polling') {
      clearTimeout(timer);
      void poll().then(schedule);
    }
  });
  await poll();
  // The feed opens within a second or two; measure the pace the app settles at.
  await waitFor('the live pace', async () => {
    const r = await service.dispatch('getAppInfo', undefined);
    return r.ok && (r.value as AppInfo).pollPace.mode === 'live';
  }, 10_000).catch(() => log('idle main: the live feed did not deliver within 10 s; measuring the polling pace'));
  const info = await service.dispatch('getAppInfo', undefined);
  if (info.ok) pace = (info.value as AppInfo).pollPace;
  // Polling on through the settling, so the measure sees polls at their steady rate.
  schedule();
  await sleep(IDLE_MAIN_SETTLE_MS);
  polls = 0;
  events = 0;
  const usage0 = process.cpuUsage();
  const thread0 = mainThreadCpuMs();
  const t0 = performance.now();
  // At least IDLE_MAIN_POLLS polls' worth of the pace, so a minute-long pace is not measured between polls.
  await sleep(Math.max(seconds * 1000, IDLE_MAIN_POLLS * pace.intervalMs));
  if (timer) clearTimeout(timer);
  const usage = process.cpuUsage(usage0);
  const thread1 = mainThreadCpuMs();
  const wall = (performance.now() - t0) / 1000;
  off();
  await service.close();
  log(`idle main: ${pace.mode} pace (a poll every ${pace.intervalMs / 1000} s), ${polls} polls and ${events} pushed events in ${Math.round(wall)} s`);
  const threadMs = thread0 === null || thread1 === null ? NaN : thread1 - thread0;
  return { percent: round(((usage.user + usage.system) / 1e6 / wall) * 100, 2), mainThreadPercent: round((threadMs / 1000 / wall) * 100, 2), pace, polls };
}
