/** What a handler answers: a status, an optional JSON body and extra headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function detail(status: number, text: string): Reply {
  return { status, body: { detail: text } };
}

/** A body serialised already: large lists splice cached per-droplet JSON instead of re-encoding it. */
export class JsonText {
  constructor(readonly text: string) {}
}

const SLOT = '\u0000raw-json-slot\u0000';

/** `JSON.stringify(value)` with `value[key]` replaced by the given JSON text, key order kept. */
export function withRawJson(value: Record<string, unknown>, key: string, rawJson: string): JsonText {
  const text = JSON.stringify({ ...value, [key]: SLOT });
  const slot = JSON.stringify(SLOT);
  const at = text.indexOf(slot);
  return new JsonText(`${text.slice(0, at)}${rawJson}${text.slice(at + slot.length)}`);
}
