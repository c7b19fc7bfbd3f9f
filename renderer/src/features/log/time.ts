import { formatClock, formatDateTime, formatNumber, formatZone } from '../../domain/format';

/** "10:02:01.123": exchanges come close together, so the log shows milliseconds. */
export function formatLogTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${formatClock(ms)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`;
}

/** "2026-12-05 10:02:01.123 UTC": the whole stamp (date and zone), for the exchange's detail and the time cell's tooltip. */
export function formatLogStamp(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${formatDateTime(iso)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')} ${formatZone(ms)}`;
}

/** "12 ms", or "1.5 s" once it reaches a second: slow exchanges stand out and stay short. */
export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000)} s`;
}
