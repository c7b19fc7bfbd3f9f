/**
 * Timestamps on the wire come as `...Z`, `...+00:00`, naive (no zone, meaning UTC) or as
 * float epoch seconds. Everything is normalised to ISO-8601 UTC with `Z`.
 */
const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parse a wire timestamp; null when it is not one. A naive time is read as UTC. */
export function parseWireTime(value: unknown): string | null {
  if (typeof value === 'number') return epochSecondsToIso(value);
  if (typeof value !== 'string') return null;
  // Fast paths for the two shapes every list item carries (10,000 of them per poll): the
  // guide's canonical `...sssZ` is already the answer; the deployed naive `...ssssss` only
  // needs cutting to milliseconds. Anything else takes the general road below.
  if (value.length === 24 && isCanonicalUtc(value)) return value;
  if (value.length === 26 && value.charCodeAt(19) === 46 && allDigits(value, 23, 26)) {
    const cut = `${value.slice(0, 23)}Z`;
    if (isCanonicalUtc(cut)) return cut;
  }
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return null;
  const [, date, time, zone] = m;
  // JS Date only understands milliseconds: trim microseconds rather than mis-parse them.
  const trimmed = time!.replace(/(\.\d{3})\d+$/, '$1');
  const zoneText = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return isoOf(Date.parse(`${date}T${trimmed}${zoneText}`));
}

/** ISO text of epoch ms, null when not a time. Years 0000-9999 print as `YYYY-...Z`; outside them toISOString writes `+010000-...`, which no reader expects. */
const MIN_ISO_MS = -62_167_219_200_000;
const MAX_ISO_MS = 253_402_300_799_999;

export function isoOf(ms: number): string | null {
  return Number.isFinite(ms) && ms >= MIN_ISO_MS && ms <= MAX_ISO_MS ? new Date(ms).toISOString() : null;
}

/**
 * `YYYY-MM-DDTHH:MM:SS.sssZ` with every field in range, i.e. exactly what
 * `new Date(Date.parse(s)).toISOString()` would give back (Date.parse itself accepts
 * February 30 or 24:00 and moves them on, so those are not canonical).
 */
function isCanonicalUtc(s: string): boolean {
  if (s.charCodeAt(23) !== 90 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || !allDigits(s, 20, 23)) return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 7);
  const day = digitsAt(s, 8, 10);
  const hour = digitsAt(s, 11, 13);
  const minute = digitsAt(s, 14, 16);
  const second = digitsAt(s, 17, 19);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60;
}

/**
 * Date.parse, with a fast path for the canonical `YYYY-MM-DDTHH:MM:SS.sssZ` every reader
 * produces: Date.parse is the largest cost of recording a poll of 10,000 droplets.
 */
export function parseIsoMs(s: string): number {
  if (s.length !== 24 || !isCanonicalUtc(s)) return Date.parse(s);
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  return days * 86_400_000 + digitsAt(s, 11, 13) * 3_600_000 + digitsAt(s, 14, 16) * 60_000 + digitsAt(s, 17, 19) * 1000 + digitsAt(s, 20, 23);
}

/** The decimal number in s[from, to), or -1 when any of it is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function allDigits(s: string, from: number, to: number): boolean {
  return digitsAt(s, from, to) >= 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function epochSecondsToIso(seconds: number): string | null {
  return Number.isFinite(seconds) ? isoOf(seconds * 1000) : null;
}

/** Now as the guide wants it: ISO-8601 with a `Z`. */
export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}
