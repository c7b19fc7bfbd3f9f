/** Shared test helpers: token signing with jose, HTTP calls, and envelope builders per dialect. */
import { createPrivateKey } from 'node:crypto';
import { importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index';
import { generateKeyPair, type KeyAlgorithm, type PemKeyPair } from '../../../sandbox/keys';

const sharedPairs = new Map<KeyAlgorithm, Promise<PemKeyPair>>();
/**
 * One pair per algorithm per test file. RSA generation costs hundreds of milliseconds on a
 * busy machine, so suites where the algorithm does not matter use EC (ES256).
 */
export function testKeys(alg: KeyAlgorithm = 'RS256'): Promise<PemKeyPair> {
  let pair = sharedPairs.get(alg);
  if (!pair) {
    pair = generateKeyPair(alg);
    sharedPairs.set(alg, pair);
  }
  return pair;
}

let otherPair: Promise<PemKeyPair> | null = null;
/** A second pair, for tokens signed with a key the sandbox does not trust. */
export function otherKeys(): Promise<PemKeyPair> {
  otherPair ??= generateKeyPair('RS256');
  return otherPair;
}

export interface TokenOptions {
  /** Default: what the private key implies (RS256 for RSA, ES256 for EC). */
  alg?: 'RS256' | 'ES256';
  /** Seconds from `nowMs`; null for a token without exp. Default 600. */
  expiresIn?: number | null;
  nowMs?: number;
  /** Write iat (default true). */
  issuedAt?: boolean;
}

export async function signToken(privateKeyPem: string, claims: JWTPayload, opts: TokenOptions = {}): Promise<string> {
  const alg = opts.alg ?? (createPrivateKey(privateKeyPem).asymmetricKeyType === 'ec' ? 'ES256' : 'RS256');
  const nowSec = Math.floor((opts.nowMs ?? Date.now()) / 1000);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg });
  if (opts.issuedAt !== false && claims.iat === undefined) jwt.setIssuedAt(nowSec);
  const expiresIn = opts.expiresIn === undefined ? 600 : opts.expiresIn;
  if (expiresIn !== null && claims.exp === undefined) jwt.setExpirationTime(nowSec + expiresIn);
  return jwt.sign(await importPKCS8(privateKeyPem, alg));
}

export interface CallResult {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  /** Serialised as JSON. */
  json?: unknown;
  /** Sent verbatim (for invalid JSON, empty bodies). */
  raw?: string;
  headers?: Record<string, string>;
}

export async function call(baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.json !== undefined) body = JSON.stringify(opts.json);
  if (opts.raw !== undefined) body = opts.raw;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** The guide's envelope, with fields overridable (or removable via `undefined`). */
export function guideEnvelope(messageType: string, source: number, payload: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const env: Record<string, unknown> = {
    trace_id: crypto.randomUUID(),
    source,
    target: 10,
    message_type: messageType,
    payload,
    timestamp: new Date().toISOString(),
    ...overrides,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

export function guideRegistration(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return guideEnvelope('command', id, {
    id,
    name: `droplet-${id}`,
    steward: 'Haythem',
    endpoint: `http://localhost:${8000 + id}`,
    capabilities: ['udc_compliance', 'health_monitoring'],
    version: '1.0.0',
    status: 'active',
    ...extra,
  });
}

/** The deployed envelope as recorded (exchange C1). */
export function deployedEnvelope(messageType: string, source: string | number, payload: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    udc_version: '1.0',
    trace_id: crypto.randomUUID(),
    source,
    target: 'droplet-10',
    message_type: messageType,
    timestamp: new Date().toISOString(),
    payload,
    ...overrides,
  };
}

export function deployedRegistration(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return deployedEnvelope('command', `droplet-${id}`, {
    droplet_id: id,
    name: 'Fleet Test Droplet',
    steward: 'tester',
    endpoint: `http://127.0.0.1:${9000 + id}`,
    capabilities: ['monitoring', 'alerts'],
    ...extra,
  });
}

export function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** The payload of an envelope body. */
export function payloadOf(body: unknown): Record<string, unknown> {
  return asRecord(asRecord(body).payload);
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 3000, stepMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Sandboxes a test starts, trusting `publicKeyPem()`, all closed by `closeAll` (call it in afterEach). */
export function sandboxPool(publicKeyPem: () => string): { start(opts?: SandboxOptions): Promise<RunningSandbox>; closeAll(): Promise<void> } {
  const running: RunningSandbox[] = [];
  return {
    async start(opts = {}) {
      const sb = await startSandbox({ publicKeyPem: publicKeyPem(), ...opts });
      running.push(sb);
      return sb;
    },
    async closeAll() {
      await Promise.all(running.splice(0).map((sb) => sb.close()));
    },
  };
}
