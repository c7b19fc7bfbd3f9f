/** Communications-log entries for the log tests: a plain GET answered 200, unless told otherwise. */
import type { CommsEntry } from '../../shared/model';

export function entry(id: number, secondsAgo: number, extra: Partial<CommsEntry> = {}): CommsEntry {
  return {
    id,
    time: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    method: 'GET',
    path: `/api/v1/droplets/${id}`,
    status: 200,
    latencyMs: 12.4,
    traceId: `trace-${id}`,
    dropletId: id,
    requestHeaders: { Accept: 'application/json' },
    requestBody: null,
    responseBody: `{"id":${id},"status":"active"}`,
    error: null,
    ...extra,
  };
}
