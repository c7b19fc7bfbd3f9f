/**
 * Signs the short-lived JWTs the Orchestrator wants: one token per droplet a request acts
 * for, cached until shortly before it expires. Concurrent requests for the same droplet
 * share one signing (the cache holds the promise).
 */
import { SignJWT } from 'jose';
import { readPrivateKey, type SigningAlgorithm } from './keys';

export interface SignerClaims {
  steward?: string;
  permissions?: string[];
  iss?: string;
  /** A string; `{droplet_id}` is replaced by the droplet signed for (e.g. "droplet-{droplet_id}"). */
  sub?: string;
  /** Only when configured: the deployed Orchestrator refuses tokens carrying `aud`. */
  aud?: string | string[];
  /** Further claims added to every token; string values may use `{droplet_id}` too. */
  extra?: Record<string, unknown>;
}

export interface SignerOptions {
  privateKeyPem: string;
  /** Token lifetime in seconds (default 300). */
  lifetimeSeconds?: number;
  /** How far `iat` is backdated, for clocks that run a little behind ours (default 5). */
  skewSeconds?: number;
  claims?: SignerClaims;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
}

/** What the client needs from a signer. */
export interface TokenSource {
  tokenFor(dropletId: number): Promise<string>;
  invalidate(dropletId?: number): void;
  readonly fingerprint?: string;
}

export interface Signer extends TokenSource {
  readonly algorithm: SigningAlgorithm;
  readonly fingerprint: string;
  readonly publicKeyPem: string;
}

/** Claims Steward controls; a template cannot override them. */
const RESERVED = new Set(['droplet_id', 'iat', 'exp']);
const REFRESH_MARGIN_SECONDS = 30;
const REFRESH_MARGIN_FRACTION = 0.1;

interface CacheEntry {
  token: Promise<string>;
  expSeconds: number;
}

export function createSigner(options: SignerOptions): Signer {
  const key = readPrivateKey(options.privateKeyPem);
  const lifetime = options.lifetimeSeconds ?? 300;
  const skew = options.skewSeconds ?? 5;
  if (!Number.isFinite(lifetime) || lifetime < 1) throw new RangeError(`Token lifetime must be at least 1 second, not ${lifetime}`);
  if (!Number.isFinite(skew) || skew < 0) throw new RangeError(`Clock skew must be zero or more seconds, not ${skew}`);
  const claims = options.claims ?? {};
  if (claims.sub !== undefined && typeof claims.sub !== 'string') throw new TypeError('The sub claim must be a string');
  const now = options.now ?? Date.now;
  // Refresh when less than 30 s or 10% of the lifetime is left, whichever is smaller,
  // so short lifetimes are not re-signed on every request.
  const margin = Math.min(REFRESH_MARGIN_SECONDS, lifetime * REFRESH_MARGIN_FRACTION);
  const cache = new Map<number, CacheEntry>();

  function payloadFor(dropletId: number, nowSeconds: number): Record<string, unknown> {
    const fill = (v: unknown): unknown => (typeof v === 'string' ? v.replaceAll('{droplet_id}', String(dropletId)) : v);
    const payload: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(claims.extra ?? {})) if (!RESERVED.has(k)) payload[k] = fill(v);
    if (claims.steward !== undefined) payload.steward = claims.steward;
    if (claims.permissions !== undefined) payload.permissions = [...claims.permissions];
    if (claims.iss !== undefined) payload.iss = claims.iss;
    if (claims.sub !== undefined) payload.sub = fill(claims.sub);
    if (claims.aud !== undefined) payload.aud = claims.aud;
    payload.droplet_id = dropletId;
    payload.iat = nowSeconds - skew;
    payload.exp = nowSeconds + lifetime;
    return payload;
  }

  function tokenFor(dropletId: number): Promise<string> {
    if (!Number.isSafeInteger(dropletId) || dropletId <= 0) {
      return Promise.reject(new RangeError(`A token is signed for a droplet id (a positive integer), not ${String(dropletId)}`));
    }
    const nowSeconds = Math.floor(now() / 1000);
    const cached = cache.get(dropletId);
    if (cached && cached.expSeconds - nowSeconds > margin) return cached.token;
    const payload = payloadFor(dropletId, nowSeconds);
    const token = new SignJWT(payload).setProtectedHeader({ alg: key.algorithm, typ: 'JWT' }).sign(key.keyObject);
    const entry: CacheEntry = { token, expSeconds: nowSeconds + lifetime };
    cache.set(dropletId, entry);
    // A failed signing must not stay cached.
    token.catch(() => {
      if (cache.get(dropletId) === entry) cache.delete(dropletId);
    });
    return token;
  }

  return {
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    publicKeyPem: key.publicKeyPem,
    tokenFor,
    invalidate(dropletId?: number) {
      if (dropletId === undefined) cache.clear();
      else cache.delete(dropletId);
    },
  };
}
