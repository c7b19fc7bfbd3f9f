/** The probe worker's client: answers, never throws, even when its worker cannot run. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { workerRouteClient } from '../../../../core/probes/worker-route-client';
import type { RouteClient } from '../../../../core/probes/route-get';

const WORKER_SOURCE = fileURLToPath(new URL('../../../../core/probes/route-worker.ts', import.meta.url));
const OPTIONS = { timeoutMs: 2_000, maxBytes: 1024, maxSockets: 4 };
const open: { clients: RouteClient[]; servers: Server[] } = { clients: [], servers: [] };
afterEach(async () => {
  for (const c of open.clients.splice(0)) c.close();
  await Promise.all(open.servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(body: string): Promise<string> {
  const server = createServer((_req, res) => res.end(body));
  open.servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

describe('workerRouteClient', () => {
  it('answers GETs from its worker thread, many at once, each with its own body', async () => {
    const c = workerRouteClient(WORKER_SOURCE, OPTIONS);
    open.clients.push(c);
    const urls = await Promise.all(['{"a":1}', '{"b":2}', '{"c":3}'].map(serve));
    const answers = await Promise.all(urls.map((u) => c.get(u)));
    expect(answers.map((a) => (a.ok ? a.text : a.error))).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('answers with why when its worker cannot start, and does not throw', async () => {
    const c = workerRouteClient('/nowhere/route-worker.js', OPTIONS);
    open.clients.push(c);
    const a = await c.get('http://127.0.0.1:9/health');
    expect(a).toMatchObject({ ok: false, error: expect.stringMatching(/^Steward's probe worker stopped/) });
  });

  it('answers GETs in flight when closed', async () => {
    const c = workerRouteClient(WORKER_SOURCE, OPTIONS);
    // A server that never answers: the GET is still in flight when the client closes.
    const server = createServer(() => undefined);
    open.servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const pending = c.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
    await new Promise((r) => setTimeout(r, 300));
    c.close();
    expect(await pending).toMatchObject({ ok: false, error: "Steward's probe worker stopped (closed)" });
    server.closeAllConnections();
  });
});
