/** A scripted node:http server for client tests that need answers no Orchestrator gives. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void;

export interface TinyServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function tinyServer(handler: Handler): Promise<TinyServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(r);
      handler(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A guide-shaped success envelope (no udc_version). */
export function guideEnvelope(payload: Record<string, unknown>, traceId = 'auto-generated'): Record<string, unknown> {
  return { trace_id: traceId, source: 10, target: 42, message_type: 'response', payload, timestamp: '2026-01-18T10:00:01Z' };
}

/** A deployed-shaped success envelope. */
export function deployedEnvelope(payload: Record<string, unknown>, traceId = 'srv-trace'): Record<string, unknown> {
  return { udc_version: '1.0', trace_id: traceId, source: 'droplet-10', target: 'client', message_type: 'response', timestamp: '2026-11-27T05:09:40.393607+00:00', payload };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `serve(handler)` for a test file: every server it starts is closed after each test. */
export function servePerTest(): (handler: Handler) => Promise<TinyServer> {
  const servers: TinyServer[] = [];
  afterEach(async () => {
    while (servers.length) await servers.pop()!.close();
  });
  return async (handler) => {
    const s = await tinyServer(handler);
    servers.push(s);
    return s;
  };
}
