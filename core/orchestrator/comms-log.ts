/**
 * The communications log: every exchange with the Orchestrator, credentials removed, in a
 * bounded in-memory ring the UI reads newest-first and (optionally) in a rotating
 * JSON-lines file. Recording never waits for the disk.
 */
import type { CommsEntry } from '../../shared/model';
import { RotatingFile } from '../fs/rotating-file';
import { redactText } from './redact';

/** What the client knows about an exchange; the log assigns id and time and redacts. */
export interface CommsDraft {
  /** When the request started (epoch ms); defaults to now. */
  startedAt?: number;
  method: string;
  path: string;
  status: number | null;
  latencyMs: number;
  traceId: string | null;
  dropletId: number | null;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseBody: string | null;
  /**
   * Set when `responseBody` is only the head of the answer (`headOf()`, so a 4 MB answer is
   * never decoded on main's thread): the answer's size in bytes.
   */
  responseBytes?: number;
  error: string | null;
}

export interface CommsLogOptions {
  /** Entries kept in memory (default 2,000). */
  capacity?: number;
  /** JSON-lines file; none when omitted. */
  file?: string;
  maxFileBytes?: number;
  keepFiles?: number;
  /** Bodies longer than this are cut, with a marker (default 64 KB). */
  maxBodyChars?: number;
  now?: () => number;
  /** Each write to the file: the failure, or null once one succeeded (entries stay in memory either way). */
  onFileWrite?: (failure: unknown) => void;
}

export type CommsListener = (entry: CommsEntry) => void;

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

export class CommsLog {
  private readonly ring: CommsEntry[] = [];
  private readonly capacity: number;
  private readonly maxBodyChars: number;
  private readonly now: () => number;
  private readonly file: RotatingFile | null;
  private readonly listeners = new Set<CommsListener>();
  private nextId = 1;

  constructor(options: CommsLogOptions = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? 2000));
    this.maxBodyChars = Math.max(16, options.maxBodyChars ?? 64 * 1024);
    this.now = options.now ?? Date.now;
    this.file = options.file ? new RotatingFile({ path: options.file, maxBytes: options.maxFileBytes, keep: options.keepFiles, onWrite: options.onFileWrite }) : null;
  }

  record(draft: CommsDraft): CommsEntry {
    const secrets = secretsIn(draft.requestHeaders);
    const scrub = (text: string | null): string | null => (text === null ? null : redactText(text, secrets));
    const entry: CommsEntry = {
      id: this.nextId++,
      time: new Date(draft.startedAt ?? this.now()).toISOString(),
      method: draft.method.toUpperCase(),
      path: scrub(draft.path) ?? '',
      status: draft.status,
      latencyMs: Math.max(0, Math.round(draft.latencyMs)),
      traceId: draft.traceId,
      dropletId: draft.dropletId,
      requestHeaders: redactHeaders(draft.requestHeaders),
      requestBody: this.kept(draft.requestBody, scrub),
      responseBody: draft.responseBytes === undefined ? this.kept(draft.responseBody, scrub) : this.keptHead(draft.responseBody, draft.responseBytes, scrub),
      error: scrub(draft.error),
    };
    this.ring.push(entry);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    this.file?.append(JSON.stringify(entry));
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A broken listener must not break the request that is being logged.
      }
    }
    return entry;
  }

  /** Newest first; at most `limit` entries. */
  entries(limit?: number): CommsEntry[] {
    const n = limit === undefined ? this.ring.length : Math.max(0, Math.min(limit, this.ring.length));
    return this.ring.slice(this.ring.length - n).reverse();
  }

  get(id: number): CommsEntry | undefined {
    for (let i = this.ring.length - 1; i >= 0; i--) if (this.ring[i]!.id === id) return this.ring[i];
    return undefined;
  }

  subscribe(listener: CommsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last disk error, while writing the file fails (null again once a write succeeds). */
  get fileError(): string | null {
    return this.file?.lastError ?? null;
  }

  flush(): Promise<void> {
    return this.file?.flush() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.file?.close();
  }

  /**
   * The start of an answer's bytes, decoded: enough for what the log keeps of it. Mostly ASCII,
   * so a byte a character is tried first; then up to 3 bytes a UTF-16 unit, UTF-8's most.
   */
  headOf(bytes: Uint8Array): string {
    const chars = this.maxBodyChars + SCRUB_MARGIN_CHARS;
    const head = utf8.decode(bytes.subarray(0, chars));
    if (head.length >= chars || bytes.byteLength <= chars) return head;
    return utf8.decode(bytes.subarray(0, chars * 3));
  }

  private keptHead(head: string | null, totalBytes: number, scrub: (t: string | null) => string | null): string | null {
    if (head === null) return null;
    const kept = scrub(head) ?? '';
    // headOf() gives more than the log keeps unless the answer is shorter: then it is whole.
    if (head.length <= this.maxBodyChars) return kept;
    return `${kept.slice(0, this.maxBodyChars)}… [truncated: ${GROUPED.format(totalBytes)} bytes in all]`;
  }

  /**
   * A body as the log keeps it: scrubbed, and cut at maxBodyChars. Only the part kept is
   * scrubbed (with a margin, so a secret straddling the cut is still caught whole): scrubbing
   * all of a 10,000-droplet answer (4 MB) would cost ~10 ms on every poll.
   */
  private kept(text: string | null, scrub: (t: string | null) => string | null): string | null {
    if (text === null || text.length <= this.maxBodyChars) return scrub(text);
    const head = scrub(text.slice(0, this.maxBodyChars + SCRUB_MARGIN_CHARS)) ?? '';
    return `${head.slice(0, this.maxBodyChars)}… [truncated: ${text.length - this.maxBodyChars} more characters]`;
  }
}

const utf8 = new TextDecoder();
/** One formatter for every poll's note: toLocaleString builds a new one each call. */
const GROUPED = new Intl.NumberFormat('en-US');

/** Longer than any token Steward signs or a server could reasonably echo. */
const SCRUB_MARGIN_CHARS = 16 * 1024;

/** Headers with credentials replaced: `Authorization: Bearer <redacted>`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) out[name] = value;
    else {
      const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} <redacted>` : '<redacted>';
    }
  }
  return out;
}

function secretsIn(headers: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) continue;
    const credential = /^\S+\s+(.+)$/.exec(value)?.[1] ?? value;
    out.push(credential.trim());
  }
  return out;
}

/** A curl command that replays an exchange; the token comes from `$STEWARD_TOKEN`. */
export function curlFor(entry: CommsEntry, baseUrl: string): string {
  const url = `${baseUrl.replace(/\/+$/, '')}${entry.path}`;
  const parts = ['curl', '-X', entry.method, quote(url)];
  for (const [name, value] of Object.entries(entry.requestHeaders)) {
    if (name.toLowerCase() === 'authorization') parts.push('-H', '"Authorization: Bearer $STEWARD_TOKEN"');
    else if (!SECRET_HEADERS.has(name.toLowerCase())) parts.push('-H', quote(`${name}: ${value}`));
  }
  if (entry.requestBody !== null) parts.push('--data-raw', quote(entry.requestBody));
  return parts.join(' ');
}

/** POSIX shell single quotes. */
function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}
