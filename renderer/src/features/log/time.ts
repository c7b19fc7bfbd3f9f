import { formatClock, formatNumber } from '../../domain/format';

/** "10:02:01.123": exchanges come close together, so the log shows milliseconds. */
export function formatLogTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${formatClock(ms)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`;
}

/** "12 ms", or "1.5 s" once it reaches a second: slow exchanges stand out and stay short. */
export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000)} s`;
}
