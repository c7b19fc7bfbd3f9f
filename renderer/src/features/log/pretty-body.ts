/** A body for reading: indented JSON when it parses, the text as sent otherwise. */
export function prettyBody(body: string | null): { text: string; json: boolean } | null {
  if (body === null || body === '') return null;
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}
