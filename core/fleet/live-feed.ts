/**
 * The `/ws/droplets` live feed: status changes pushed as they happen, so the fleet view
 * need not wait for the next poll. It is an accelerator, never the source of truth (polling
 * goes on), so every failure just means "retry later": exponential backoff with jitter, so a
 * restarting Orchestrator is not hit by every Steward at once. An Orchestrator without the
 * route (the guide's, answering 404) is asked again only rarely.
 */
import WebSocket from 'ws';
import type { ClientOptions, RawData } from 'ws';
import type { StatusChange } from '../../shared/model';
import { readLiveMessage } from '../../shared/udc/readers';
import { errorText } from '../../shared/error-text';

export type LiveState = 'connecting' | 'open' | 'closed' | 'unavailable';
export interface LiveStateEvent {
  state: LiveState;
  reason?: string;
  retryInMs?: number;
}

export interface LiveFeedOptions {
  /** http(s)://host:port[/prefix]; the ws(s) URL is derived from it. */
  baseUrl: string;
  /** Asked before every connect, so an expired token is never reused. */
  token: () => Promise<string>;
  onChange: (c: StatusChange) => void;
  onState?: (s: LiveStateEvent) => void;
  backoff?: { baseMs?: number; maxMs?: number };
  /** Retry pace once the route answered 404 (default 5 min). */
  unavailableRetryMs?: number;
  /** Silence after which the connection is presumed dead (default 90 s: the deployed Orchestrator pings every 30 s). */
  idleTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  /** `ws`'s WebSocket (the default) or a subclass of it. */
  WebSocketImpl?: new (url: string, options: ClientOptions) => WebSocket;
  random?: () => number;
}

/** A connection open this long was healthy: its loss restarts the backoff from the base. */
const STABLE_MS = 10_000;
const MAX_MESSAGE_BYTES = 1 << 20;

export class LiveFeed {
  private readonly opts: LiveFeedOptions;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private running = false;
  /** Bumped by start/stop so late callbacks of an old connection are ignored. */
  private generation = 0;
  private attempt = 0;
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  /** The open connection's last traffic (message, ping or pong), null while none is open. */
  private heardAt: number | null = null;

  constructor(opts: LiveFeedOptions) {
    this.opts = opts;
    this.baseMs = Math.max(1, opts.backoff?.baseMs ?? 1000);
    this.maxMs = Math.max(this.baseMs, opts.backoff?.maxMs ?? 30_000);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    void this.connect(++this.generation);
  }

  /** Whether a connection is open and when it was last heard from: what the poll pace is judged on. */
  signal(): { open: boolean; lastHeardMs: number | null } {
    return { open: this.heardAt !== null, lastHeardMs: this.heardAt };
  }

  stop(): void {
    if (!this.running) return;
    this.heardAt = null;
    this.running = false;
    this.generation++;
    this.clearTimers();
    const ws = this.socket;
    this.socket = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => undefined); // terminate() mid-handshake emits one
      ws.terminate();
    }
    this.report({ state: 'closed', reason: 'stopped' });
  }

  private async connect(gen: number): Promise<void> {
    this.report({ state: 'connecting' });
    let url: string;
    try {
      url = this.urlFor(await this.opts.token());
    } catch (e) {
      if (gen === this.generation) this.retry('closed', `Could not prepare the live connection: ${errorText(e)}`, this.nextDelay());
      return;
    }
    if (gen !== this.generation) return;

    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    let ws: WebSocket;
    try {
      // No permessage-deflate: `ws` asks for it by default and uvicorn (serving the deployed
      // FastAPI Orchestrator) agrees by default; every ~200-byte push would then be inflated
      // through zlib, for no saving.
      ws = new Impl(url, { handshakeTimeout: this.opts.handshakeTimeoutMs ?? 10_000, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
    } catch (e) {
      this.retry('closed', `Could not open the live connection: ${errorText(e)}`, this.nextDelay());
      return;
    }
    this.socket = ws;
    let httpStatus: number | null = null;
    let failure: string | null = null;
    let openedAt: number | null = null;
    let heardAny = false;
    let lastSeen = Date.now();
    const heard = (): void => {
      lastSeen = Date.now();
      if (this.socket === ws) this.heardAt = lastSeen;
    };

    ws.on('unexpected-response', (_req, res) => {
      httpStatus = res.statusCode ?? null;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      heard();
      openedAt = lastSeen;
      this.report({ state: 'open' });
      this.watchIdle(ws, () => lastSeen, (why) => (failure = why));
    });
    ws.on('message', (data) => {
      heard();
      heardAny = true;
      const msg = readLiveMessage(toText(data));
      if (msg === null || msg === 'ping') return; // a ping only proves the link is alive
      try {
        this.opts.onChange(msg);
      } catch {
        // A listener's failure must not drop the connection.
      }
    });
    ws.on('ping', heard);
    ws.on('pong', heard);
    ws.on('error', (e) => (failure ??= e.message));
    ws.on('close', (code, reasonBuf) => {
      if (gen !== this.generation || this.socket !== ws) return;
      this.socket = null;
      this.heardAt = null;
      this.clearTimers();
      if (httpStatus === 404) {
        this.retry('unavailable', 'This Orchestrator does not offer live updates (/ws/droplets answered 404)', this.opts.unavailableRetryMs ?? 300_000);
        return;
      }
      if (openedAt !== null && (heardAny || Date.now() - openedAt >= STABLE_MS)) this.attempt = 0;
      let reason: string;
      if (httpStatus === 401 || httpStatus === 403) reason = `The Orchestrator refused the live-updates token (HTTP ${httpStatus})`;
      else if (httpStatus !== null) reason = `The live-updates handshake answered HTTP ${httpStatus}`;
      else if (openedAt !== null) {
        const text = reasonBuf.toString();
        reason = failure ?? `The live connection closed (code ${code}${text ? `: ${text}` : ''})`;
      } else reason = `Could not open the live connection: ${failure ?? 'unknown error'}`;
      this.retry('closed', reason, this.nextDelay());
    });
  }

  private retry(state: 'closed' | 'unavailable', reason: string, delayMs: number): void {
    if (!this.running) return;
    const gen = this.generation;
    this.report({ state, reason, retryInMs: delayMs });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (gen === this.generation) void this.connect(gen);
    }, delayMs);
  }

  /** Exponential, with "equal jitter": at least half the step, so retries stay spaced. */
  private nextDelay(): number {
    const step = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(step / 2 + (this.opts.random ?? Math.random)() * (step / 2));
  }

  /** Half-open TCP shows no error: ping when quiet, give up when silent too long. */
  private watchIdle(ws: WebSocket, lastSeen: () => number, fail: (why: string) => void): void {
    const idleMs = Math.max(30, this.opts.idleTimeoutMs ?? 90_000);
    this.idleTimer = setInterval(() => {
      const quiet = Date.now() - lastSeen();
      if (quiet > idleMs) {
        fail(`No traffic for ${Math.round(quiet / 1000)} s`);
        ws.terminate();
      } else if (quiet > idleMs / 3) {
        try {
          ws.ping();
        } catch {
          // Closing already; the close handler takes over.
        }
      }
    }, idleMs / 3);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.retryTimer = null;
    this.idleTimer = null;
  }

  private urlFor(token: string): string {
    const u = new URL(this.opts.baseUrl);
    if (u.protocol === 'https:') u.protocol = 'wss:';
    else if (u.protocol === 'http:') u.protocol = 'ws:';
    else if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new Error(`${u.protocol} is not an http(s) URL`);
    u.pathname = `${u.pathname.replace(/\/+$/, '')}/ws/droplets`;
    u.search = '';
    u.hash = '';
    u.searchParams.set('token', token);
    return u.toString();
  }

  private report(s: LiveStateEvent): void {
    try {
      this.opts.onState?.(s);
    } catch {
      // Observers must not break the feed.
    }
  }
}

function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
