/**
 * Credentials out of free text. A server may quote back the token it was sent ("Invalid
 * token: eyJ…"), and its words end up in errors on screen, in terminals and in the
 * communications log: the token Steward sent, anything shaped like a JWT, a `Bearer` value
 * and a `token=` / `access_token=` query value are replaced with `<redacted>`.
 */
import { neutraliseBidi } from '../../shared/text-safety';

const JWT = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]+/g;
// Not the prose that follows the word ("Missing bearer token", "Bearer realm=…").
const BEARER = /\b(Bearer)\s+(?!(?:token|tokens|auth|authentication|scheme|realm)\b)[^\s"'<>,;]+/gi;
const TOKEN_QUERY = /([?&](?:token|access_token)=)[^&#\s"']+/gi;

export const REDACTED = '<redacted>';

/** `text` with the given secrets (the request's own credentials), JWTs, Bearer values and token query values redacted. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join(REDACTED);
  return out.replace(JWT, REDACTED).replace(BEARER, `$1 ${REDACTED}`).replace(TOKEN_QUERY, `$1${REDACTED}`);
}

/**
 * The boundary where the server's words become Steward's: credentials redacted (`token` is the one
 * the request carried, caught even when not JWT-shaped) and bidi controls removed,
 * so quoted text cannot reorder the sentence around it on screen.
 */
export function fromServer(text: string, token: string | null | undefined): string {
  return neutraliseBidi(redactText(text, token ? [token] : []));
}
