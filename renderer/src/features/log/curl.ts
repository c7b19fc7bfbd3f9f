/** An exchange as a curl command a steward can paste in a shell. The token never appears in it. */
import type { CommsEntry } from '../../../../shared/model';

/** Headers curl sets itself, and the credential, which the shell supplies from $STEWARD_TOKEN. */
const SKIPPED = new Set(['authorization', 'content-length', 'host', 'connection']);

/** Single-quoted for POSIX shells: nothing inside is expanded. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

export function toCurl(entry: CommsEntry, baseUrl: string | null): string {
  const url = /^https?:\/\//.test(entry.path) ? entry.path : `${(baseUrl ?? '').replace(/\/+$/, '')}${entry.path}`;
  const parts = [`curl -X ${entry.method.toUpperCase()} ${shellQuote(url)}`];
  // Double quotes on purpose: the shell fills in the token, so it is never copied.
  parts.push('-H "Authorization: Bearer $STEWARD_TOKEN"');
  for (const [name, value] of Object.entries(entry.requestHeaders)) {
    if (!SKIPPED.has(name.toLowerCase())) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (entry.requestBody !== null && entry.requestBody !== '') parts.push(`--data-raw ${shellQuote(entry.requestBody)}`);
  return parts.join(' \\\n  ');
}
