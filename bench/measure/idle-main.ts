/**
 * Steward's main alone while idle, as the renderer would drive it: polls with the copy it holds,
 * at the pace main judges (every minute while the live feed delivers, the profile's interval
 * otherwise), pushed changes received and dropped. The CPU of this process, the fleet worker
 * thread included, with nothing else running in it.
 */
import { performance } from 'node:perf_hooks';
import type { KeyPair } from '../../core/signing/keys';
import type { FleetUpdate } from '../../shared/fleet-update';
import type { AppInfo, PollPace } from '../../shared/model';
import { builtFleetWorker } from '../../test/support/steward-page';
import { stewardService } from '../lib/session';
import { round } from '../lib/stats';
import { log, sleep, waitFor } from '../lib/wait';

export interface IdleMainFigure {
  /** % of one core. */
  percent: number;
  /** The pace most of the window was polled at. */
  pace: PollPace;
  polls: number;
}

export async function measureIdleMain(url: string, key: KeyPair, seconds: number, pollIntervalMs: number): Promise<IdleMainFigure> {
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
  await sleep(2_000);
  polls = 0;
  const usage0 = process.cpuUsage();
  const t0 = performance.now();
  schedule();
  // At least two polls' worth of the pace, so a minute-long pace is not measured between polls.
  await sleep(Math.max(seconds * 1000, 2 * pace.intervalMs));
  if (timer) clearTimeout(timer);
  const usage = process.cpuUsage(usage0);
  const wall = (performance.now() - t0) / 1000;
  off();
  await service.close();
  log(`idle main: ${pace.mode} pace (a poll every ${pace.intervalMs / 1000} s), ${polls} polls and ${events} pushed events in ${Math.round(wall)} s`);
  return { percent: round(((usage.user + usage.system) / 1e6 / wall) * 100, 2), pace, polls };
}
