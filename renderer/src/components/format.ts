/**
 * Display formatting shared by the detail views. Times are the steward's local clock, 24 h,
 * built by hand so every locale reads the same HH:MM:SS.
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

/** One formatter per precision: toLocaleString with options builds a new Intl.NumberFormat per call, slow on chart axes. */
const numberFormats = new Map<number, Intl.NumberFormat>();

/** Numbers as a steward reads them: at most one decimal, thousands grouped. */
export function formatNumber(v: number | null | undefined, maxFractionDigits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  let format = numberFormats.get(maxFractionDigits);
  if (!format) numberFormats.set(maxFractionDigits, (format = new Intl.NumberFormat(undefined, { maximumFractionDigits: maxFractionDigits })));
  return format.format(v);
}
