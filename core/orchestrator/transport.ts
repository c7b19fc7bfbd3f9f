/**
 * One HTTP exchange with the Orchestrator: headers, a deadline covering the whole exchange,
 * a cap on the answer's size, and a communications-log entry for every attempt. Failures
 * before an answer (refused, DNS, timeout, too large) become OrchestratorErrors here;
 * interpreting the answer is the client's job.
 */
import type { CommsLog } from './comms-log';
import { OrchestratorError } from './errors';
import { fromServer } from './redact';
import { errorText } from '../../shared/error-text';
import { formatBytes } from '../../shared/format-bytes';
import { errorCode } from '../fs/errors';

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
  commsLog?: CommsLog;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface ExchangeRequest {
  method: string;
  /** Path with query, appended to the base URL. */
  path: string;
  body?: Record<string, unknown>;
  token?: string | null;
  /** Answer a 2xx body as bytes, undecoded (for a worker thread to decode); the log gets its head. */
  raw?: boolean;
  traceId: string | null;
  /** The droplet the request acts for, for the log. */
  dropletId: number | null;
}

export interface ExchangeResult {
  status: number;
  text: string;
  exchangeId: number | null;
  traceId: string | null;
  /** A raw request's 2xx body (then `text` is empty). */
  bytes?: Uint8Array;
  /** The answer's Date header as epoch ms (the server's clock), when it sent a readable one. */
  serverDate?: number | null;
  /** Our clock (epoch ms) when the answer's headers arrived, to compare with `serverDate`. */
  receivedAt?: number;
  /**
   * The token the request carried, so whoever turns the answer's words into Steward's text can
   * redact it (fromServer) even when the server quotes it in a successful answer. Never shown or logged.
   */
  sentToken?: string | null;
}

export interface Transport {
  send(request: ExchangeRequest): Promise<ExchangeResult>;
  readonly host: string;
}

/** Checks the URL up front so a typo is reported as such, not as a network failure. */
export function normaliseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RangeError(`The Orchestrator URL "${baseUrl}" is not a valid URL (expected something like http://host:8000).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RangeError(`The Orchestrator URL must start with http:// or https://, not ${url.protocol}//`);
  }
  return url;
}

export function createTransport(options: TransportOptions): Transport {
  const base = normaliseBaseUrl(options.baseUrl);
  const prefix = base.toString().replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const limitText = formatBytes(options.maxResponseBytes);

  async function send(req: ExchangeRequest): Promise<ExchangeResult> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    const bodyText = req.body === undefined ? null : JSON.stringify(req.body);
    if (bodyText !== null) headers['Content-Type'] = 'application/json';
    if (req.traceId) headers['X-Trace-ID'] = req.traceId;

    const startedAt = now();
    const started = performance.now();
    let status: number | null = null;
    let serverDate: number | null = null;
    let receivedAt = startedAt;
    let text: string | null = null;
    let bytes: Uint8Array | undefined;
    let logBody: string | null = null;
    let logBytes: number | undefined;
    let failure: OrchestratorError | null = null;
    let logError: string | null = null;
    try {
      const signal = AbortSignal.timeout(options.timeoutMs);
      const url = `${prefix}${req.path}`;
      // Never followed: a 301/302 would turn a heartbeat POST into a GET elsewhere (and its
      // answer read as an acknowledgement); a 307/308 would send the body and token on.
      const res = await doFetch(url, { method: req.method, headers, body: bodyText ?? undefined, signal, redirect: 'manual' });
      status = res.status;
      receivedAt = now();
      serverDate = readHttpDate(res.headers.get('date'));
      const read = await readCapped(res, options.maxResponseBytes);
      if (req.raw && status >= 200 && status <= 299 && !read.exceeded) {
        bytes = read.bytes;
        logBody = options.commsLog?.headOf(bytes) ?? null;
        logBytes = bytes.byteLength;
      } else {
        text = utf8.decode(read.bytes);
        logBody = text;
      }
      if (status >= 300 && status <= 399) {
        const location = redirectTarget(res.headers.get('location'), url, req.token);
        logError = `redirect (${status}) to ${location}; not followed`;
        failure = new OrchestratorError({
          kind: 'malformed',
          message: `The Orchestrator answered with a redirect (${status}) to ${location}; Steward does not follow redirects, so nothing was sent there.`,
          hint: 'If that is where the Orchestrator now lives, put that address in the profile (an http:// URL redirected to https:// is a common case); otherwise check what sits in front of the Orchestrator.',
          status,
        });
      } else if (read.exceeded) {
        logError = `answer larger than ${limitText}; stopped reading`;
        failure = new OrchestratorError({
          kind: 'malformed',
          message: `The Orchestrator's answer was larger than ${limitText}, so Steward stopped reading it.`,
          hint: 'An answer that large is not one the Orchestrator should send; check the URL points at the Orchestrator.',
          status,
        });
      }
    } catch (e) {
      failure = describeFailure(e, base, options.timeoutMs, status);
      logError = failure.detail;
    }
    const entry = options.commsLog?.record({
      startedAt,
      method: req.method,
      path: req.path,
      status,
      latencyMs: performance.now() - started,
      traceId: req.traceId,
      dropletId: req.dropletId,
      requestHeaders: headers,
      requestBody: bodyText,
      responseBody: logBody,
      ...(logBytes === undefined ? {} : { responseBytes: logBytes }),
      error: logError,
    });
    const exchangeId = entry?.id ?? null;
    if (failure) throw failure.with({ traceId: req.traceId, exchangeId });
    return { status: status ?? 0, text: text ?? '', ...(bytes ? { bytes } : {}), exchangeId, traceId: req.traceId, serverDate, receivedAt, sentToken: req.token ?? null };
  }

  return { send, host: base.host };
}

/** Where a redirect pointed, absolute, in Steward's words (the server's text, so redacted). */
function redirectTarget(location: string | null, requestUrl: string, token: string | null | undefined): string {
  if (location === null || location.trim() === '') return 'no address (its Location header is missing)';
  let target = location;
  try {
    target = new URL(location, requestUrl).toString();
  } catch {
    // Not a URL: named as it came.
  }
  return `"${fromServer(target, token)}"`;
}

function readHttpDate(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

const utf8 = new TextDecoder();

/** Read the body, giving up past `max` bytes (what came until then is answered). */
async function readCapped(res: Response, max: number): Promise<{ bytes: Uint8Array; exceeded: boolean }> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    return { bytes: new Uint8Array(0), exceeded: true };
  }
  if (!res.body) return { bytes: new Uint8Array(0), exceeded: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let exceeded = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      exceeded = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  // One buffer of its own, so it can be handed to a worker thread without a copy.
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { bytes, exceeded };
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed before the answer was complete',
  EPIPE: 'the connection was closed while sending',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EADDRNOTAVAIL: 'the address is not available',
};
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/** A failure before (or while reading) an answer; `detail` is the short text for the log. */
function describeFailure(e: unknown, base: URL, timeoutMs: number, status: number | null): OrchestratorError {
  const cause = e instanceof Error && e.cause !== undefined ? e.cause : e;
  const code = errorCode(cause) ?? errorCode(e) ?? null;
  const name = e instanceof Error || (typeof e === 'object' && e !== null) ? (e as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError' || name === 'AbortError' || (code !== null && TIMEOUT_CODES.has(code))) {
    const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
    return new OrchestratorError({
      kind: 'timeout',
      // A status means the answer had begun: it came too slowly, rather than not at all.
      message:
        status === null
          ? `The Orchestrator at ${base.host} did not answer within ${seconds}.`
          : `The Orchestrator at ${base.host} began answering but did not finish within ${seconds}.`,
      hint: 'It may be overloaded, or the network slow. Try again; the timeout can be raised in the profile.',
      status,
      detail: `timeout after ${timeoutMs} ms`,
    });
  }
  let reason: string;
  let hint = 'Check the Orchestrator URL in the profile and that the Orchestrator is running.';
  if (code !== null && DNS_CODES.has(code)) {
    reason = `the name "${base.hostname}" could not be found (DNS)`;
    hint = 'Check the host name in the Orchestrator URL and this computer\'s network connection.';
  } else if (code !== null && NETWORK_REASONS[code]) {
    reason = NETWORK_REASONS[code];
  } else if (code !== null && /CERT|SSL|TLS/i.test(code)) {
    reason = `its TLS certificate is not trusted (${code})`;
    hint = 'The Orchestrator\'s HTTPS certificate could not be verified; check the URL, or the certificate with its operator.';
  } else {
    const message = cause instanceof Error ? cause.message : errorText(e);
    reason = code ? `${message} (${code})` : message;
  }
  return new OrchestratorError({
    kind: 'network',
    message:
      status === null
        ? `Could not reach the Orchestrator at ${base.host}: ${reason}.`
        : `The Orchestrator at ${base.host} began answering, but the answer broke off: ${reason}.`,
    hint: status === null ? hint : 'The Orchestrator, or something between it and this computer (a proxy, a VPN), dropped the connection. Try again; this is usually passing.',
    status,
    detail: code && !reason.includes(code) ? `${reason} (${code})` : reason,
  });
}
