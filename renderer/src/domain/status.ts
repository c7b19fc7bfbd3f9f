/** The colour family of a status, as CSS classes use it: `tone-ok`, `tone-warn`... */
export type Tone = 'ok' | 'warn' | 'err' | 'info' | 'muted';

export function statusTone(status: string): Tone {
  switch (status) {
    case 'active':
      return 'ok';
    case 'late':
      return 'warn';
    case 'error':
      return 'err';
    case 'maintenance':
      return 'info';
    default:
      return 'muted';
  }
}

/** HTTP status class of an exchange; `failed` when no answer came back. */
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'failed';

export function statusClass(status: number | null): StatusClass {
  if (status === null) return 'failed';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}

export function statusClassTone(c: StatusClass): Tone {
  return c === '2xx' ? 'ok' : c === '3xx' ? 'info' : c === '4xx' ? 'warn' : 'err';
}
