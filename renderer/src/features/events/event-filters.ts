/** The timeline's filters and the engine query they make (shared by the list and the export). */
import type { AttentionKind, EventQuery } from '../../../../shared/attention';

export type EventRange = '1h' | '24h' | '7d' | 'all';
export const RANGE_MS: Record<Exclude<EventRange, 'all'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };
/** The timeline shows at most this many events; the export takes every match. */
export const TIMELINE_LIMIT = 500;

export interface EventFilterState {
  /** Empty: every kind. */
  kinds: AttentionKind[];
  range: EventRange;
  dropletId: number | null;
}

export const NO_FILTERS: EventFilterState = { kinds: [], range: 'all', dropletId: null };

/**
 * `minuteMs` is the clock rounded to the minute, so the query (and its cache key) stays the
 * same for a minute instead of changing at every render.
 */
export function eventQuery(f: EventFilterState, minuteMs: number, limit?: number): EventQuery {
  return {
    ...(f.dropletId !== null ? { dropletId: f.dropletId } : {}),
    ...(f.kinds.length > 0 ? { kinds: f.kinds } : {}),
    ...(f.range !== 'all' ? { sinceMs: Math.max(0, minuteMs - RANGE_MS[f.range]) } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

export function isFiltered(f: EventFilterState): boolean {
  return f.kinds.length > 0 || f.range !== 'all' || f.dropletId !== null;
}

/** A droplet id typed by the steward: a whole positive number, else null (no filter). */
export function parseDropletId(text: string): number | null {
  const t = text.trim().replace(/^#/, '');
  if (!/^\d{1,9}$/.test(t)) return null;
  const n = Number(t);
  return n > 0 ? n : null;
}
