/**
 * Time as each side of the wire writes it. The guide uses ISO with `Z`; the deployed
 * Orchestrator (Python) writes naive UTC with microseconds, `+00:00` offsets, float epoch
 * seconds, and PostgreSQL's own format inside database error text.
 */

export function isoZ(ms: number): string {
  return new Date(ms).toISOString();
}

/** Python's `datetime.isoformat()` of a naive UTC time: microseconds, dropped when zero. */
export function naiveIso(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23);
  return fraction === '000' ? iso.slice(0, 19) : `${iso.slice(0, 19)}.${fraction}000`;
}

export function offsetIso(ms: number): string {
  return `${naiveIso(ms)}+00:00`;
}

/** PostgreSQL's text form of a timestamp: space separator, trailing fraction zeros trimmed. */
export function pgTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}`;
}

/** Float epoch seconds as Python's `time.time()` prints them (microsecond precision). */
export function epochSeconds(ms: number): number {
  return Math.round(ms * 1000) / 1e6;
}
