/** Large answers in the communications log: cut to size, and still free of tokens. */
import { describe, expect, it } from 'vitest';
import { CommsLog, type CommsDraft } from '../../../../core/orchestrator/comms-log';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJkcm9wbGV0X2lkIjo0Mn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function draft(responseBody: string): CommsDraft {
  return {
    method: 'GET',
    path: '/droplets',
    status: 200,
    latencyMs: 3,
    traceId: 't',
    dropletId: null,
    requestHeaders: { Authorization: `Bearer ${TOKEN}` },
    requestBody: null,
    responseBody,
    error: null,
  };
}

describe('CommsLog with large answers', () => {
  it('redacts a token that straddles the cut, and says how much was cut', () => {
    const log = new CommsLog({ maxBodyChars: 1_000 });
    // The token starts 20 characters before the cut and ends after it.
    const body = `${'a'.repeat(980)}${TOKEN}${'b'.repeat(50_000)}`;
    const e = log.record(draft(body));
    expect(e.responseBody).not.toContain(TOKEN.slice(0, 20));
    expect(e.responseBody!.startsWith(`${'a'.repeat(980)}<redacted>`)).toBe(true);
    expect(e.responseBody!.endsWith(`… [truncated: ${body.length - 1_000} more characters]`)).toBe(true);
  });

  it('redacts the request token and JWT-shaped text echoed early in a large answer', () => {
    const log = new CommsLog({ maxBodyChars: 2_000 });
    const other = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnLXNpZy1zaWctc2ln';
    const e = log.record(draft(`{"echo":"${TOKEN}","other":"${other}","pad":"${'x'.repeat(4_000_000)}"}`));
    expect(e.responseBody).not.toContain(TOKEN);
    expect(e.responseBody).not.toContain(other);
    expect(e.responseBody!.length).toBeLessThan(2_100);
  });
});

describe('CommsLog with an answer kept as bytes (the fleet list, decoded in a worker)', () => {
  const rawDraft = (log: CommsLog, body: string): CommsDraft => {
    const bytes = new TextEncoder().encode(body);
    return { ...draft(log.headOf(bytes)), responseBytes: bytes.byteLength };
  };

  it('keeps the head, redacted, and says how large the whole answer was', () => {
    const log = new CommsLog({ maxBodyChars: 1_000 });
    const body = `${'a'.repeat(980)}${TOKEN}${'é'.repeat(50_000)}`;
    const e = log.record(rawDraft(log, body));
    expect(e.responseBody!.startsWith(`${'a'.repeat(980)}<redacted>`)).toBe(true);
    expect(e.responseBody!.endsWith(`… [truncated: ${new TextEncoder().encode(body).byteLength.toLocaleString('en-US')} bytes in all]`)).toBe(true);
  });

  it('keeps a short answer whole, multi-byte characters included', () => {
    const log = new CommsLog({ maxBodyChars: 1_000 });
    const body = `{"name":"${'ü'.repeat(900)}"}`;
    expect(log.record(rawDraft(log, body)).responseBody).toBe(body);
  });
});
