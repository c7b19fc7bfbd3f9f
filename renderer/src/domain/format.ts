/**
 * Display formatting shared by the views: times, numbers and durations. Times are the
 * steward's local clock, 24 h, built by hand so every locale reads the same HH:MM:SS.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "10:02:01" */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "10:02", for chart axis ticks. */
export function formatHourMinute(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One formatter for every label: toLocaleDateString with options builds an Intl.DateTimeFormat per call (~0.2 ms). */
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** "27 Nov", for chart axis ticks over days. */
export function formatDayMonth(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return dayMonth.format(ms);
}

/** "2026-04-01 08:00:00" in local time: unambiguous in every locale. "—" when absent; the text itself when unreadable. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(ms)}`;
}

const zoneFormat = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' });

/** The steward's zone at that instant, short: "UTC", "CET", "GMT-5". */
export function formatZone(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  return zoneFormat.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** `formatDateTime` with the zone: "2026-04-01 08:00:00 CEST", for times a steward may compare across days or places. */
export function formatDateTimeZoned(iso: string | null | undefined): string {
  const text = formatDateTime(iso);
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? `${text} ${formatZone(ms)}` : text;
}

/** "27 Nov 10:02:01 CET": a chart tooltip over days, where the clock alone does not say which day. */
export function formatDayClockZone(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${formatDayMonth(ms)} ${formatClock(ms)} ${formatZone(ms)}`;
}

/** "20:43" when `ms` falls on the day of `nowMs`, else "27 Nov 20:43". */
export function formatHourMinuteOrDay(ms: number, nowMs: number): string {
  if (!Number.isFinite(ms)) return '—';
  const a = new Date(ms);
  const b = new Date(nowMs);
  const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return sameDay ? formatHourMinute(ms) : `${formatDayMonth(ms)} ${formatHourMinute(ms)}`;
}

/** One formatter per precision: toLocaleString with options builds a new Intl.NumberFormat per call, slow on chart axes. */
const numberFormats = new Map<number, Intl.NumberFormat>();

/** Numbers as a steward reads them: at most one decimal, thousands grouped. */
export function formatNumber(v: number | null | undefined, maxFractionDigits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  let format = numberFormats.get(maxFractionDigits);
  if (!format) numberFormats.set(maxFractionDigits, (format = new Intl.NumberFormat(undefined, { maximumFractionDigits: maxFractionDigits })));
  return format.format(v);
}

/** Durations in the words a tooltip uses: "45 s", "1 min 32 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return pair(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86_400) return pair(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return pair(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

function pair(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}
