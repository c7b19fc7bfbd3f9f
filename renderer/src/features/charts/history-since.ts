/**
 * What to say when Steward's history of a droplet begins inside the window a view shows: an
 * empty stretch before it means "not recorded", not "the droplet was down".
 */
import { formatHourMinuteOrDay } from '../../domain/format';

export const RECORDS_WHILE_RUNNING = 'Steward records beats while it runs';

/**
 * "History since 20:43; Steward records beats while it runs" when the history (starting at
 * `since`, null when there is none) begins after `windowStart`; null when it covers the window.
 */
export function historySinceNote(since: number | null, windowStart: number, nowMs: number): string | null {
  if (since === null) return `No history yet; ${RECORDS_WHILE_RUNNING}`;
  if (since <= windowStart) return null;
  return `History since ${formatHourMinuteOrDay(since, nowMs)}; ${RECORDS_WHILE_RUNNING}`;
}
