/** Node's fs error codes, read safely from an unknown throw (messages: shared/error-text.ts). */

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
