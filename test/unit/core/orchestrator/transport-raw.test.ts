/** The fleet list's answer is handed on as bytes (decoded in a worker); everything else as text. */
import { describe, expect, it } from 'vitest';
import { CommsLog } from '../../../../core/orchestrator/comms-log';
import { isOrchestratorError } from '../../../../core/orchestrator/errors';
import { createTransport } from '../../../../core/orchestrator/transport';

const body = JSON.stringify({ payload: { droplets: [{ id: 1, name: 'ünïcode' }], pad: 'x'.repeat(200_000) } });

function transport(status: number, text: string, commsLog = new CommsLog({ maxBodyChars: 1_000 })) {
  const fetch = async () => new Response(new TextEncoder().encode(text), { status, headers: { 'content-type': 'application/json' } });
  return { log: commsLog, t: createTransport({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1_000, maxResponseBytes: 10 * 1024 * 1024, commsLog, fetch }) };
}

describe('transport, raw answers', () => {
  it('answers a 2xx body as bytes that decode to exactly what was sent, and logs its head', async () => {
    const { t, log } = transport(200, body);
    const r = await t.send({ method: 'GET', path: '/droplets', traceId: 't', dropletId: null, raw: true });
    expect(r.text).toBe('');
    expect(new TextDecoder().decode(r.bytes)).toBe(body);
    // Its own buffer, so it can move to a worker without a copy.
    expect(r.bytes!.byteOffset).toBe(0);
    expect(r.bytes!.buffer.byteLength).toBe(r.bytes!.byteLength);
    const entry = log.entries(1)[0]!;
    expect(entry.responseBody!.startsWith('{"payload":{"droplets":[{"id":1,"name":"ünïcode"}]')).toBe(true);
    expect(entry.responseBody).toMatch(/truncated: [\d,]+ bytes in all/);
  });

  it('answers an error body as text, for the error message', async () => {
    const { t } = transport(503, '{"detail":"down for maintenance"}');
    const r = await t.send({ method: 'GET', path: '/droplets', traceId: 't', dropletId: null, raw: true });
    expect(r.status).toBe(503);
    expect(r.bytes).toBeUndefined();
    expect(r.text).toContain('down for maintenance');
  });

  it('still refuses an answer past the size cap', async () => {
    const commsLog = new CommsLog({ maxBodyChars: 1_000 });
    const fetch = async () => new Response(new Uint8Array(64), { status: 200 });
    const t = createTransport({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1_000, maxResponseBytes: 32, commsLog, fetch });
    const e = await t.send({ method: 'GET', path: '/droplets', traceId: 't', dropletId: null, raw: true }).catch((x: unknown) => x);
    expect(isOrchestratorError(e, 'malformed')).toBe(true);
  });
});
