/** DNS-rebinding guard (security issue 12, item 10): only Host values naming the sandbox are served. */
import { request } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireDialect } from '../../../shared/model';
import { createHostCheck } from '../../../sandbox/host-check';
import type { RunningSandbox } from '../../../sandbox/index';
import { sandboxPool, signToken, testKeys } from './helpers';

let keys: { privateKeyPem: string; publicKeyPem: string };
let token: string;
const pool = sandboxPool(() => keys.publicKeyPem);
const sockets: WebSocket[] = [];

beforeAll(async () => {
  keys = await testKeys('ES256');
  token = await signToken(keys.privateKeyPem, { droplet_id: 1 });
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await pool.closeAll();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An HTTP request with a Host header of our choosing (fetch would not send it). */
function withHost(sb: RunningSandbox, path: string, host: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sb.port, path, method: 'GET', headers: { ...headers, host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens /ws/droplets with the given Host: 'open', or the refused handshake's status and body. */
function handshake(sb: RunningSandbox, host: string): Promise<'open' | { status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${sb.port}/ws/droplets?token=${token}`, { headers: { host } });
    sockets.push(ws);
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    ws.once('error', (e) => reject(e));
  });
}

const REFUSED = { status: 421, body: { detail: 'Invalid host header' } };
const asAnswer = (a: RawAnswer) => ({ status: a.status, body: JSON.parse(a.text) as unknown });

describe.each<WireDialect>(['guide', 'deployed'])('%s sandbox: Host check', (dialect) => {
  it('serves the Host names of its listening address and port', async () => {
    const sb = await start(dialect);
    for (const host of [`127.0.0.1:${sb.port}`, `localhost:${sb.port}`, `LocalHost:${sb.port}`, `[::1]:${sb.port}`]) {
      expect([host, (await withHost(sb, '/health', host)).status]).toEqual([host, 200]);
    }
    expect((await withHost(sb, '/droplets', `127.0.0.1:${sb.port}`, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('refuses a foreign Host with 421 on public and authenticated routes, without echoing it', async () => {
    const sb = await start(dialect);
    for (const host of [`evil.example:${sb.port}`, 'evil.example', `127.0.0.1:${sb.port + 1}`, `127.0.0.2:${sb.port}`, `localhost.evil.example:${sb.port}`]) {
      for (const [path, headers] of [
        ['/health', {}],
        ['/', {}],
        ['/droplets/', {}],
        ['/droplets', { authorization: `Bearer ${token}` }],
      ] as const) {
        const answer = await withHost(sb, path, host, headers);
        expect([host, path, asAnswer(answer)]).toEqual([host, path, REFUSED]);
        expect(answer.headers.location).toBeUndefined();
        expect(JSON.stringify(answer.headers) + answer.text).not.toContain('evil');
      }
    }
  });

  it('builds the /droplets/ redirect from its listening address, not from Host', async () => {
    const sb = await start(dialect);
    const answer = await withHost(sb, '/droplets/?status=active', `localhost:${sb.port}`);
    expect(answer.status).toBe(307);
    expect(answer.headers.location).toBe(`${sb.url}/droplets?status=active`);
  });

  it('refuses the WebSocket upgrade for a foreign Host, and accepts its own', async () => {
    const sb = await start(dialect);
    const refused = await handshake(sb, `evil.example:${sb.port}`);
    expect(refused).toEqual({ status: 421, text: JSON.stringify(REFUSED.body) });
    expect(await handshake(sb, `127.0.0.1:${sb.port}`)).toBe('open');
    expect(await handshake(sb, `localhost:${sb.port}`)).toBe('open');
  });
});

describe('createHostCheck', () => {
  it('accepts the loopback spellings only with the port, and nothing when Host is missing', () => {
    const ok = createHostCheck('127.0.0.1', 8010);
    expect(['127.0.0.1:8010', 'localhost:8010', '[::1]:8010'].every(ok)).toBe(true);
    expect(['127.0.0.1', 'localhost', '127.0.0.1:8011', 'evil.example:8010', ''].some(ok)).toBe(false);
    expect(ok(undefined)).toBe(false);
  });

  it('accepts a bare name on port 80, and only the address itself when it is not loopback', () => {
    expect(createHostCheck('127.0.0.1', 80)('localhost')).toBe(true);
    const lan = createHostCheck('192.168.1.5', 8010);
    expect(lan('192.168.1.5:8010')).toBe(true);
    expect(lan('localhost:8010')).toBe(false);
  });
});

function start(dialect: WireDialect): Promise<RunningSandbox> {
  return pool.start({ dialect });
}
