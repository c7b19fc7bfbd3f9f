/**
 * Turning an Orchestrator's answer into a value or a plain-words OrchestratorError: JSON
 * parsing that says how a body is broken, and one message and hint per HTTP error status.
 */
import { decodeJwt } from 'jose';
import { isRecord, readErrorBody, WireFormatError, type FieldError } from '../../shared/udc';
import { isEnvelopeRefusal } from './dialect';
import { OrchestratorError } from './errors';
import { fromServer } from './redact';
import type { ExchangeResult } from './transport';

export type Purpose = 'register' | 'heartbeat' | 'list' | 'details' | 'health' | 'version';

/** What the request was, for the words of its errors. */
export interface RequestContext {
  purpose: Purpose;
  method: string;
  path: string;
  /** The droplet the request acts for (heartbeat, register, details) or the identity. */
  dropletId: number | null;
  token: string | null;
  fingerprint?: string;
}

const WHAT: Record<Purpose, string> = {
  register: 'registration',
  heartbeat: 'heartbeat',
  list: 'fleet list',
  details: 'droplet details',
  health: 'health check',
  version: 'version query',
};
const MAX_DETAIL = 300;
/** How much of the server's text is redacted before a short quote of it is cut: more than any token. */
const SHOWN_HEAD = 16 * 1024;

/** A 422 field error in Steward's words: every string in it is the server's. */
function serverField(f: FieldError, token: string | null): FieldError {
  return { loc: f.loc.map((part) => (typeof part === 'string' ? fromServer(part, token) : part)), msg: fromServer(f.msg, token), type: fromServer(f.type, token) };
}

/** Parse a JSON answer or throw a malformed error saying how it is broken. */
export function parseJson(result: ExchangeResult): unknown {
  const text = result.text;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const trimmed = text.trim();
    let why: string;
    if (!trimmed) why = 'it is empty';
    else if (trimmed.startsWith('<')) {
      const title = htmlTitle(trimmed);
      why = `it is HTML or XML, not JSON${title ? ` (a page titled "${title}")` : ''}`;
    }
    else if (/end of (JSON )?input|Unterminated|Expected .* after/i.test(e instanceof Error ? e.message : '') && /^[[{]/.test(trimmed)) why = 'the JSON is cut short (truncated)';
    else why = `it is not JSON (it starts "${fromServer(trimmed.slice(0, SHOWN_HEAD), null).slice(0, 40)}")`;
    throw malformed(`The Orchestrator's answer could not be read: ${why}.`, result);
  }
}

/** Run a reader; a WireFormatError becomes a malformed OrchestratorError for this exchange. */
export function readWith<T>(result: ExchangeResult, body: unknown, reader: (body: unknown) => T): T {
  try {
    return reader(body);
  } catch (e) {
    if (e instanceof WireFormatError) throw malformed(`The Orchestrator's answer has the wrong shape: ${fromServer(e.message, null)}.`, result);
    throw e;
  }
}

function malformed(message: string, result: ExchangeResult): OrchestratorError {
  return new OrchestratorError({
    kind: 'malformed',
    message,
    hint: 'Check that the URL points at an Orchestrator (not a proxy or web page) and that the dialect setting suits it. The communications log shows the raw answer.',
    status: result.status,
    traceId: result.traceId,
    exchangeId: result.exchangeId,
  });
}

/** The error for a non-2xx answer, in plain words with a hint. */
export function errorForAnswer(result: ExchangeResult, ctx: RequestContext): OrchestratorError {
  let body: unknown;
  try {
    body = JSON.parse(result.text) as unknown;
  } catch {
    body = undefined;
  }
  const html = body === undefined ? htmlSummary(result.text) : null;
  const read = html !== null ? { message: html, fields: [] } : readErrorBody(body, result.text);
  // Redacted before it is cut, so a token straddling the cut is still caught whole.
  const parsed = { message: fromServer(read.message, ctx.token), fields: read.fields.map((f) => serverField(f, ctx.token)) };
  const detail = parsed.message.length > MAX_DETAIL ? `${parsed.message.slice(0, MAX_DETAIL)}…` : parsed.message;
  const status = result.status;
  const base = { status, traceId: result.traceId, exchangeId: result.exchangeId, detail, fields: parsed.fields };
  const what = WHAT[ctx.purpose];
  const said = `(${status}: ${detail})`;

  if (status === 401) {
    const skew = clockSkewText(result, body);
    return new OrchestratorError({
      ...base,
      kind: 'auth',
      message: `The Orchestrator refused the token: its signature does not match a key it trusts, it has expired, or it lacks a claim it needs. It said: "${detail}".`,
      hint: skew
        ? `${skew} Set the right time on whichever machine is wrong (both should keep time by NTP); if the clocks agree, check that the Orchestrator trusts this profile's public key${ctx.fingerprint ? ` (${ctx.fingerprint})` : ''}.`
        : `Check that the Orchestrator trusts this profile's public key${ctx.fingerprint ? ` (${ctx.fingerprint})` : ''}, that this computer's clock is right, and that the token carries no aud claim.`,
    });
  }
  if (status === 403) return forbidden(base, ctx, detail);
  if (status === 422 || status === 400) {
    const fieldsText = parsed.fields.length > 0 ? parsed.message : detail;
    return new OrchestratorError({
      ...base,
      kind: 'validation',
      message: parsed.fields.length > 0 ? `The Orchestrator rejected the ${what}: ${fieldsText}.` : `The Orchestrator rejected the ${what} as invalid ${said}.`,
      hint: isEnvelopeRefusal(status, detail)
        ? 'This Orchestrator speaks the deployed dialect: set the profile\'s dialect to "deployed" or "auto".'
        : parsed.fields.length > 0
          ? ctx.method === 'POST'
            ? "Correct the fields named and try again; if they look right, the profile's dialect setting may not suit this Orchestrator (try auto)."
            : 'Correct the fields named and try again.'
          : null,
    });
  }
  if (status === 404) {
    const aboutDroplet = ctx.purpose === 'details' || ctx.purpose === 'heartbeat';
    return new OrchestratorError({
      ...base,
      kind: 'not_found',
      message: aboutDroplet && ctx.dropletId !== null ? `The Orchestrator does not know droplet ${ctx.dropletId} ${said}.` : `The Orchestrator has nothing at ${ctx.method} ${ctx.path} ${said}.`,
      hint: ctx.purpose === 'heartbeat' ? 'Register the droplet before sending heartbeats for it.' : aboutDroplet ? 'Check the droplet id; the fleet list shows the droplets it knows.' : 'Check the Orchestrator URL, including any path after the host.',
    });
  }
  if (status === 405) {
    return new OrchestratorError({
      ...base,
      kind: 'method_not_allowed',
      message: `The Orchestrator does not allow ${ctx.method} on ${ctx.path} (405).`,
      hint: 'This Orchestrator version may not offer this action.',
    });
  }
  if (status >= 500) {
    return new OrchestratorError({
      ...base,
      kind: 'server',
      message: `The Orchestrator failed while handling the ${what} ${said}.`,
      hint: status === 502 || status === 503 || status === 504 ? 'It may be restarting, or a proxy in front of it cannot reach it; try again shortly.' : 'This is a fault on the Orchestrator\'s side; its operator can look it up by the trace id.',
    });
  }
  return new OrchestratorError({
    ...base,
    kind: status === 429 ? 'server' : 'malformed',
    message: status === 429 ? `The Orchestrator is limiting requests ${said}.` : `The Orchestrator answered the ${what} with an unexpected status ${said}.`,
    hint: status === 429 ? 'Wait a little, or poll less often.' : null,
  });
}

/**
 * The server's clock minus ours (ms), by the answer's Date header or else its envelope
 * timestamp; null when the answer carries neither.
 */
export function serverClockOffset(result: ExchangeResult, body: unknown): { ms: number; source: string } | null {
  if (result.receivedAt === undefined) return null;
  if (result.serverDate !== undefined && result.serverDate !== null) return { ms: result.serverDate - result.receivedAt, source: 'its Date header' };
  if (isRecord(body) && typeof body.timestamp === 'string') {
    const t = Date.parse(body.timestamp);
    if (Number.isFinite(t)) return { ms: t - result.receivedAt, source: 'the timestamp in its answer' };
  }
  return null;
}

/** An offset worth correcting for, or 0: small ones are network delay and the Date header's 1-second grain. */
export function significantClockOffsetMs(result: ExchangeResult, body: unknown): number {
  const offset = serverClockOffset(result, body);
  return offset !== null && Math.abs(offset.ms) >= CLOCK_SKEW_NOTICE_MS ? offset.ms : 0;
}

/** A clock difference worth naming: well past network delay and a Date header's 1-second grain. */
export const CLOCK_SKEW_NOTICE_MS = 60_000;

/**
 * Words for how far the server's clock is from ours, judged by the answer's Date header (or
 * its envelope timestamp), when that is far enough off to make a fresh token look expired
 * (server ahead) or issued in the future (server behind); null when the clocks agree.
 */
export function clockSkewText(result: ExchangeResult, body: unknown): string | null {
  const offset = serverClockOffset(result, body);
  if (offset === null || Math.abs(offset.ms) < CLOCK_SKEW_NOTICE_MS) return null;
  const { ms: skew, source } = offset;
  const ahead = skew > 0;
  return `The Orchestrator's clock is ${formatSpan(Math.abs(skew))} ${ahead ? 'ahead of' : 'behind'} this computer's (by ${source}), so the tokens Steward signs look ${ahead ? 'already expired' : 'issued in the future'} to it.`;
}

function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** An HTML error page (a proxy's, a login portal's) in a few words, without its markup. */
function htmlSummary(text: string): string | null {
  const trimmed = text.trim();
  if (!/^<(!doctype|html|head|body|\?xml)/i.test(trimmed)) return null;
  const title = htmlTitle(trimmed);
  return title ? `an HTML page, "${title}", not the Orchestrator's JSON` : "an HTML page, not the Orchestrator's JSON";
}

/** A page's title, or its first heading, as plain text. */
function htmlTitle(html: string): string | null {
  for (const re of [/<title[^>]*>([\s\S]*?)<\/title>/i, /<h1[^>]*>([\s\S]*?)<\/h1>/i]) {
    const words = re.exec(html)?.[1]?.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    if (words) return fromServer(words.slice(0, SHOWN_HEAD), null).slice(0, 120);
  }
  return null;
}

function forbidden(base: Omit<ConstructorParameters<typeof OrchestratorError>[0], 'kind' | 'message'>, ctx: RequestContext, detail: string): OrchestratorError {
  if (ctx.purpose === 'heartbeat' && ctx.dropletId !== null) {
    const signed = signedFor(ctx.token);
    const signedText = signed === null ? 'a token without a usable droplet_id' : `a token signed for droplet ${signed}`;
    return new OrchestratorError({
      ...base,
      kind: 'forbidden',
      message: `The Orchestrator would not take a heartbeat for droplet ${ctx.dropletId} sent with ${signedText} (403: ${detail}).`,
      hint: `A heartbeat's token must carry droplet_id ${ctx.dropletId} as a number (only droplet 1 may beat for others).${signed === ctx.dropletId ? ' Steward did sign for that droplet, so the Orchestrator may read the claim differently.' : ''}`,
    });
  }
  if (/not authenticated/i.test(detail)) {
    return new OrchestratorError({
      ...base,
      kind: 'forbidden',
      message: `The Orchestrator says the ${WHAT[ctx.purpose]} request carried no credentials (403: ${detail}).`,
      hint: 'Steward sends a bearer token with every request; something in between (a proxy) may be removing the Authorization header.',
    });
  }
  return new OrchestratorError({
    ...base,
    kind: 'forbidden',
    message: `The Orchestrator refused the ${WHAT[ctx.purpose]} (403: ${detail}).`,
    hint: 'The token may lack a permission this action needs (for example admin).',
  });
}

/** The droplet_id a token was signed for, read without verifying (it is our own token). */
export function signedFor(token: string | null): number | null {
  if (!token) return null;
  try {
    const id = decodeJwt(token).droplet_id;
    return typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}
