/**
 * Bearer-token checks per dialect. Both verify the signature with the configured public key
 * (only the algorithm that key implies), honour exp/nbf, and, stricter than production,
 * require `exp` and refuse an `iat` in the future, so a leaked token cannot live forever.
 * The deployed Orchestrator runs python-jose with its defaults, which additionally refuses
 * any `aud`, a non-string `sub` and a non-numeric `iat`, and answers a missing header with
 * 403 rather than 401.
 */
import { jwtVerify, type JWTPayload } from 'jose';
import type { WireDialect } from '../shared/model';
import { loadVerificationKey, type VerificationKey } from './keys';
import type { Reply } from './reply';

export type AuthOutcome = { ok: true; claims: JWTPayload } | { ok: false; reply: Reply };

export interface Authenticator {
  /** From an `Authorization` header value (HTTP routes). */
  fromHeader(header: string | undefined): Promise<AuthOutcome>;
  /** From a bare token (the WebSocket `?token=`). */
  fromToken(token: string): Promise<AuthOutcome>;
}

/**
 * How far `iat` may be ahead of the sandbox's clock, for a signer whose clock runs a little
 * fast (Steward's own signer backdates iat by 5 s). exp and nbf keep no tolerance.
 */
export const IAT_LEEWAY_SECONDS = 60;

const COULD_NOT_VALIDATE: Reply = {
  status: 401,
  body: { detail: 'Could not validate credentials' },
  headers: { 'WWW-Authenticate': 'Bearer' },
};

export function createAuthenticator(publicKeyPem: string, dialect: WireDialect, now: () => number, iatLeewaySeconds = IAT_LEEWAY_SECONDS): Authenticator {
  const key: VerificationKey = loadVerificationKey(publicKeyPem);
  // FastAPI's HTTPBearer: 403 in the deployed version, 401 as the guide documents.
  const missingStatus = dialect === 'deployed' ? 403 : 401;
  const refuse = (status: number, text: string): AuthOutcome => ({
    ok: false,
    reply: { status, body: { detail: text }, ...(status === 401 ? { headers: { 'WWW-Authenticate': 'Bearer' } } : {}) },
  });

  const fromToken = async (token: string): Promise<AuthOutcome> => {
    try {
      const at = now();
      const { payload } = await jwtVerify(token, key.key, { algorithms: [key.algorithm], currentDate: new Date(at), requiredClaims: ['exp'] });
      if (issuedInFuture(payload, at, iatLeewaySeconds)) return { ok: false, reply: COULD_NOT_VALIDATE };
      if (dialect === 'deployed' && !passesPythonJoseDefaults(payload)) return { ok: false, reply: COULD_NOT_VALIDATE };
      return { ok: true, claims: payload };
    } catch {
      return { ok: false, reply: COULD_NOT_VALIDATE };
    }
  };

  return {
    fromToken,
    async fromHeader(header) {
      // Starlette's get_authorization_scheme_param: split at the first space.
      const text = header ?? '';
      const space = text.indexOf(' ');
      const scheme = space < 0 ? text : text.slice(0, space);
      const credentials = space < 0 ? '' : text.slice(space + 1);
      if (!scheme || !credentials) return refuse(missingStatus, 'Not authenticated');
      if (scheme.toLowerCase() !== 'bearer') {
        return dialect === 'deployed' ? refuse(403, 'Invalid authentication credentials') : refuse(401, 'Not authenticated');
      }
      return fromToken(credentials);
    },
  };
}

/** jose has already refused a non-numeric iat; a missing one is allowed. */
function issuedInFuture(claims: JWTPayload, nowMs: number, leewaySeconds: number): boolean {
  return claims.iat !== undefined && claims.iat > nowMs / 1000 + leewaySeconds;
}

/** python-jose without an audience option refuses any `aud`; it also type-checks sub and jti. */
function passesPythonJoseDefaults(claims: JWTPayload): boolean {
  if (claims.aud !== undefined) return false;
  if (claims.sub !== undefined && typeof claims.sub !== 'string') return false;
  if (claims.jti !== undefined && typeof claims.jti !== 'string') return false;
  return true;
}
