import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { readDropletList, readHeartbeatAck, readRegisterAck } from '../../../shared/udc';
import { buildHeartbeatRequest, buildRegisterRequest } from '../../../shared/udc/builders';
import { asRecord, call, deployedEnvelope, deployedRegistration, guideRegistration, otherKeys, payloadOf, signToken, testKeys } from './helpers';

let sb: RunningSandbox;
let pem: string;
const tok: Record<string, string> = {};
const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/;
const OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/;

/** Register a droplet the deployed way: the first call is the recorded 500, the retry lands. */
async function ensureRegistered(id: number, extra: Record<string, unknown> = {}): Promise<void> {
  if (sb.store.get(id)) return;
  await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: deployedRegistration(id, extra) });
}
const beat = (status: string, extra: Record<string, unknown> = {}) => deployedEnvelope('event', 'droplet-42', { status, ...extra });

beforeAll(async () => {
  const keys = await testKeys();
  pem = keys.privateKeyPem;
  sb = await startSandbox({ dialect: 'deployed', publicKeyPem: keys.publicKeyPem });
  tok.t42 = await signToken(pem, { droplet_id: 42, sub: 'droplet-42', iss: 'registry', permissions: ['read', 'write'] });
  tok.t7 = await signToken(pem, { droplet_id: 7 });
  tok.t999 = await signToken(pem, { droplet_id: 999 });
  tok.admin1 = await signToken(pem, { droplet_id: 1, permissions: ['admin'] });
  tok.dash1 = await signToken(pem, { droplet_id: 'droplet-1' });
  tok.noDropletId = await signToken(pem, { sub: 'droplet-42' });
  tok.str42 = await signToken(pem, { droplet_id: '42' });
  tok.noExp = await signToken(pem, { droplet_id: 42 }, { expiresIn: null, issuedAt: false });
});
afterAll(() => sb.close());

describe('deployed dialect: registration (C1-C5, D1-D15)', () => {
  it('writes a new droplet but answers 500, then 201 "updated" on the retry (C1, C3)', async () => {
    const first = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: deployedRegistration(42) });
    expect(first.status).toBe(500);
    expect(first.body).toEqual({
      detail: 'Failed to register droplet: WebSocketManager.broadcast_droplet_registered() takes 2 positional arguments but 3 were given',
    });
    expect(sb.store.get(42)).toBeDefined();

    const body = deployedRegistration(42, { name: 'Fleet Test Droplet v2' });
    const again = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: body });
    expect(again.status).toBe(201);
    const env = asRecord(again.body);
    expect(Object.keys(env)).toEqual(['udc_version', 'trace_id', 'source', 'target', 'message_type', 'timestamp', 'payload']);
    expect(env).toMatchObject({ udc_version: '1.0', trace_id: body.trace_id, source: 'droplet-10', target: 'droplet-42', message_type: 'response' });
    expect(env.timestamp).toMatch(OFFSET);
    const p = payloadOf(env);
    expect(Object.keys(p)).toEqual(['registered', 'droplet_id', 'registered_at', 'heartbeat_required_every_seconds', 'status', 'heartbeat_interval_seconds', 'next_heartbeat_deadline']);
    expect(p).toMatchObject({ registered: true, droplet_id: 42, heartbeat_required_every_seconds: 60, status: 'updated', heartbeat_interval_seconds: 60 });
    expect(p.registered_at).toMatch(NAIVE);
    expect(p.next_heartbeat_deadline).toBeCloseTo(Date.now() / 1000 + 60, -1);
    expect(sb.store.get(42)?.name).toBe('Fleet Test Droplet v2');
    expect(readRegisterAck(again.body)).toMatchObject({ outcome: 'updated', dropletId: 42, dialect: 'deployed' });
  });

  it('takes a bare body as the payload and answers target "client" (C4, C5)', async () => {
    const bare = { droplet_id: 43, name: 'Bare Body', endpoint: 'http://127.0.0.1:9043', capabilities: ['build'] };
    expect((await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: bare })).status).toBe(500);
    const res = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: bare });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'droplet-10', target: 'client', payload: { droplet_id: 43, status: 'updated' } });
    expect(asRecord(res.body).trace_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets the shared builders register (after the retry) and heartbeat', async () => {
    const reg = buildRegisterRequest({ dialect: 'deployed' }, { id: 46, name: 'built', endpoint: 'http://127.0.0.1:9046', capabilities: ['x'] });
    expect((await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: reg.body })).status).toBe(500);
    const ok = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: reg.body });
    expect(ok.status).toBe(201);
    const t46 = await signToken(pem, { droplet_id: 46 });
    const hb = buildHeartbeatRequest({ dialect: 'deployed' }, { id: 46, status: 'active', metrics: { cpu_percent: 1 } });
    const ack = await call(sb.url, 'POST', '/droplets/46/heartbeat', { token: t46, json: hb.body });
    expect(ack.status).toBe(200);
    expect(readHeartbeatAck(ack.body)).toMatchObject({ acknowledged: true, traceId: hb.traceId });
  });

  it.each([
    ['heartbeat', 'heartbeat'],
    ['registration', 'registration'],
    [undefined, 'None'],
  ])('refuses message_type %s with the recorded 400 (D1-D3)', async (type, shown) => {
    const body = deployedRegistration(42);
    if (type === undefined) delete body.message_type;
    else body.message_type = type;
    const res = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: `Invalid UDC envelope: Invalid message_type: ${shown}. Must be one of: status, event, command, query, response, error` });
  });

  it('does not validate trace_id, timestamp, source or udc_version, and echoes them (D4-D8)', async () => {
    await ensureRegistered(42);
    const noTrace = deployedRegistration(42);
    delete noTrace.trace_id;
    expect((await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: noTrace })).status).toBe(201);
    const odd = deployedRegistration(42, {});
    Object.assign(odd, { trace_id: 'not-a-uuid', timestamp: 'yesterday-ish', udc_version: '9.9', source: 42 });
    const res = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: odd });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ trace_id: 'not-a-uuid', target: 42, udc_version: '1.0' });
  });

  it('answers a payload missing name and endpoint with the pydantic 422 list (D9, D12)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: deployedEnvelope('command', 'droplet-42', { droplet_id: 42 }) });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [
        { type: 'missing', loc: ['name'], msg: 'Field required', input: { droplet_id: 42 }, url: 'https://errors.pydantic.dev/2.13/v/missing' },
        { type: 'missing', loc: ['endpoint'], msg: 'Field required', input: { droplet_id: 42 }, url: 'https://errors.pydantic.dev/2.13/v/missing' },
      ],
    });
    // udc_version without payload is not an envelope: the whole body is read as the payload.
    const d9 = { udc_version: '1.0', trace_id: 't', message_type: 'command', droplet_id: 42 };
    const nine = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: d9 });
    expect(nine.status).toBe(422);
    expect((asRecord(nine.body).detail as { loc: string[]; input: unknown }[]).map((d) => [d.loc, d.input])).toEqual([
      [['name'], d9],
      [['endpoint'], d9],
    ]);
  });

  it('refuses droplet_id 0 with greater_than (D13) and a too-long name', async () => {
    const res = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: deployedRegistration(0, { name: 'x'.repeat(101) }) });
    expect(res.status).toBe(422);
    expect(asRecord(res.body).detail).toEqual([
      { type: 'greater_than', loc: ['droplet_id'], msg: 'Input should be greater than 0', input: 0, ctx: { gt: 0 }, url: 'https://errors.pydantic.dev/2.13/v/greater_than' },
      expect.objectContaining({ type: 'string_too_long', loc: ['name'], ctx: { max_length: 100 } }),
    ]);
  });

  it('reads the guide envelope (no udc_version) as a bare payload and fails it', async () => {
    const res = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: guideRegistration(42) });
    expect(res.status).toBe(422);
    expect((asRecord(res.body).detail as { loc: string[] }[]).map((d) => d.loc)).toEqual([['droplet_id'], ['name'], ['endpoint']]);
  });

  it('answers invalid JSON and an empty body with 400 (D10, D11)', async () => {
    const bad = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, raw: '{"udc_version": "1.0", ' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ detail: 'Invalid JSON' });
    const empty = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, raw: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ detail: 'Empty request body' });
  });

  it('answers non-object bodies with the recorded 500s (X4, X5, X6)', async () => {
    expect((await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: [] })).body).toEqual({
      detail: 'Failed to register droplet: app.models.domain.DropletRegister() argument after ** must be a mapping, not list',
    });
    const num = await call(sb.url, 'POST', '/droplets/register', { token: tok.t42, json: 42 });
    expect(num.status).toBe(500);
    expect(num.body).toEqual({ detail: "Failed to process request: argument of type 'int' is not iterable" });
    await ensureRegistered(42);
    const str = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: deployedEnvelope('event', 'droplet-42', 'active') });
    expect(str.status).toBe(500);
    expect(str.body).toEqual({ detail: 'Failed to process heartbeat: app.models.domain.DropletHeartbeat() argument after ** must be a mapping, not str' });
  });

  it('answers 403 "Not authenticated" without a token (D15)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/register', { json: deployedRegistration(47) });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Not authenticated' });
    expect(sb.store.get(47)).toBeUndefined();
  });
});

describe('deployed dialect: heartbeat (E1-E15, X1)', () => {
  beforeAll(() => ensureRegistered(42));

  it('answers {received, next_heartbeat_deadline} and records the beat (E1)', async () => {
    const body = beat('active', { metrics: { cpu_percent: 23.4, memory_mb: 512, requests_per_minute: 42 } });
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ udc_version: '1.0', trace_id: body.trace_id, source: 'droplet-10', target: 'droplet-42', message_type: 'response' });
    const p = payloadOf(res.body);
    expect(Object.keys(p)).toEqual(['received', 'next_heartbeat_deadline']);
    expect(p.received).toBe(true);
    expect(typeof p.next_heartbeat_deadline).toBe('number');
    expect(sb.store.get(42)?.latestMetrics).toEqual({ cpu_percent: 23.4, memory_mb: 512, requests_per_minute: 42 });
  });

  it('accepts a bare heartbeat body (E14) and status/event message types', async () => {
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: { status: 'active', metrics: { cpu_percent: 12.5 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ target: 'client' });
    const status = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: { ...beat('active'), message_type: 'status' } });
    expect(status.status).toBe(200);
  });

  it('refuses message_type heartbeat with 400 (E3)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: { ...beat('active'), message_type: 'heartbeat' } });
    expect(res.status).toBe(400);
    expect(asRecord(res.body).detail).toMatch(/^Invalid UDC envelope: Invalid message_type: heartbeat\./);
  });

  it.each(['maintenance', 'healthy'])('answers status %s with the database 500 and leaves the droplet unchanged (E4, E5)', async (status) => {
    await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: beat('active') });
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: beat(status) });
    expect(res.status).toBe(500);
    const text = asRecord(res.body).detail as string;
    expect(text).toMatch(/^Failed to process heartbeat: new row for relation "droplets" violates check constraint "droplets_status_check"\nDETAIL: {2}Failing row contains \(/);
    expect(text).toContain(`, 42, ${sb.store.get(42)?.name}, tester, http://127.0.0.1:9042, ["monitoring", "alerts"], ${status}, `);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?\)\.$/);
    expect(sb.store.get(42)?.status).toBe('active');
  });

  it('accepts error and a self-reported inactive (E13, X9)', async () => {
    for (const status of ['error', 'inactive', 'active']) {
      expect((await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: beat(status) })).status).toBe(200);
      expect(sb.store.get(42)?.status).toBe(status);
    }
  });

  it('needs status in the payload (E6)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: deployedEnvelope('event', 'droplet-42', { metrics: { cpu_percent: 1 } }) });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [{ type: 'missing', loc: ['status'], msg: 'Field required', input: { metrics: { cpu_percent: 1 } }, url: 'https://errors.pydantic.dev/2.13/v/missing' }],
    });
  });

  it.each([
    ['t7', 'Droplet 7 cannot send heartbeat for droplet 42'],
    ['noDropletId', 'Droplet None cannot send heartbeat for droplet 42'],
    ['str42', 'Droplet 42 cannot send heartbeat for droplet 42'],
  ])('refuses token %s for droplet 42 with the recorded 403 (E7-E9)', async (name, text) => {
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok[name], json: beat('active') });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: text });
  });

  it.each(['admin1', 'dash1'])('lets token %s heartbeat for any droplet (E10, X1)', async (name) => {
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok[name], json: beat('active') });
    expect(res.status).toBe(200);
  });

  it('checks the token before existence: 403 for a foreign unknown id, NotFound for its own (E11, E12)', async () => {
    const foreign = await call(sb.url, 'POST', '/droplets/999/heartbeat', { token: tok.t42, json: beat('active') });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({ detail: 'Droplet 42 cannot send heartbeat for droplet 999' });
    const own = await call(sb.url, 'POST', '/droplets/999/heartbeat', { token: tok.t999, json: beat('active') });
    expect(own.status).toBe(404);
    expect(own.body).toEqual({ error: true, message: 'Endpoint not found: /droplets/999/heartbeat', type: 'NotFound' });
  });

  it('answers a non-integer path id with int_parsing on ["path","droplet_id"] (E15)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/abc/heartbeat', { token: tok.t42, json: beat('active') });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [{ type: 'int_parsing', loc: ['path', 'droplet_id'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'abc' }],
    });
  });

  it('echoes an X-Trace-ID header while the envelope keeps its own trace_id (X7)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: { ...beat('active'), trace_id: 'envelope-trace' }, headers: { 'x-trace-id': 'header-trace' } });
    expect(res.headers.get('x-trace-id')).toBe('header-trace');
    expect(asRecord(res.body).trace_id).toBe('envelope-trace');
  });
});

describe('deployed dialect: list and details (F1-F8, G1-G3)', () => {
  beforeAll(async () => {
    await ensureRegistered(42);
    await ensureRegistered(44, { name: 'Registered by 42' });
    await ensureRegistered(48, { name: 'Builder', capabilities: ['build'] });
    await call(sb.url, 'POST', '/droplets/42/heartbeat', { token: tok.t42, json: beat('active') });
  });

  it('lists items exactly as recorded: droplet_id, JSON-string capabilities, naive times, filters', async () => {
    const res = await call(sb.url, 'GET', '/droplets', { token: tok.t42 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ udc_version: '1.0', source: 'droplet-10', target: 'client', message_type: 'response' });
    const p = payloadOf(res.body);
    expect(p.filters).toEqual({ status: null, capability: null });
    const items = p.droplets as Record<string, unknown>[];
    expect(p.total).toBe(items.length);
    const d42 = items.find((d) => d.droplet_id === 42) as Record<string, unknown>;
    expect(Object.keys(d42)).toEqual(['droplet_id', 'name', 'steward', 'endpoint', 'capabilities', 'status', 'last_heartbeat', 'registered_at', 'seconds_since_heartbeat']);
    expect(d42).toMatchObject({ steward: 'tester', endpoint: 'http://127.0.0.1:9042', capabilities: '["monitoring", "alerts"]', status: 'active' });
    expect(d42.last_heartbeat).toMatch(NAIVE);
    expect(d42.registered_at).toMatch(NAIVE);
    expect(d42.seconds_since_heartbeat).toBeGreaterThanOrEqual(0);
    expect(d42.seconds_since_heartbeat).toBeLessThan(5);
    expect(readDropletList(res.body).droplets.find((d) => d.id === 42)?.capabilities).toEqual(['monitoring', 'alerts']);
  });

  it('filters by status and capability and echoes the filters (F2-F7)', async () => {
    const list = async (q: string) => payloadOf((await call(sb.url, 'GET', `/droplets${q}`, { token: tok.t42 })).body);
    const byCap = await list('?capability=build');
    expect((byCap.droplets as { droplet_id: number }[]).map((d) => d.droplet_id)).toEqual([43, 48]);
    expect(byCap.filters).toEqual({ status: null, capability: 'build' });
    expect((await list('?status=bogus')).droplets).toEqual([]);
    expect((await list('?capability=nope')).total).toBe(0);
    const both = await list('?status=active&capability=alerts');
    expect((both.droplets as { droplet_id: number }[]).map((d) => d.droplet_id)).toEqual([42, 44]);
    expect(both.filters).toEqual({ status: 'active', capability: 'alerts' });
  });

  it('answers a capability with a double quote with the recorded 500 (F8)', async () => {
    const res = await call(sb.url, 'GET', '/droplets?capability=a%22b', { token: tok.t42 });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Failed to list droplets: invalid input syntax for type json\nDETAIL:  Token "b" is invalid.' });
  });

  it('answers details of an existing droplet with the recorded 500, and NotFound for unknown ids (G1-G3)', async () => {
    const known = await call(sb.url, 'GET', '/droplets/42', { token: tok.t42 });
    expect(known.status).toBe(500);
    expect(known.body).toEqual({ detail: 'Failed to fetch droplet details: column reference "status" is ambiguous' });
    const unknown = await call(sb.url, 'GET', '/droplets/999', { token: tok.t42 });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: true, message: 'Endpoint not found: /droplets/999', type: 'NotFound' });
    const abc = await call(sb.url, 'GET', '/droplets/abc', { token: tok.t42 });
    expect(abc.status).toBe(422);
    expect(asRecord(abc.body).detail).toEqual([expect.objectContaining({ type: 'int_parsing', loc: ['path', 'droplet_id'], input: 'abc' })]);
  });
});

describe('deployed dialect: auth (B1-B10, X2, X3)', () => {
  it('answers 403 without a header and for a non-Bearer scheme (B1, B2)', async () => {
    expect(await call(sb.url, 'GET', '/droplets')).toMatchObject({ status: 403, body: { detail: 'Not authenticated' } });
    expect(await call(sb.url, 'GET', '/droplets', { headers: { authorization: 'Basic Zm9vOmJhcg==' } })).toMatchObject({
      status: 403,
      body: { detail: 'Invalid authentication credentials' },
    });
  });

  it('answers 401 to tokens python-jose refuses (B3-B8, X2, X3)', async () => {
    const other = await otherKeys();
    const now = Date.now();
    const refused: Record<string, string> = {
      garbage: 'not.a.jwt',
      otherKey: await signToken(other.privateKeyPem, { droplet_id: 42 }),
      expired: await signToken(pem, { droplet_id: 42 }, { nowMs: now - 7200_000, expiresIn: 3600 }),
      aud: await signToken(pem, { droplet_id: 42, aud: 'orchestrator' }),
      nbfFuture: await signToken(pem, { droplet_id: 42, nbf: Math.floor(now / 1000) + 3600 }),
      subNumber: await signToken(pem, { droplet_id: 42, sub: 42 as unknown as string }),
      iatString: await signToken(pem, { droplet_id: 42, iat: 'yesterday' as unknown as number }),
    };
    for (const [name, t] of Object.entries(refused)) {
      const res = await call(sb.url, 'GET', '/droplets?status=active', { token: t });
      expect([name, res.status, res.body]).toEqual([name, 401, { detail: 'Could not validate credentials' }]);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('refuses a token without exp, unlike production (B9: security issue 12), and accepts one without droplet_id (B10)', async () => {
    const noExp = await call(sb.url, 'GET', '/droplets', { token: tok.noExp });
    expect([noExp.status, noExp.body]).toEqual([401, { detail: 'Could not validate credentials' }]);
    expect((await call(sb.url, 'GET', '/droplets', { token: tok.noDropletId })).status).toBe(200);
  });
});

describe('deployed dialect: routing and public routes', () => {
  it('answers unknown paths with the NotFound body (A8, A9)', async () => {
    for (const path of ['/nope', '/auth/token']) {
      const res = await call(sb.url, path === '/nope' ? 'GET' : 'POST', path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: true, message: `Endpoint not found: ${path}`, type: 'NotFound' });
    }
  });

  it('answers DELETE and PUT on /droplets/{id} with 405 (X12, X13)', async () => {
    expect(await call(sb.url, 'DELETE', '/droplets/42', { token: tok.t42 })).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } });
    expect(await call(sb.url, 'PUT', '/droplets/42', { token: tok.t42, json: {} })).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } });
  });

  it('serves the public routes without a token, with naive timestamps (A1-A6)', async () => {
    const health = await call(sb.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(asRecord(health.body).updated_at).toMatch(NAIVE);
    for (const path of ['/capabilities', '/state', '/management/version', '/ws/status']) {
      expect([path, (await call(sb.url, 'GET', path)).status]).toEqual([path, 200]);
    }
    expect((await call(sb.url, 'GET', '/ws/status')).body).toMatchObject({ websocket_enabled: true, channels: { droplets: { endpoint: '/ws/droplets' } } });
  });
});
