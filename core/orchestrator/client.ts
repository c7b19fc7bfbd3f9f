/**
 * The Orchestrator HTTP client. Each request is signed for the droplet it acts for, written
 * in the dialect the server speaks (learned when `auto`), logged, and read with the tolerant
 * readers from shared/udc. A 401 is retried once with a freshly signed token; registration
 * is retried with backoff on network errors and 5xx (the deployed Orchestrator answers 500
 * to a new droplet's first registration). Polling requests are not retried: polling is.
 */
import type { DropletDetails, HeartbeatAck, HeartbeatInput, ListFilters, RegisterAck, Registration, WireDialect, DialectSetting } from '../../shared/model';
import {
  buildHeartbeatRequest,
  buildRegisterRequest,
  isRecord,
  newTraceId,
  readDropletDetails,
  readEnvelope,
  readHeartbeatAck,
  readRegisterAck,
  WireFormatError,
  type BuiltRequest,
} from '../../shared/udc';
import { errorForAnswer, parseJson, readWith, significantClockOffsetMs, type Purpose, type RequestContext } from './answers';
import type { CommsLog } from './comms-log';
import { DialectTracker, isEnvelopeRefusal } from './dialect';
import { isOrchestratorError, OrchestratorError } from './errors';
import { fromServer } from './redact';
import { cleanDroplet, cleanMetrics } from './server-fields';
import { backoffDelay, type RetryPolicy } from './retry';
import type { TokenSource } from '../signing/signer';
import { createTransport, type ExchangeResult } from './transport';

export interface OrchestratorClientOptions {
  baseUrl: string;
  signer: TokenSource;
  /** The droplet list and details requests are signed for. */
  identityDropletId: number;
  dialect: DialectSetting;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  commsLog?: CommsLog;
  fetch?: typeof fetch;
  /** Epoch milliseconds. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for the backoff jitter. */
  random?: () => number;
  maxResponseBytes?: number;
}

/** `clockOffsetMs`: the Orchestrator's clock minus ours when it is a minute or more off, else 0. */
export type DetailsResult = DropletDetails & { traceId: string | null; clockOffsetMs: number };
export interface PublicInfo {
  /** The JSON object the route answered. */
  body: Record<string, unknown>;
  traceId: string | null;
}

/** What the caller knows of the droplet before registering: whether the fleet held it. */
export interface RegisterContext {
  existedBefore?: boolean | null;
}

export interface OrchestratorClient {
  /** `outcome` is told truthfully: a retry's "updated" for a row the failed first attempt wrote is "registered". */
  register(reg: Registration, context?: RegisterContext): Promise<RegisterAck>;
  heartbeat(input: HeartbeatInput): Promise<HeartbeatAck>;
  /** GET /droplets's 2xx answer as received (errors thrown as OrchestratorErrors), for a FleetDecoder: core/fleet/read-fleet.ts reads it. */
  fetchList(filters?: ListFilters): Promise<ExchangeResult>;
  /** What a decoded answer revealed of the server's dialect. */
  learnDialect(dialect: WireDialect): void;
  details(id: number): Promise<DetailsResult>;
  health(): Promise<PublicInfo>;
  version(): Promise<PublicInfo>;
  currentDialect(): WireDialect | null;
  readonly baseUrl: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

interface Operation<T> {
  purpose: Purpose;
  method: 'GET' | 'POST';
  path: string;
  /** Droplet the token is signed for; null for public routes. */
  signFor: number | null;
  /** Droplet the request acts for, for the log and messages. */
  actsFor: number | null;
  /** Builds the body in a dialect; absent for GETs. */
  build?: (dialect: WireDialect) => BuiltRequest;
  /** Answer a 2xx body as bytes (`result.bytes`), for the caller to decode. */
  raw?: boolean;
  /** Reads the 2xx answer (parseJson first, unless the caller reads the text itself). */
  read: (result: ExchangeResult) => T & { dialect?: WireDialect };
}

export function createOrchestratorClient(options: OrchestratorClientOptions): OrchestratorClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    baseUrl: options.baseUrl,
    timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    commsLog: options.commsLog,
    fetch: options.fetch,
    now: options.now,
  });
  const tracker = new DialectTracker(options.dialect);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const retry: RetryPolicy = { attempts: 4, baseMs: 250, maxMs: 4000, ...options.retry };
  const signer = options.signer;
  let probing: Promise<WireDialect> | null = null;

  /** One request-and-answer, with nothing retried. */
  async function once<T>(op: Operation<T>, dialect: WireDialect | null): Promise<T> {
    let built: BuiltRequest | null = null;
    if (op.build) {
      try {
        built = op.build(dialect ?? 'guide');
      } catch (e) {
        if (e instanceof WireFormatError) {
          throw new OrchestratorError({ kind: 'validation', message: e.message, hint: 'Nothing was sent to the Orchestrator.' });
        }
        throw e;
      }
    }
    const traceId = built?.traceId ?? newTraceId();
    const token = op.signFor === null ? null : await signer.tokenFor(op.signFor);
    const result = await transport.send({ method: op.method, path: op.path, body: built?.body, token, traceId, dropletId: op.actsFor, raw: op.raw });
    if (result.status < 200 || result.status > 299) {
      const ctx: RequestContext = { purpose: op.purpose, method: op.method, path: op.path, dropletId: op.actsFor, token, fingerprint: signer.fingerprint };
      const error = errorForAnswer(result, ctx);
      tracker.learnFromError(result.status, error.detail);
      throw error;
    }
    const value = op.read(result);
    if (value.dialect) tracker.learn(value.dialect);
    return value;
  }

  /** A 401 is answered once more with a fresh token; a body the server refused as the wrong dialect is resent once in the right one. */
  async function call<T>(op: Operation<T>): Promise<T> {
    const dialect = op.build ? (tracker.current() ?? (await probeDialect())) : tracker.current();
    let resent = false;
    let resigned = false;
    for (;;) {
      try {
        return await once(op, resent ? tracker.current() : dialect);
      } catch (e) {
        if (isOrchestratorError(e, 'auth') && op.signFor !== null && !resigned) {
          resigned = true;
          signer.invalidate(op.signFor);
          continue;
        }
        if (isOrchestratorError(e, 'auth') && resigned) {
          throw e.with({ hint: `${e.hint ?? ''} Steward signed a fresh token and tried again; that was refused too.`.trim() });
        }
        if (isOrchestratorError(e, 'validation') && isEnvelopeRefusal(e.status, e.detail) && options.dialect === 'auto' && dialect !== 'deployed' && !resent) {
          resent = true;
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * Before the first POST in `auto`, an authenticated GET /droplets shows the dialect. Only its
   * envelope is read: the fleet itself is read by the fleet decoder alone.
   */
  function probeDialect(): Promise<WireDialect> {
    probing ??= call({
      purpose: 'list',
      method: 'GET',
      path: listPath({}),
      signFor: options.identityDropletId,
      actsFor: null,
      read: (result) => ({ dialect: readWith(result, parseJson(result), readEnvelope).dialect }),
    }).then(
      (r) => tracker.current() ?? r.dialect,
      (e: unknown) => {
        probing = null;
        throw e;
      },
    );
    return probing;
  }

  function listPath(filters: ListFilters): string {
    const query = new URLSearchParams();
    if (filters.status) query.set('status', filters.status);
    if (filters.capability) query.set('capability', filters.capability);
    const qs = query.toString();
    return `/droplets${qs ? `?${qs}` : ''}`;
  }

  async function register(reg: Registration, context: RegisterContext = {}): Promise<RegisterAck> {
    const op: Operation<RegisterAck> = {
      purpose: 'register',
      method: 'POST',
      path: '/droplets/register',
      signFor: reg.id,
      actsFor: reg.id,
      build: (dialect) => buildRegisterRequest({ dialect, now: () => new Date(now()) }, reg),
      read: (result) => {
        const { dialect, ...ack } = readWith(result, parseJson(result), readRegisterAck);
        // The server's words, shown and printed as Steward's: cleaned as an error's would be.
        const message = ack.message === null ? null : fromServer(ack.message, result.sentToken);
        return { ...ack, message, traceId: result.traceId, dialect };
      },
    };
    const attempts = Math.max(1, Math.floor(retry.attempts));
    // An attempt that failed may still have written the row: the deployed Orchestrator writes a
    // new droplet, then answers 500, and answers the retry "updated".
    let failedBefore = false;
    let firstWroteRow = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = stripDialect(await call(op));
        return { ...ack, outcome: truthfulOutcome(ack.outcome, { failedBefore, firstWroteRow, existedBefore: context.existedBefore ?? null }) };
      } catch (e) {
        const retriable = isOrchestratorError(e, 'network', 'server', 'timeout');
        if (retriable) {
          failedBefore = true;
          if (attempt === 1 && wroteNewRow(e)) firstWroteRow = true;
        }
        if (!retriable || attempt >= attempts) {
          if (retriable && attempts > 1) throw e.with({ hint: `${e.hint ?? ''} Steward tried ${attempts} times.`.trim() });
          throw e;
        }
        await sleep(backoffDelay(attempt, retry, random));
      }
    }
  }

  async function heartbeat(input: HeartbeatInput): Promise<HeartbeatAck> {
    const ack = await call<HeartbeatAck>({
      purpose: 'heartbeat',
      method: 'POST',
      path: `/droplets/${encodeURIComponent(String(input.id))}/heartbeat`,
      signFor: input.id,
      actsFor: input.id,
      build: (dialect) => buildHeartbeatRequest({ dialect, now: () => new Date(now()) }, input),
      read: (result) => {
        const { dialect, ...a } = readWith(result, parseJson(result), (b) => readHeartbeatAck(b, now));
        return { ...a, traceId: result.traceId, dialect };
      },
    });
    return stripDialect(ack);
  }

  async function details(id: number): Promise<DetailsResult> {
    const d = await call<DetailsResult>({
      purpose: 'details',
      method: 'GET',
      path: `/droplets/${encodeURIComponent(String(id))}`,
      signFor: options.identityDropletId,
      actsFor: id,
      read: (result) => {
        const body = parseJson(result);
        const read = readWith(result, body, (b) => readDropletDetails(b, now));
        // The server's words about the droplet, cleaned as the list's are (core/fleet/decode-pipeline.ts).
        const heartbeats = read.heartbeats.map((h) => ({ ...h, metrics: cleanMetrics(h.metrics, result.sentToken) }));
        return { ...cleanDroplet(read, result.sentToken), heartbeats, traceId: result.traceId, clockOffsetMs: significantClockOffsetMs(result, body) };
      },
    });
    return stripDialect(d);
  }

  function publicRoute(purpose: 'health' | 'version', path: string): Promise<PublicInfo> {
    return call({
      purpose,
      method: 'GET',
      path,
      signFor: null,
      actsFor: null,
      read: (result) => ({
        body: readWith(result, parseJson(result), (b) => {
          if (!isRecord(b)) throw new WireFormatError(`expected a JSON object from ${path}`);
          return b;
        }),
        traceId: result.traceId,
      }),
    });
  }

  /** GET /droplets, answered unread and undecoded (`bytes`): the fleet decoder reads it (off main's thread in the app). */
  function fetchList(filters: ListFilters = {}): Promise<ExchangeResult> {
    return call({ purpose: 'list', method: 'GET', path: listPath(filters), signFor: options.identityDropletId, actsFor: null, raw: true, read: (result) => result });
  }

  return {
    register,
    heartbeat,
    fetchList,
    learnDialect: (dialect) => tracker.learn(dialect),
    details,
    health: () => publicRoute('health', '/health'),
    version: () => publicRoute('version', '/management/version'),
    currentDialect: () => tracker.current(),
    baseUrl: options.baseUrl,
  };
}

/** The deployed Orchestrator's recorded 500 for a new droplet: the row was written, the broadcast after it failed. */
const NEW_ROW_THEN_500 = 'broadcast_droplet_registered';

function wroteNewRow(e: OrchestratorError): boolean {
  return e.status === 500 && (e.detail ?? '').includes(NEW_ROW_THEN_500);
}

/**
 * New or updated, as it really was. The server's word stands unless an earlier attempt failed:
 * then a droplet the fleet did not hold before (or the deployed new-row 500) was new.
 */
function truthfulOutcome(
  said: RegisterAck['outcome'],
  known: { failedBefore: boolean; firstWroteRow: boolean; existedBefore: boolean | null },
): RegisterAck['outcome'] {
  if (known.firstWroteRow) return 'registered';
  if (known.existedBefore === false && (said === null || known.failedBefore)) return 'registered';
  if (known.existedBefore === true && said === null) return 'updated';
  return said;
}

/** Values cross IPC as the model's shapes; the dialect is the client's business. */
function stripDialect<T extends object>(value: T & { dialect?: WireDialect }): T {
  const { dialect: _dialect, ...rest } = value;
  return rest as T;
}
