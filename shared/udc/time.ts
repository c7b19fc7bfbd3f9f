/**
 * Timestamps on the wire come as `...Z`, `...+00:00`, naive (no zone, meaning UTC) or as
 * float epoch seconds. Everything is normalised to ISO-8601 UTC with `Z`.
 */
const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parse a wire timestamp; null when it is not one. A naive time is read as UTC. */
export function parseWireTime(value: unknown): string | null {
  if (typeof value === 'number') return epochSecondsToIso(value);
  if (typeof value !== 'string') return null;
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return null;
  const [, date, time, zone] = m;
  // JS Date only understands milliseconds: trim microseconds rather than mis-parse them.
  const trimmed = time!.replace(/(\.\d{3})\d+$/, '$1');
  const zoneText = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${date}T${trimmed}${zoneText}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function epochSecondsToIso(seconds: number): string | null {
  if (!Number.isFinite(seconds)) return null;
  const d = new Date(seconds * 1000);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}

/** Now as the guide wants it: ISO-8601 with a `Z`. */
export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}
