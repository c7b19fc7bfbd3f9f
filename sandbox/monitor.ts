/**
 * The liveness monitor: on a fixed interval, `active` droplets whose last contact is older
 * than the timeout become `inactive`. Like the deployed scheduler, a droplet therefore flips
 * between timeout and timeout + interval after its last beat.
 */
import type { SandboxStore } from './store';

export interface MonitorOptions {
  store: SandboxStore;
  now: () => number;
  inactiveAfterMs: number;
  intervalMs: number;
}

export interface Monitor {
  /** One pass now; returns how many droplets were marked inactive. */
  sweep(): number;
  stop(): void;
}

export function startMonitor({ store, now, inactiveAfterMs, intervalMs }: MonitorOptions): Monitor {
  const sweep = (): number => {
    const at = now();
    return store.expireSilent(at - inactiveAfterMs, at);
  };
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
