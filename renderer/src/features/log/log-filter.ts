/** Which exchanges the log shows, in which order. */
import type { CommsEntry } from '../../../../shared/model';
import { statusClass, type StatusClass } from '../../domain/status';

export interface LogFilters {
  /** As typed; empty means all droplets. */
  dropletId: string;
  statusClass: StatusClass | 'all';
  text: string;
}

export const NO_FILTERS: LogFilters = { dropletId: '', statusClass: 'all', text: '' };

/** Newest first: by time, then by id for exchanges within the same millisecond. */
export function newestFirst(entries: readonly CommsEntry[]): CommsEntry[] {
  return [...entries].sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || b.id - a.id);
}

export function matches(e: CommsEntry, f: LogFilters): boolean {
  const id = f.dropletId.trim();
  if (id !== '' && String(e.dropletId ?? '') !== id) return false;
  if (f.statusClass !== 'all' && statusClass(e.status) !== f.statusClass) return false;
  const text = f.text.trim().toLowerCase();
  if (text === '') return true;
  // Everything a steward might paste in: a trace_id, a path, a status, a word from a body.
  const haystack = [e.method, e.path, e.status ?? 'failed', e.traceId, e.error, e.requestBody, e.responseBody].join('\n').toLowerCase();
  return haystack.includes(text);
}
