/** Heartbeat samples for the chart tests: one a minute, with gaps where a test wants them. */
import type { Sample } from '../../shared/model';

export const MIN = 60_000;

export function sample(t: number, i: number): Sample {
  return { t, status: 'active', cpu_percent: 10 + (i % 7), memory_mb: 500 + i, requests_last_minute: 100 + i, errors_last_minute: i % 3 };
}

/** One sample a minute over the last `minutes`, except those `skip` says are missing. */
export function series(minutes: number, skip: (minutesAgo: number) => boolean = () => false): Sample[] {
  const now = Date.now();
  const out: Sample[] = [];
  for (let m = minutes; m >= 1; m--) if (!skip(m)) out.push(sample(now - m * MIN, m));
  return out;
}
