import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOrchestratorClient, type OrchestratorClientOptions } from '../../../../core/orchestrator/client';
import { CommsLog } from '../../../../core/orchestrator/comms-log';
import { OrchestratorError, toIpcError } from '../../../../core/orchestrator/errors';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createSigner, type Signer } from '../../../../core/signing/signer';
import { startSandbox, type RunningSandbox } from '../../../../sandbox';
import { closedPort, deployedEnvelope, guideEnvelope, json, type Handler, servePerTest } from '../../../support/tiny-server';
import { listFleet } from '../../../support/list-fleet';

const KEY = generateKeyPair('ES256');
const REG = { id: 42, name: 'droplet0', steward: 'Haythem', endpoint: 'http://localhost:8002', capabilities: ['udc_compliance'] };
const HB = { id: 42, status: 'active' as const, metrics: { cpu_percent: 15.5, memory_mb: 256 } };

const serve = servePerTest();

function setup(baseUrl: string, over: Partial<OrchestratorClientOptions> = {}) {
  const signer = createSigner({ privateKeyPem: KEY.privateKeyPem });
  const commsLog = new CommsLog();
  const sleeps: number[] = [];
  const client = createOrchestratorClient({
    baseUrl,
    signer,
    identityDropletId: 7,
    dialect: 'guide',
    commsLog,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...over,
  });
  return { client, signer, commsLog, sleeps };
}

async function caught(p: Promise<unknown>): Promise<OrchestratorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OrchestratorError) return e;
    throw e;
  }
  throw new Error('expected an OrchestratorError');
}

const guideRoutes: Handler = (req, res) => {
  const body = req.body ? (JSON.parse(req.body) as { trace_id?: string }) : {};
  if (req.method === 'POST' && req.url === '/droplets/register') return json(res, 201, guideEnvelope({ registered: true, droplet_id: 42, message: 'ok', status: 'registered' }, body.trace_id));
  if (req.method === 'POST' && req.url === '/droplets/42/heartbeat') return json(res, 200, guideEnvelope({ acknowledged: true, droplet_id: 42, next_heartbeat_in: 60 }, body.trace_id));
  if (req.url?.startsWith('/droplets/42')) return json(res, 200, guideEnvelope({ id: 42, name: 'droplet0', status: 'active', capabilities: ['a'] }));
  if (req.url?.startsWith('/droplets')) return json(res, 200, guideEnvelope({ droplets: [{ id: 42, name: 'droplet0', status: 'active', capabilities: [] }], total: 1 }));
  if (req.url === '/health') return json(res, 200, { status: 'active' });
  if (req.url === '/management/version') return json(res, 200, { version: '2.0.0' });
  json(res, 404, { detail: 'Not Found' });
};

describe('client requests', () => {
  it('sends Bearer, Content-Type, Accept and X-Trace-ID, signing for the droplet each request acts for', async () => {
    const s = await serve(guideRoutes);
    const { client } = setup(s.url);
    await client.register(REG);
    await client.heartbeat(HB);
    await listFleet(client, { status: 'active', capability: 'a b' });
    await client.details(42);
    await client.health();
    await client.version();
    const [reg, hb, list, details, health, version] = s.seen;
    const dropletOf = (h: string | undefined) => decodeJwt((h ?? '').replace(/^Bearer /, '')).droplet_id;
    expect(dropletOf(reg!.headers.authorization)).toBe(42);
    expect(dropletOf(hb!.headers.authorization)).toBe(42);
    expect(dropletOf(list!.headers.authorization)).toBe(7);
    expect(dropletOf(details!.headers.authorization)).toBe(7);
    expect(health!.headers.authorization).toBeUndefined();
    expect(version!.headers.authorization).toBeUndefined();
    expect(reg!.headers['content-type']).toBe('application/json');
    expect(reg!.headers.accept).toBe('application/json');
    expect(reg!.headers['x-trace-id']).toBe((JSON.parse(reg!.body) as { trace_id: string }).trace_id);
    expect(list!.url).toBe('/droplets?status=active&capability=a+b');
    expect(list!.headers['content-type']).toBeUndefined();
    expect(list!.headers['x-trace-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives each request a fresh trace id, and returns it with the answer', async () => {
    const s = await serve(guideRoutes);
    const { client } = setup(s.url);
    const a = await client.heartbeat(HB);
    const b = await client.heartbeat(HB);
    expect(a.traceId).not.toBe(b.traceId);
    expect(s.seen.map((r) => r.headers['x-trace-id'])).toEqual([a.traceId, b.traceId]);
  });

  it('does not send a heartbeat status the deployed Orchestrator cannot store', async () => {
    const s = await serve(guideRoutes);
    const { client } = setup(s.url, { dialect: 'deployed' });
    const e = await caught(client.heartbeat({ id: 42, status: 'maintenance' }));
    expect(e.kind).toBe('validation');
    expect(e.hint).toMatch(/Nothing was sent/);
    expect(s.seen).toHaveLength(0);
  });
});

describe('client errors before or around an answer', () => {
  it('reports a refused connection as a network error and logs it', async () => {
    const port = await closedPort();
    const { client, commsLog } = setup(`http://127.0.0.1:${port}`);
    const e = await caught(listFleet(client));
    expect(e.kind).toBe('network');
    expect(e.message).toBe(`Could not reach the Orchestrator at 127.0.0.1:${port}: connection refused.`);
    expect(e.status).toBeNull();
    expect(e.exchangeId).toBe(commsLog.entries()[0]!.id);
    expect(commsLog.entries()[0]).toMatchObject({ status: null, error: expect.stringContaining('connection refused') });
    expect(e.traceId).toBe(commsLog.entries()[0]!.traceId);
  });

  it('reports a connection closed mid-answer as a network error', async () => {
    const s = await serve((_req, res) => res.socket?.destroy());
    const e = await caught(listFleet(setup(s.url).client));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/closed|reset/);
  });

  it('names DNS failures and resets reported by fetch', async () => {
    const failing = (code: string): typeof fetch => async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    };
    const dns = await caught(listFleet(setup('http://orchestrator.invalid:8000', { fetch: failing('ENOTFOUND') }).client));
    expect(dns).toMatchObject({ kind: 'network', message: 'Could not reach the Orchestrator at orchestrator.invalid:8000: the name "orchestrator.invalid" could not be found (DNS).' });
    const reset = await caught(listFleet(setup('http://h:1', { fetch: failing('ECONNRESET') }).client));
    expect(reset.message).toMatch(/the connection was reset/);
  });

  it('times out a slow answer', async () => {
    const s = await serve((_req, res) => setTimeout(() => json(res, 200, guideEnvelope({ droplets: [], total: 0 })), 1_000));
    const e = await caught(listFleet(setup(s.url, { timeoutMs: 150 }).client));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe(`The Orchestrator at ${new URL(s.url).host} did not answer within 150 ms.`);
  });

  const malformed: [string, Handler, RegExp][] = [
    ['an HTML page', (_q, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<!DOCTYPE html><html>proxy</html>'); }, /HTML or XML, not JSON/],
    ['truncated JSON', (_q, res) => json(res, 200, '{"trace_id":"x","payload":{"droplets":[{"id":4'), /cut short/],
    ['an empty body', (_q, res) => json(res, 200, ''), /it is empty/],
    ['the wrong shape', (_q, res) => json(res, 200, guideEnvelope({ items: [] })), /wrong shape: The list response has no droplets array/],
    ['a JSON array', (_q, res) => json(res, 200, []), /wrong shape/],
  ];
  for (const [name, handler, message] of malformed) {
    it(`reports ${name} as malformed`, async () => {
      const s = await serve(handler);
      const { client, commsLog } = setup(s.url);
      const e = await caught(listFleet(client));
      expect(e.kind).toBe('malformed');
      expect(e.message).toMatch(message);
      expect(e.status).toBe(200);
      expect(e.exchangeId).toBe(commsLog.entries()[0]!.id);
    });
  }

  it('stops reading an answer past the size cap and says so, with or without Content-Length', async () => {
    const big = JSON.stringify(guideEnvelope({ droplets: [], total: 0, pad: 'x'.repeat(5_000) }));
    const declared = await serve((_q, res) => json(res, 200, big));
    const e1 = await caught(listFleet(setup(declared.url, { maxResponseBytes: 1_024 }).client));
    expect(e1).toMatchObject({ kind: 'malformed', message: "The Orchestrator's answer was larger than 1 KB, so Steward stopped reading it." });
    const chunked = await serve((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      for (let i = 0; i < 10; i++) res.write('x'.repeat(500));
      res.end();
    });
    const e2 = await caught(listFleet(setup(chunked.url, { maxResponseBytes: 1_024 }).client));
    expect(e2.message).toMatch(/larger than 1 KB/);
  });

  it('refuses a URL that is not http(s) when the client is made', () => {
    expect(() => setup('ftp://host')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => setup('not a url')).toThrow(/not a valid URL/);
  });
});

describe('client retries', () => {
  it('signs a fresh token after a 401 and retries once', async () => {
    let calls = 0;
    const s = await serve((req, res) => (++calls === 1 ? json(res, 401, { detail: 'Could not validate credentials' }) : guideRoutes(req, res)));
    const { client, signer, commsLog } = setup(s.url);
    const invalidate = vi.spyOn(signer, 'invalidate');
    const list = await listFleet(client);
    expect(list.total).toBe(1);
    expect(invalidate).toHaveBeenCalledWith(7);
    expect(commsLog.entries().map((e) => e.status)).toEqual([200, 401]);
  });

  it('reports a second 401 as auth, with the likely causes', async () => {
    const s = await serve((_q, res) => json(res, 401, { detail: 'Could not validate credentials' }));
    const { client, signer } = setup(s.url);
    const e = await caught(client.heartbeat(HB));
    expect(s.seen).toHaveLength(2);
    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/^The Orchestrator refused the token: its signature does not match a key it trusts, it has expired, or it lacks a claim it needs\./);
    expect(e.hint).toContain((signer as Signer).fingerprint);
    expect(e.hint).toMatch(/fresh token/);
  });

  it('retries a registration on 5xx with full-jitter backoff and logs each attempt', async () => {
    let calls = 0;
    const s = await serve((req, res) => (++calls === 1 ? json(res, 500, { detail: 'Failed to register droplet: boom' }) : guideRoutes(req, res)));
    const { client, commsLog, sleeps } = setup(s.url, { random: () => 0.5 });
    const ack = await client.register(REG);
    expect(ack.registered).toBe(true);
    expect(sleeps).toEqual([125]);
    expect(commsLog.entries().map((e) => e.status)).toEqual([201, 500]);
    const [second, first] = commsLog.entries();
    expect(first!.traceId).not.toBe(second!.traceId);
  });

  it('tells new from updated when a failed attempt may have written the row, by what the fleet held before', async () => {
    const answer = (status: 'registered' | 'updated') => {
      let calls = 0;
      return serve((req, res) => (++calls === 1 ? json(res, 503, { detail: 'down' }) : json(res, 201, guideEnvelope({ registered: true, droplet_id: 42, status }, 't'))));
    };
    const a = await answer('updated');
    expect((await setup(a.url).client.register(REG, { existedBefore: false })).outcome).toBe('registered');
    const b = await answer('updated');
    expect((await setup(b.url).client.register(REG, { existedBefore: true })).outcome).toBe('updated');
    const c = await answer('updated');
    expect((await setup(c.url).client.register(REG)).outcome).toBe('updated');
  });

  it('gives up after the configured attempts, saying how many', async () => {
    const s = await serve((_q, res) => json(res, 503, { detail: 'down' }));
    const { client, sleeps } = setup(s.url, { retry: { attempts: 3, baseMs: 100, maxMs: 150 }, random: () => 0.999 });
    const e = await caught(client.register(REG));
    expect(e).toMatchObject({ kind: 'server', status: 503 });
    expect(e.hint).toMatch(/tried 3 times/);
    expect(sleeps).toEqual([99, 149]);
  });

  it('does not retry a registration refused for its fields, nor a heartbeat on 5xx', async () => {
    const s = await serve((req, res) =>
      req.url === '/droplets/register' ? json(res, 422, { detail: [{ loc: ['body', 'payload', 'name'], msg: 'Field required', type: 'missing' }] }) : json(res, 500, { detail: 'db down' }),
    );
    const { client, sleeps } = setup(s.url);
    expect((await caught(client.register(REG))).kind).toBe('validation');
    expect((await caught(client.heartbeat(HB))).kind).toBe('server');
    expect(s.seen).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });
});

describe('retrying a registration', () => {
  it('never repeats one the Orchestrator refused with any 4xx (5xx, 429, timeouts and network errors are worth another try)', async () => {
    let status = 400;
    const s = await serve((_q, res) => json(res, status, { detail: 'refused' }));
    const { client, sleeps } = setup(s.url, { retry: { attempts: 4 } });
    for (status of [400, 403, 404, 409, 413]) {
      const before = s.seen.length;
      const e = await caught(client.register(REG));
      expect(e.status, String(status)).toBe(status);
      expect(s.seen.length - before, `requests for a ${status}`).toBe(1);
      expect(e.hint ?? '').not.toMatch(/tried/);
    }
    expect(sleeps).toEqual([]);
  });
});

describe('auto dialect', () => {
  it('probes with an authenticated GET /droplets before the first POST and writes in what it learned', async () => {
    const s = await serve((req, res) => {
      if (req.method === 'GET') return json(res, 200, deployedEnvelope({ droplets: [], total: 0, filters: {} }));
      json(res, 200, deployedEnvelope({ received: true, next_heartbeat_deadline: Date.now() / 1000 + 60 }));
    });
    const { client } = setup(s.url, { dialect: 'auto' });
    expect(client.currentDialect()).toBeNull();
    await client.heartbeat(HB);
    expect(s.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /droplets', 'POST /droplets/42/heartbeat']);
    expect(s.seen[0]!.headers.authorization).toMatch(/^Bearer /);
    expect(JSON.parse(s.seen[1]!.body)).toMatchObject({ udc_version: '1.0', message_type: 'event' });
    expect(client.currentDialect()).toBe('deployed');
    await client.heartbeat(HB);
    expect(s.seen).toHaveLength(3); // no second probe
  });

  it('switches to deployed and resends once when a body is refused as an invalid UDC envelope', async () => {
    const s = await serve((req, res) => {
      if (req.method === 'GET') return json(res, 200, guideEnvelope({ droplets: [], total: 0 }));
      const body = JSON.parse(req.body) as Record<string, unknown>;
      if (!('udc_version' in body)) return json(res, 400, { detail: 'Invalid UDC envelope: Invalid message_type: heartbeat. Must be one of: status, event' });
      json(res, 200, deployedEnvelope({ received: true, next_heartbeat_deadline: Date.now() / 1000 + 60 }));
    });
    const { client } = setup(s.url, { dialect: 'auto' });
    const ack = await client.heartbeat(HB);
    expect(ack.acknowledged).toBe(true);
    expect(client.currentDialect()).toBe('deployed');
    expect(s.seen.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
  });

  it('with a fixed guide setting, explains an invalid-envelope refusal instead of switching', async () => {
    const s = await serve((_q, res) => json(res, 400, { detail: 'Invalid UDC envelope: Invalid message_type: heartbeat.' }));
    const e = await caught(setup(s.url).client.heartbeat(HB));
    expect(e.kind).toBe('validation');
    expect(e.hint).toMatch(/deployed dialect/);
  });
});

describe('toIpcError', () => {
  it('maps an OrchestratorError with its fields, and anything unknown to a generic internal error', () => {
    const e = new OrchestratorError({ kind: 'validation', message: 'm', status: 422, traceId: 't', exchangeId: 3, fields: [{ loc: ['body', 'payload', 'name'], msg: 'Field required', type: 'missing' }] });
    expect(toIpcError(e)).toEqual({ kind: 'validation', message: 'm', hint: null, status: 422, traceId: 't', exchangeId: 3, fields: [{ loc: ['body', 'payload', 'name'], msg: 'Field required', type: 'missing', field: 'name' }] });
    const internal = toIpcError(new Error('secret internals at /home/x'));
    expect(internal.kind).toBe('internal');
    expect(JSON.stringify(internal)).not.toMatch(/secret|stack|at \//);
  });
});

// ---------------------------------------------------------------------------------------
// Against the sandbox Orchestrator, in both dialects.
// ---------------------------------------------------------------------------------------

for (const dialect of ['guide', 'deployed'] as const) {
  describe(`client against the ${dialect} sandbox`, () => {
    let sandbox: RunningSandbox;
    const OTHER_KEY = generateKeyPair('RS256');

    afterEach(async () => {
      await sandbox?.close();
    });

    async function start(over: Parameters<typeof startSandbox>[0] = {}): Promise<RunningSandbox> {
      sandbox = await startSandbox({ port: 0, dialect, publicKeyPem: KEY.publicKeyPem, ...over });
      return sandbox;
    }

    /** Register 42 as a droplet the sandbox knows (deployed: first answer is a 500, retried). */
    async function registered(client: ReturnType<typeof setup>['client']): Promise<void> {
      await client.register(REG);
    }

    it('serves every endpoint', async () => {
      const s = await start();
      const { client, commsLog } = setup(s.url, { dialect });
      const ack = await client.register(REG);
      expect(ack).toMatchObject({ registered: true, dropletId: 42 });
      // The deployed Orchestrator answers the retry "updated" for the row its failed first answer wrote.
      expect(ack.outcome).toBe('registered');
      const beat = await client.heartbeat(HB);
      expect(beat).toMatchObject({ acknowledged: true, nextHeartbeatInSeconds: expect.any(Number) });
      expect(beat.nextHeartbeatAt).toMatch(/Z$/);
      const list = await listFleet(client, { status: 'active' });
      expect(list.dialect).toBe(dialect);
      expect(list.droplets.find((d) => d.id === 42)).toMatchObject({ name: 'droplet0', capabilities: ['udc_compliance'], status: 'active' });
      expect(list.traceId).toBe(commsLog.entries()[0]!.traceId);
      expect((await listFleet(client, { capability: 'nope' })).droplets).toEqual([]);
      if (dialect === 'guide') {
        const d = await client.details(42);
        expect(d).toMatchObject({ id: 42, name: 'droplet0', status: 'active' });
        expect(d.heartbeats.at(-1)?.metrics).toMatchObject({ cpu_percent: 15.5 });
      } else {
        const e = await caught(client.details(42));
        expect(e).toMatchObject({ kind: 'server', status: 500, detail: 'Failed to fetch droplet details: column reference "status" is ambiguous' });
      }
      expect((await client.health()).body).toHaveProperty('status');
      expect((await client.version()).body).toHaveProperty('version');
      expect(client.currentDialect()).toBe(dialect);
    });

    it('recovers a registration the Orchestrator fails the first time, logging both exchanges', async () => {
      const s = await start();
      const { client, commsLog, sleeps } = setup(s.url, { dialect });
      await client.register({ ...REG, id: 77 });
      const statuses = commsLog.entries().map((e) => e.status).reverse();
      if (dialect === 'deployed') {
        expect(statuses).toEqual([500, 201]);
        expect(sleeps).toHaveLength(1);
        expect(commsLog.entries().every((e) => e.dropletId === 77 && e.path === '/droplets/register')).toBe(true);
      } else {
        expect(statuses).toEqual([201]);
      }
    });

    it('signs again once after a 401 from a key it does not trust, then reports auth', async () => {
      const s = await start();
      const { client, commsLog } = setup(s.url, { dialect, signer: createSigner({ privateKeyPem: OTHER_KEY.privateKeyPem }) });
      const e = await caught(listFleet(client));
      expect(e).toMatchObject({ kind: 'auth', status: 401, detail: 'Could not validate credentials' });
      expect(commsLog.entries().map((x) => x.status)).toEqual([401, 401]);
      expect(e.exchangeId).toBe(commsLog.entries()[0]!.id);
    });

    it('reports a 404 in the dialect\'s own body shape', async () => {
      const s = await start();
      const { client } = setup(s.url, { dialect });
      const e = await caught(client.details(999));
      expect(e.kind).toBe('not_found');
      expect(e.message).toMatch(/does not know droplet 999/);
      expect(e.detail).toBe(dialect === 'guide' ? 'Droplet 999 not found' : 'Endpoint not found: /droplets/999');
      const hb = await caught(client.heartbeat({ id: 999, status: 'active' }));
      expect(hb.kind).toBe('not_found');
      expect(hb.hint).toMatch(/Register the droplet/);
    });

    it('reports a 405 for a method the route does not allow', async () => {
      const s = await start();
      const asDelete: typeof fetch = (url, init) => fetch(url, { ...init, method: 'DELETE' });
      const e = await caught(setup(s.url, { dialect, fetch: asDelete }).client.details(42));
      expect(e).toMatchObject({ kind: 'method_not_allowed', status: 405 });
    });

    it('reports 422 field errors when the dialect setting does not match the server', async () => {
      const s = await start();
      const wrong = dialect === 'guide' ? 'deployed' : 'guide';
      const e = await caught(setup(s.url, { dialect: wrong }).client.register(REG));
      expect(e).toMatchObject({ kind: 'validation', status: 422 });
      expect(e.fields.length).toBeGreaterThan(0);
      expect(toIpcError(e).fields.map((f) => f.field)).toContain(dialect === 'guide' ? 'source' : 'droplet_id');
    });

    it('reports 5xx with the server\'s detail (fault injection), without retrying a poll', async () => {
      const s = await start({ errorRate: 1 });
      const { client, commsLog } = setup(s.url, { dialect });
      const e = await caught(listFleet(client));
      expect(e.kind).toBe('server');
      expect(e.message).toMatch(/\((500|503): .*sandbox fault injection\)/);
      expect(commsLog.entries()).toHaveLength(1);
      const r = await caught(client.register(REG));
      expect(r.hint).toMatch(/tried 4 times/);
    });

    it('times out when the server is slower than the timeout', async () => {
      const s = await start({ latencyMs: 600 });
      const e = await caught(listFleet(setup(s.url, { dialect, timeoutMs: 150 }).client));
      expect(e.kind).toBe('timeout');
    });

    it('reports a refused connection once the server is gone', async () => {
      const s = await start();
      const { client } = setup(s.url, { dialect });
      await s.close();
      expect((await caught(listFleet(client))).kind).toBe('network');
    });

    it('detects the dialect in auto mode from the probe before the first POST', async () => {
      const s = await start();
      const { client, commsLog } = setup(s.url, { dialect: 'auto' });
      await registered(client);
      await client.heartbeat(HB);
      expect(client.currentDialect()).toBe(dialect);
      const log = commsLog.entries().reverse();
      expect(`${log[0]!.method} ${log[0]!.path}`).toBe('GET /droplets');
      expect(log.filter((x) => x.method === 'GET')).toHaveLength(1);
      expect(log.at(-1)!.status).toBe(200);
    });

    if (dialect === 'deployed') {
      it('explains a 403 heartbeat refusal, naming the droplet the token was signed for', async () => {
        const s = await start();
        const { client } = setup(s.url, { dialect });
        await registered(client);
        const real = createSigner({ privateKeyPem: KEY.privateKeyPem });
        const signsFor7 = { tokenFor: () => real.tokenFor(7), invalidate: () => undefined };
        const e = await caught(setup(s.url, { dialect, signer: signsFor7 }).client.heartbeat(HB));
        expect(e).toMatchObject({ kind: 'forbidden', status: 403, detail: 'Droplet 7 cannot send heartbeat for droplet 42' });
        expect(e.message).toBe('The Orchestrator would not take a heartbeat for droplet 42 sent with a token signed for droplet 7 (403: Droplet 7 cannot send heartbeat for droplet 42).');
        expect(e.hint).toMatch(/droplet_id 42/);
      });

      it('explains a 403 for a request that arrived without its Authorization header', async () => {
        const s = await start();
        const stripAuth: typeof fetch = (url, init) => {
          const headers = { ...(init?.headers as Record<string, string>) };
          delete headers.Authorization;
          return fetch(url, { ...init, headers });
        };
        const e = await caught(listFleet(setup(s.url, { dialect, fetch: stripAuth }).client));
        expect(e).toMatchObject({ kind: 'forbidden', status: 403 });
        expect(e.hint).toMatch(/removing the Authorization header/);
      });

      it('never sends the maintenance status the deployed database refuses', async () => {
        const s = await start();
        const e = await caught(setup(s.url, { dialect }).client.heartbeat({ id: 42, status: 'maintenance' }));
        expect(e.kind).toBe('validation');
      });
    }
  });
}
