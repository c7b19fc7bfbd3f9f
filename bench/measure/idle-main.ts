/**
 * Steward's main alone while idle-polling, as the renderer would drive it (a poll every 10 s
 * with the copy it holds; pushed changes received and dropped): the CPU of this process, the
 * fleet worker thread included, with nothing else running in it.
 */
import { performance } from 'node:perf_hooks';
import type { KeyPair } from '../../core/signing/keys';
import type { FleetUpdate } from '../../shared/fleet-update';
import { builtFleetWorker } from '../../test/support/steward-page';
import { stewardService } from '../lib/session';
import { round } from '../lib/stats';
import { log, sleep } from '../lib/wait';

/** % of one core. */
export async function measureIdleMain(url: string, key: KeyPair, seconds: number, pollIntervalMs: number): Promise<number> {
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
