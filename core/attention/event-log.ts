/**
 * The events timeline: kept in memory (newest last, bounded) and appended to a rotating JSONL
 * file, bounded like the history; read back at start (damaged lines skipped), queried newest
 * first, summarised for "while you were away", and exported as CSV (papaparse) or JSON.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { AttentionEventSchema, type AttentionEvent, type AttentionKind, type AwaySummary, type EventQuery } from '../../shared/attention';
import { errorCode } from '../fs/errors';
import { RotatingFile } from '../fs/rotating-file';

export interface EventLogOptions {
  /** The JSONL file; memory only when absent. */
  file?: string;
  /** Events kept in memory and read back (default 5,000: what one query may ask for). */
  maxEvents?: number;
  /** Largest file before it rotates (default 2 MB); files kept, the current one included (default 3). */
  maxFileBytes?: number;
  keepFiles?: number;
  onWrite?: (failure: unknown) => void;
}

export const DEFAULT_QUERY_LIMIT = 500;

export class EventLog {
  private events: AttentionEvent[] = [];
  private readonly max: number;
  private readonly file: RotatingFile | null;
  private readonly keepFiles: number;

  constructor(private readonly opts: EventLogOptions = {}) {
    this.max = opts.maxEvents ?? 5_000;
    this.keepFiles = opts.keepFiles ?? 3;
    this.file = opts.file ? new RotatingFile({ path: opts.file, maxBytes: opts.maxFileBytes ?? 2 * 1024 * 1024, keep: this.keepFiles, onWrite: opts.onWrite }) : null;
  }

  /** Reads the files back, oldest first; answers a warning when lines had to be skipped. */
  async load(): Promise<string | null> {
    if (!this.opts.file) return null;
    let skipped = 0;
    const loaded: AttentionEvent[] = [];
    for (let i = this.keepFiles - 1; i >= 0; i--) {
      const path = i === 0 ? this.opts.file : `${this.opts.file}.${i}`;
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if (errorCode(e) === 'ENOENT') continue;
        return `The events timeline could not be read (${path}): ${String(e)}`;
      }
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          const parsed = AttentionEventSchema.safeParse(JSON.parse(line));
          if (parsed.success) loaded.push(parsed.data);
          else skipped++;
        } catch {
          skipped++;
        }
      }
    }
    loaded.sort((a, b) => a.at - b.at);
    this.events = loaded.slice(-this.max);
    return skipped > 0 ? `${skipped} damaged ${skipped === 1 ? 'line' : 'lines'} of the events timeline were skipped.` : null;
  }

  add(event: AttentionEvent): void {
    this.events.push(event);
    if (this.events.length > this.max * 1.1) this.events = this.events.slice(-this.max);
    this.file?.append(JSON.stringify(event));
  }

  /** Newest first. */
  query(q: EventQuery = {}): AttentionEvent[] {
    const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
    const kinds = q.kinds && q.kinds.length > 0 ? new Set<AttentionKind>(q.kinds) : null;
    const out: AttentionEvent[] = [];
    for (let i = this.events.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.events[i]!;
      if (q.sinceMs !== undefined && e.at < q.sinceMs) continue;
      if (q.untilMs !== undefined && e.at > q.untilMs) continue;
      if (kinds && !kinds.has(e.kind)) continue;
      if (q.dropletId !== undefined && !e.items.some((it) => it.id === q.dropletId)) continue;
      out.push(e);
    }
    return out;
  }

  awaySummary(sinceMs: number, nowMs: number): AwaySummary {
    const events = this.query({ sinceMs, limit: 5_000 });
    const byKind: AwaySummary['byKind'] = {};
    for (const e of events) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    return { sinceMs, untilMs: nowMs, eventCount: events.length, byKind, events: events.slice(0, 10) };
  }

  flush(): Promise<void> {
    return this.file?.flush() ?? Promise.resolve();
  }

  close(): Promise<void> {
    return this.file?.close() ?? Promise.resolve();
  }
}

/** One row per droplet in each event (one row for an event naming none), oldest first. */
export function eventsToCsv(events: readonly AttentionEvent[]): string {
  const rows: (string | number | boolean)[][] = [];
  for (const e of [...events].reverse()) {
    const base = [new Date(e.at).toISOString(), e.kind, e.summary, e.count, e.muted, e.id];
    if (e.items.length === 0) rows.push([...base, '', '', '', '', '', '']);
    for (const it of e.items) rows.push([...base, it.id, it.name, it.from, it.to, new Date(it.at).toISOString(), it.cause]);
  }
  // Quote every field and neutralise leading formula characters so a spreadsheet shows text.
  return Papa.unparse(
    { fields: ['event_time', 'kind', 'summary', 'count', 'muted', 'event_id', 'droplet_id', 'droplet_name', 'from', 'to', 'changed_at', 'cause'], data: rows },
    { quotes: true, escapeFormulae: true, newline: '\n' },
  );
}

export function eventsToJson(events: readonly AttentionEvent[]): string {
  return `${JSON.stringify([...events].reverse(), null, 2)}\n`;
}
