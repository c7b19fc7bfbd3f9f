import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer, type ClientOptions, type WebSocket as ServerSocket } from 'ws';
import { LiveFeed, type LiveStateEvent } from '../../../../core/fleet/live-feed';
import type { StatusChange } from '../../../../shared/model';

/** A stand-in for the deployed Orchestrator's /ws/droplets, with its handshake answers. */
class FakeOrchestrator {
  readonly http: Server;
  readonly wss: WebSocketServer;
  readonly tokens: string[] = [];
  readonly sockets = new Set<ServerSocket>();
  connections = 0;
  route = '/ws/droplets';

  /** The extensions each accepted connection agreed on (the handshake's answer). */
  readonly extensions: string[] = [];

  constructor(opts: { autoPong?: boolean; perMessageDeflate?: boolean } = {}) {
    this.wss = new WebSocketServer({ noServer: true, autoPong: opts.autoPong ?? true, perMessageDeflate: opts.perMessageDeflate ?? false });
    this.http = createServer((_req, res) => res.writeHead(404).end());
    this.http.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const refuse = (code: number, body: string) => socket.end(`HTTP/1.1 ${code} X\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      if (url.pathname !== this.route) return refuse(404, '{"error": true, "message": "Endpoint not found"}');
      const token = url.searchParams.get('token') ?? '';
      this.tokens.push(token);
      if (!token.startsWith('good')) return refuse(403, '{"detail":"Not authenticated"}');
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.connections++;
        this.extensions.push(ws.extensions);
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
      });
    });
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve) => this.http.listen(port, '127.0.0.1', () => resolve((this.http.address() as AddressInfo).port)));
  }

  send(payload: object): void {
    const text = JSON.stringify({ udc_version: '1.0', message_type: 'event', payload });
    for (const ws of this.sockets) ws.send(text);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise((r) => this.http.close(r));
  }
}

const servers: FakeOrchestrator[] = [];
const feeds: LiveFeed[] = [];
afterEach(async () => {
  for (const f of feeds.splice(0)) f.stop();
  for (const s of servers.splice(0)) await s.close().catch(() => undefined);
});

async function serve(opts?: ConstructorParameters<typeof FakeOrchestrator>[0], port?: number): Promise<{ server: FakeOrchestrator; port: number }> {
  const server = new FakeOrchestrator(opts);
  servers.push(server);
  return { server, port: await server.listen(port) };
}

function feed(port: number, overrides: Partial<ConstructorParameters<typeof LiveFeed>[0]> = {}) {
  const changes: StatusChange[] = [];
  const states: LiveStateEvent[] = [];
  let n = 0;
  const f = new LiveFeed({
    baseUrl: `http://127.0.0.1:${port}`,
    token: async () => `good-${++n}`,
    onChange: (c) => changes.push(c),
    onState: (s) => states.push(s),
    backoff: { baseMs: 20, maxMs: 200 },
    random: () => 1,
    ...overrides,
  });
  feeds.push(f);
  return { f, changes, states };
}

const until = async (what: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** For tests with fake timers: waits on real I/O only (setImmediate is not faked). */
const untilIo = async (what: () => boolean, turns = 20_000): Promise<void> => {
  for (let i = 0; !what(); i++) {
    if (i > turns) throw new Error('timed out waiting');
    await new Promise((r) => setImmediate(r));
  }
};

const change = { event: 'droplet_health_changed', droplet_id: 42, old_status: 'active', new_status: 'inactive', changed_at: '2026-11-27T05:09:40.387591' };

describe('LiveFeed', () => {
  it('delivers status changes and ignores pings and noise', async () => {
    const { server, port } = await serve();
    const { f, changes, states } = feed(port);
    f.start();
    await until(() => server.sockets.size === 1);
    expect(server.tokens).toEqual(['good-1']);
    server.send({ event: 'ping' });
    server.send({ event: 'something_else' });
    for (const ws of server.sockets) ws.send('not json');
    server.send(change);
    await until(() => changes.length === 1);
    expect(changes).toEqual([{ dropletId: 42, oldStatus: 'active', newStatus: 'inactive', changedAt: '2026-11-27T05:09:40.387Z' }]);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'open']);
  });

  it('does not ask for compressed messages, even from an Orchestrator that offers it', async () => {
    // uvicorn (serving the deployed FastAPI Orchestrator) accepts permessage-deflate when asked:
    // every ~200-byte push would then be inflated through zlib, for no saving.
    const { server, port } = await serve({ perMessageDeflate: true });
    const { f, changes } = feed(port);
    f.start();
    await until(() => server.sockets.size === 1);
    server.send(change);
    await until(() => changes.length === 1);
    expect(server.extensions).toEqual(['']);
  });

  it('signals open and when it last heard traffic, and closed once the connection drops', async () => {
    const { server, port } = await serve();
    const { f, states } = feed(port, { backoff: { baseMs: 5_000, maxMs: 5_000 } });
    expect(f.signal()).toEqual({ open: false, lastHeardMs: null });
    f.start();
    await until(() => server.sockets.size === 1 && f.signal().open);
    const opened = f.signal().lastHeardMs!;
    await new Promise((r) => setTimeout(r, 20));
    server.send({ event: 'ping' });
    await until(() => f.signal().lastHeardMs! > opened);
    for (const ws of server.sockets) ws.terminate();
    await until(() => states.some((s) => s.state === 'closed'));
    expect(f.signal()).toEqual({ open: false, lastHeardMs: null });
  });

  it('derives the ws URL from an https or prefixed base URL', async () => {
    const { server, port } = await serve();
    server.route = '/orchestrator/ws/droplets';
    const { f } = feed(port, { baseUrl: `http://127.0.0.1:${port}/orchestrator/` });
    f.start();
    await until(() => server.sockets.size === 1);

    const urls: string[] = [];
    class Recording extends WebSocket {
      constructor(url: string | URL, options?: ClientOptions) {
        urls.push(String(url));
        super(url, options);
      }
    }
    const tls = feed(port, { baseUrl: 'https://127.0.0.1:1/api?x=1#y', token: async () => 'a b&c', WebSocketImpl: Recording });
    tls.f.start();
    await until(() => urls.length === 1);
    expect(urls[0]).toBe('wss://127.0.0.1:1/api/ws/droplets?token=a+b%26c');
  });

  it('reconnects with a fresh token after the Orchestrator restarts', async () => {
    const first = await serve();
    const { f, changes, states } = feed(first.port);
    f.start();
    await until(() => first.server.sockets.size === 1);
    await first.server.close();
    servers.splice(servers.indexOf(first.server), 1);
    await until(() => states.some((s) => s.state === 'closed'));
    const closed = states.find((s) => s.state === 'closed')!;
    expect(closed.retryInMs).toBeGreaterThan(0);

    const second = await serve(undefined, first.port);
    await until(() => second.server.sockets.size === 1);
    second.server.send(change);
    await until(() => changes.length === 1);
    expect(second.server.tokens.at(-1)).not.toBe('good-1');
    expect(states.at(-1)!.state).toBe('open');
  });

  it('reports a refused token (403) and backs off exponentially', async () => {
    const { server, port } = await serve();
    const { f, states } = feed(port, { token: async () => 'bad' });
    f.start();
    await until(() => states.filter((s) => s.state === 'closed').length >= 4);
    const closed = states.filter((s) => s.state === 'closed');
    expect(closed[0]!.reason).toMatch(/refused the live-updates token \(HTTP 403\)/);
    expect(closed.slice(0, 4).map((s) => s.retryInMs)).toEqual([20, 40, 80, 160]);
    expect(server.connections).toBe(0);
  });

  it('treats a missing route (404) as unavailable and asks again only after 300 s', async () => {
    const { server, port } = await serve();
    server.route = '/elsewhere';
    // The feed's timers are fake (the sockets are real): 300 s pass in a moment, and exactly.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { f, states } = feed(port);
      const connecting = () => states.filter((s) => s.state === 'connecting').length;
      f.start();
      await untilIo(() => states.some((s) => s.state === 'unavailable'));
      expect(states.find((s) => s.state === 'unavailable')).toMatchObject({ retryInMs: 300_000, reason: expect.stringMatching(/does not offer live updates/) });
      vi.advanceTimersByTime(299_999);
      expect(connecting()).toBe(1);
      vi.advanceTimersByTime(1);
      expect(connecting()).toBe(2);
      await untilIo(() => states.filter((s) => s.state === 'unavailable').length === 2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a refused connection and a failing token source, and keeps retrying', async () => {
    const { port } = await serve();
    await servers.pop()!.close(); // nothing listens there now
    const { f, states } = feed(port);
    f.start();
    await until(() => states.filter((s) => s.state === 'closed').length >= 2);
    expect(states.find((s) => s.state === 'closed')!.reason).toMatch(/Could not open the live connection: .*ECONNREFUSED/);
    f.stop();

    const { port: port2 } = await serve();
    const failing = feed(port2, { token: async () => Promise.reject(new Error('no key')) });
    failing.f.start();
    await until(() => failing.states.some((s) => s.state === 'closed'));
    expect(failing.states.find((s) => s.state === 'closed')!.reason).toMatch(/no key/);
  });

  it('drops a silent connection (no pong) and reconnects', async () => {
    const { server, port } = await serve({ autoPong: false });
    const { f, states } = feed(port, { idleTimeoutMs: 150 });
    f.start();
    await until(() => server.connections >= 2, 5000);
    // Said why, then open again on a fresh token.
    expect(states.find((s) => s.state === 'closed')).toMatchObject({ reason: expect.stringMatching(/^No traffic for \d+ s$/) });
    await until(() => states.filter((s) => s.state === 'open').length >= 2);
    expect(new Set(server.tokens).size).toBe(server.tokens.length);
  });

  it('survives a throwing listener', async () => {
    const { server, port } = await serve();
    let calls = 0;
    const { f } = feed(port, {
      onChange: () => {
        calls++;
        throw new Error('listener bug');
      },
    });
    f.start();
    await until(() => server.sockets.size === 1);
    server.send(change);
    server.send(change);
    await until(() => calls === 2);
    expect(server.sockets.size).toBe(1);
  });

  it('stop() closes the socket and cancels every timer', async () => {
    const resources = () => process.getActiveResourcesInfo();
    /** What is open now beyond what was open before (earlier tests' leftovers may close meanwhile). */
    const extra = (before: string[]) => {
      const left = [...before];
      return resources().filter((r) => {
        const i = left.indexOf(r);
        if (i < 0) return true;
        left.splice(i, 1);
        return false;
      });
    };
    const { server, port } = await serve();
    const before = resources();
    const { f, states } = feed(port);
    f.start();
    await until(() => server.sockets.size === 1);
    f.stop();
    await until(() => server.sockets.size === 0);
    expect(states.at(-1)).toEqual({ state: 'closed', reason: 'stopped' });
    await new Promise((r) => setTimeout(r, 50));
    expect(extra(before)).toEqual([]);

    // Stopping mid-retry leaves nothing either.
    const refused = feed(port, { token: async () => 'bad', backoff: { baseMs: 60_000 } });
    refused.f.start();
    await until(() => refused.states.some((s) => s.state === 'closed'));
    refused.f.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(extra(before)).toEqual([]);
    f.start(); // restartable
    await until(() => server.sockets.size === 1);
  });
});
