/** Node's fs error codes and messages, read safely from an unknown throw. */

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
