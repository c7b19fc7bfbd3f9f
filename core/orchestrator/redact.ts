/**
 * Credentials out of free text. A server may quote back the token it was sent ("Invalid
 * token: eyJ…"), and its words end up in errors on screen, in terminals and in the
 * communications log: the token Steward sent, anything shaped like a JWT (even cut short), a
 * `Bearer` value, `token=` / `access_token=` values (query, fragment or form), JSON `"token"` /
 * `"access_token"` values and the user name and password in a URL are replaced with `<redacted>`.
 */
import { neutraliseBidi } from '../../shared/text-safety';

/** Header and payload at least begun: a quote cut before the signature still holds the claims. */
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g;
// Not the prose that follows the word ("Missing bearer token", "a Bearer token.", "Bearer realm=…"),
// which is the word alone; "Bearer token-5f3a" is a value.
const BEARER = /\b(Bearer)\s+(?!(?:token|tokens|auth|authentication|scheme|realm)[.:!?)]*(?:[\s"'<>,;=]|$))[^\s"'<>,;]+/gi;
// After `?`, `&`, `#`, a space or the start: not `csrf_token=`.
const TOKEN_PARAM = /(?<![\w.-])((?:access_)?token=)[^&#\s"']+/gi;
const TOKEN_JSON = /("(?:access_)?token"\s*:\s*")(?:[^"\\]|\\.)*(")/gi;
/** `scheme://user:pass@`: the credentials up to the `@`, never past the host part. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

export const REDACTED = '<redacted>';

/** `text` with the given secrets (the request's own credentials), JWTs, Bearer values, token values and URL credentials redacted. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join(REDACTED);
  return out
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(TOKEN_PARAM, `$1${REDACTED}`)
    .replace(TOKEN_JSON, `$1${REDACTED}$2`)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/**
 * The boundary where the server's words become Steward's: credentials redacted (`token` is the one
 * the request carried, caught even when not JWT-shaped) and bidi controls removed,
 * so quoted text cannot reorder the sentence around it on screen.
 */
export function fromServer(text: string, token: string | null | undefined): string {
  return neutraliseBidi(redactText(text, token ? [token] : []));
}
