import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { readDropletDetails, readDropletList, readHeartbeatAck, readRegisterAck } from '../../../shared/udc';
import { buildHeartbeatRequest, buildRegisterRequest } from '../../../shared/udc/builders';
import { asRecord, call, guideEnvelope, guideRegistration, otherKeys, payloadOf, signToken, testKeys } from './helpers';

let sb: RunningSandbox;
let token: string;
let privateKeyPem: string;

beforeAll(async () => {
  const keys = await testKeys();
  privateKeyPem = keys.privateKeyPem;
  sb = await startSandbox({ publicKeyPem: keys.publicKeyPem });
  token = await signToken(privateKeyPem, { droplet_id: 42, sub: 'droplet-42' });
});
afterAll(() => sb.close());

const metrics = { cpu_percent: 15.5, memory_mb: 256, requests_last_minute: 10, errors_last_minute: 0 };
const heartbeat = (id: number, status = 'active', m: unknown = metrics) => guideEnvelope('heartbeat', id, { status, metrics: m });

describe('guide dialect: registration', () => {
  it('registers a new droplet with 201 and the guide payload, echoing trace_id and source', async () => {
    const body = guideRegistration(42);
    const res = await call(sb.url, 'POST', '/droplets/register', { token, json: body });
    expect(res.status).toBe(201);
    const env = asRecord(res.body);
    expect(env).toMatchObject({ trace_id: body.trace_id, source: 10, target: 42, message_type: 'response' });
    expect(env).not.toHaveProperty('udc_version');
    expect(env.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(env.payload).toMatchObject({ registered: true, droplet_id: 42, message: 'Droplet registered successfully', status: 'registered', heartbeat_interval_seconds: 60 });
    expect(payloadOf(env).registered_at).toMatch(/Z$/);
  });

  it('answers an existing id with 201 status "updated" and keeps the first registration time', async () => {
    const first = await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(43) });
    const again = await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(43, { name: 'renamed' }) });
    expect(again.status).toBe(201);
    expect(payloadOf(again.body)).toMatchObject({ status: 'updated', droplet_id: 43 });
    expect(payloadOf(again.body).registered_at).toBe(payloadOf(first.body).registered_at);
    expect(sb.store.get(43)?.name).toBe('renamed');
  });

  it('accepts what the shared builders send and the shared readers read the answer', async () => {
    const req = buildRegisterRequest({ dialect: 'guide' }, { id: 44, name: 'built', endpoint: 'http://localhost:9044', capabilities: ['x'] });
    const res = await call(sb.url, 'POST', '/droplets/register', { token, json: req.body });
    expect(res.status).toBe(201);
    expect(readRegisterAck(res.body)).toMatchObject({ registered: true, dropletId: 44, outcome: 'registered', heartbeatIntervalSeconds: 60, traceId: req.traceId });
    const hb = buildHeartbeatRequest({ dialect: 'guide' }, { id: 44, status: 'maintenance', metrics });
    const ack = await call(sb.url, 'POST', '/droplets/44/heartbeat', { token, json: hb.body });
    expect(readHeartbeatAck(ack.body)).toMatchObject({ acknowledged: true, dropletId: 44, nextHeartbeatInSeconds: 60 });
  });

  it('names every bad field in a 422 with loc under body (and body.payload)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/register', {
      token,
      json: guideEnvelope('command', 42, { id: 0, endpoint: 'not a url', capabilities: 'x' }, { trace_id: undefined, source: 'droplet-42' }),
    });
    expect(res.status).toBe(422);
    expect(asRecord(res.body).detail).toEqual([
      { loc: ['body', 'trace_id'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'source'], msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' },
      { loc: ['body', 'payload', 'id'], msg: 'Input should be greater than 0', type: 'greater_than' },
      { loc: ['body', 'payload', 'name'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'payload', 'endpoint'], msg: expect.stringContaining('URL'), type: 'value_error' },
      { loc: ['body', 'payload', 'capabilities'], msg: 'Input should be a valid list', type: 'list_type' },
    ]);
  });

  it('refuses an endpoint that is a URL but not http(s), on the endpoint field', async () => {
    const req = buildRegisterRequest({ dialect: 'guide' }, { id: 46, name: 'ftp', endpoint: 'ftp://files.example/drop', capabilities: [] });
    const res = await call(sb.url, 'POST', '/droplets/register', { token, json: req.body });
    expect(res.status).toBe(422);
    expect(asRecord(res.body).detail).toEqual([{ loc: ['body', 'payload', 'endpoint'], msg: "URL scheme should be 'http' or 'https'", type: 'value_error' }]);
    expect(sb.store.get(46)).toBeUndefined();
  });

  it('refuses a registration sent with another message_type (422 on message_type)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/register', { token, json: { ...guideRegistration(45), message_type: 'heartbeat' } });
    expect(res.status).toBe(422);
    expect(asRecord(res.body).detail).toEqual([{ loc: ['body', 'message_type'], msg: "Input should be 'command'", type: 'literal_error' }]);
  });

  it('answers invalid JSON, an empty body and a non-object body with FastAPI 422s', async () => {
    const bad = await call(sb.url, 'POST', '/droplets/register', { token, raw: '{"trace_id": ' });
    expect(bad.status).toBe(422);
    expect(asRecord(bad.body).detail).toEqual([{ loc: ['body', expect.any(Number)], msg: 'JSON decode error', type: 'json_invalid' }]);
    const empty = await call(sb.url, 'POST', '/droplets/register', { token, raw: '' });
    expect(empty.status).toBe(422);
    expect(asRecord(empty.body).detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
    const list = await call(sb.url, 'POST', '/droplets/register', { token, json: [] });
    expect(list.status).toBe(422);
    expect(asRecord(list.body).detail).toEqual([expect.objectContaining({ loc: ['body'], type: 'model_attributes_type' })]);
  });
});

describe('guide dialect: heartbeat', () => {
  it('acknowledges a heartbeat with the guide payload and records status and metrics', async () => {
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(50) });
    const body = heartbeat(50, 'active');
    const res = await call(sb.url, 'POST', '/droplets/50/heartbeat', { token, json: body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ trace_id: body.trace_id, source: 10, target: 50, message_type: 'response', payload: { acknowledged: true, droplet_id: 50, next_heartbeat_in: 60 } });
    expect(sb.store.get(50)).toMatchObject({ status: 'active', latestMetrics: metrics });
  });

  it.each(['active', 'inactive', 'error', 'maintenance'])('accepts status %s', async (status) => {
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(51) });
    const res = await call(sb.url, 'POST', '/droplets/51/heartbeat', { token, json: heartbeat(51, status) });
    expect(res.status).toBe(200);
    expect(sb.store.get(51)?.status).toBe(status);
  });

  it('refuses an unknown status and non-scalar metrics, naming the fields', async () => {
    const res = await call(sb.url, 'POST', '/droplets/50/heartbeat', { token, json: heartbeat(50, 'healthy', { cpu: { nested: 1 } }) });
    expect(res.status).toBe(422);
    const locs = (asRecord(res.body).detail as { loc: unknown[] }[]).map((d) => d.loc);
    expect(locs).toEqual([['body', 'payload', 'status'], ['body', 'payload', 'metrics', 'cpu']]);
  });

  it('refuses a heartbeat sent as a command (422 on message_type)', async () => {
    const res = await call(sb.url, 'POST', '/droplets/50/heartbeat', { token, json: { ...heartbeat(50), message_type: 'command' } });
    expect(res.status).toBe(422);
    expect(asRecord(res.body).detail).toEqual([{ loc: ['body', 'message_type'], msg: "Input should be 'heartbeat'", type: 'literal_error' }]);
  });

  it('answers 404 "Droplet 999 not found" for an unknown droplet, and 422 on a non-integer id', async () => {
    const res = await call(sb.url, 'POST', '/droplets/999/heartbeat', { token, json: heartbeat(999) });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Droplet 999 not found' });
    const abc = await call(sb.url, 'POST', '/droplets/abc/heartbeat', { token, json: heartbeat(1) });
    expect(abc.status).toBe(422);
    expect(asRecord(abc.body).detail).toEqual([{ loc: ['path', 'droplet_id'], msg: expect.stringContaining('valid integer'), type: 'int_parsing' }]);
  });
});

describe('guide dialect: list and details', () => {
  beforeAll(async () => {
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(60, { capabilities: ['billing'] }) });
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(61, { capabilities: ['billing', 'search'] }) });
    await call(sb.url, 'POST', '/droplets/61/heartbeat', { token, json: heartbeat(61, 'error', { cpu_percent: 99 }) });
  });

  it('lists droplets with the guide item shape, in id order, with total', async () => {
    const res = await call(sb.url, 'GET', '/droplets', { token });
    expect(res.status).toBe(200);
    const env = asRecord(res.body);
    expect(env).toMatchObject({ source: 10, target: 0, message_type: 'response' });
    const p = payloadOf(env);
    const items = p.droplets as Record<string, unknown>[];
    expect(p.total).toBe(items.length);
    expect(items.map((d) => d.id)).toEqual([...items.map((d) => d.id as number)].sort((a, b) => a - b));
    const d61 = items.find((d) => d.id === 61);
    expect(d61).toEqual({
      id: 61,
      name: 'droplet-61',
      steward: 'Haythem',
      status: 'error',
      endpoint: 'http://localhost:8061',
      capabilities: ['billing', 'search'],
      version: '1.0.0',
      registered_at: expect.stringMatching(/Z$/),
      last_heartbeat: expect.stringMatching(/Z$/),
      metrics: { cpu_percent: 99 },
    });
    expect(items.find((d) => d.id === 60)).toMatchObject({ last_heartbeat: null, metrics: null });
    expect(readDropletList(res.body).droplets.find((d) => d.id === 61)).toMatchObject({ status: 'error', latestMetrics: { cpu_percent: 99 } });
  });

  it('filters by status and by capability, alone and together', async () => {
    const ids = async (q: string) => (payloadOf((await call(sb.url, 'GET', `/droplets${q}`, { token })).body).droplets as { id: number }[]).map((d) => d.id);
    expect(await ids('?capability=billing')).toEqual([60, 61]);
    expect(await ids('?status=error&capability=billing')).toEqual([61]);
    expect(await ids('?status=error')).toContain(61);
    expect(await ids('?status=error')).not.toContain(60);
    expect(await ids('?status=bogus')).toEqual([]);
  });

  it('serves details with heartbeat history, oldest first', async () => {
    await call(sb.url, 'POST', '/droplets/61/heartbeat', { token, json: heartbeat(61, 'active', { cpu_percent: 10 }) });
    const res = await call(sb.url, 'GET', '/droplets/61', { token });
    expect(res.status).toBe(200);
    const droplet = asRecord(payloadOf(res.body).droplet);
    expect(droplet).toMatchObject({ id: 61, status: 'active', metrics: { cpu_percent: 10 } });
    expect(droplet.heartbeat_history).toEqual([
      { time: expect.stringMatching(/Z$/), status: 'error', metrics: { cpu_percent: 99 } },
      { time: expect.stringMatching(/Z$/), status: 'active', metrics: { cpu_percent: 10 } },
    ]);
    expect(readDropletDetails(res.body).heartbeats.map((h) => h.status)).toEqual(['error', 'active']);
  });

  it('answers 404 for unknown details and 422 for a non-integer id', async () => {
    expect((await call(sb.url, 'GET', '/droplets/999', { token })).body).toEqual({ detail: 'Droplet 999 not found' });
    expect((await call(sb.url, 'GET', '/droplets/abc', { token })).status).toBe(422);
  });
});

describe('guide dialect: auth', () => {
  it('answers 401 "Not authenticated" without an Authorization header or with another scheme', async () => {
    for (const headers of [{}, { authorization: 'Basic Zm9vOmJhcg==' }] as Record<string, string>[]) {
      const res = await call(sb.url, 'GET', '/droplets', { headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ detail: 'Not authenticated' });
    }
  });

  it('answers 401 "Could not validate credentials" to garbage, expired and wrong-key tokens', async () => {
    const other = await otherKeys();
    const tokens = [
      'not.a.jwt',
      await signToken(privateKeyPem, { droplet_id: 42 }, { nowMs: Date.now() - 3600_000, expiresIn: 60 }),
      await signToken(other.privateKeyPem, { droplet_id: 42 }),
    ];
    for (const t of tokens) {
      const res = await call(sb.url, 'GET', '/droplets', { token: t });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ detail: 'Could not validate credentials' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('protects every droplet route', async () => {
    expect((await call(sb.url, 'POST', '/droplets/register', { json: guideRegistration(70) })).status).toBe(401);
    expect((await call(sb.url, 'POST', '/droplets/42/heartbeat', { json: heartbeat(42) })).status).toBe(401);
    expect((await call(sb.url, 'GET', '/droplets/42')).status).toBe(401);
    expect(sb.store.get(70)).toBeUndefined();
  });
});

describe('guide dialect: public routes and routing', () => {
  it('serves /health and /management/version without a token', async () => {
    const health = await call(sb.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ id: 10, name: 'Orchestrator', status: 'active', endpoint: sb.url });
    const version = await call(sb.url, 'GET', '/management/version');
    expect(version.status).toBe(200);
    expect(version.body).toMatchObject({ version: '2.0.0', droplet_id: 10, udc_version: '1.0' });
  });

  it('answers unknown routes with {"detail":"Not Found"} and wrong methods with 405', async () => {
    const nope = await call(sb.url, 'GET', '/nope');
    expect(nope.status).toBe(404);
    expect(nope.body).toEqual({ detail: 'Not Found' });
    for (const method of ['DELETE', 'PUT']) {
      const res = await call(sb.url, method, '/droplets/42', { token, json: {} });
      expect(res.status).toBe(405);
      expect(res.body).toEqual({ detail: 'Method Not Allowed' });
    }
  });

  it('redirects / to /health and /droplets/ to /droplets', async () => {
    const root = await call(sb.url, 'GET', '/');
    expect(root.status).toBe(307);
    expect(root.headers.get('location')).toBe('/health');
    const slash = await call(sb.url, 'GET', '/droplets/?status=active');
    expect(slash.status).toBe(307);
    expect(slash.headers.get('location')).toBe(`${sb.url}/droplets?status=active`);
  });

  it('echoes an X-Trace-ID request header', async () => {
    const res = await call(sb.url, 'GET', '/health', { headers: { 'x-trace-id': 'abc-123' } });
    expect(res.headers.get('x-trace-id')).toBe('abc-123');
  });
});
