/**
 * Error bodies an Orchestrator answers with, and the typed error the protocol layer throws
 * when a response cannot be read.
 */
import { z } from 'zod';
import { isRecord } from './envelope';

/** A response that is not what the protocol promises. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
  constructor(message: string, readonly issues: string[] = []) {
    super(message);
  }
}

export const FieldErrorSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const DetailErrorSchema = z.object({ detail: z.string() });
export const ValidationErrorSchema = z.object({ detail: z.array(FieldErrorSchema.passthrough()) });
export const DeployedNotFoundSchema = z.object({ error: z.literal(true), message: z.string(), type: z.string() });

export interface ErrorBody {
  /** The server's own words, or a description of what came back. */
  message: string;
  /** Field errors of a 422, in the server's order. */
  fields: FieldError[];
}

/** Read any of the three error shapes; anything else becomes a short description of the body. */
export function readErrorBody(body: unknown, rawText = ''): ErrorBody {
  const detail = DetailErrorSchema.safeParse(body);
  if (detail.success) return { message: detail.data.detail, fields: [] };
  const validation = ValidationErrorSchema.safeParse(body);
  if (validation.success) {
    const fields = validation.data.detail.map(({ loc, msg, type }) => ({ loc, msg, type }));
    return { message: fields.map(describeFieldError).join('; ') || 'Validation failed', fields };
  }
  const notFound = DeployedNotFoundSchema.safeParse(body);
  if (notFound.success) return { message: notFound.data.message, fields: [] };
  if (isRecord(body) && typeof body.message === 'string') return { message: body.message, fields: [] };
  const text = rawText.trim();
  return { message: text ? `Unexpected body: ${text.slice(0, 200)}` : 'Empty body', fields: [] };
}

/** `name: Field required`, dropping the `body`/`payload` prefixes FastAPI adds. */
export function describeFieldError(e: FieldError): string {
  return `${fieldPath(e.loc) || 'request'}: ${e.msg}`;
}

/** The field a 422 location points at, without transport prefixes: ["body","payload","name"] -> "name". */
export function fieldPath(loc: ReadonlyArray<string | number>): string {
  const parts = loc.map(String);
  while (parts.length > 1 && (parts[0] === 'body' || parts[0] === 'payload' || parts[0] === 'path' || parts[0] === 'query')) parts.shift();
  return parts.join('.');
}
