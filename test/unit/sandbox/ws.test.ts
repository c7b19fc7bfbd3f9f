import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningSandbox } from '../../../sandbox/index';
import { readLiveMessage } from '../../../shared/udc';
import { sandboxPool, asRecord, call, deployedEnvelope, deployedRegistration, guideEnvelope, guideRegistration, signToken, testKeys, waitFor } from './helpers';

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

const start = pool.start;

/** Open /ws/droplets and collect parsed messages. */
async function listen(sb: RunningSandbox, t: string): Promise<{ ws: WebSocket; messages: Record<string, unknown>[] }> {
  const ws = new WebSocket(`${sb.url.replace('http', 'ws')}/ws/droplets?token=${t}`);
  sockets.push(ws);
  const messages: Record<string, unknown>[] = [];
  ws.on('message', (data: WebSocket.RawData) => messages.push(asRecord(JSON.parse(data.toString()))));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages };
}

/** The HTTP status a refused handshake answered with. */
function handshakeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('handshake unexpectedly accepted')));
    ws.once('error', () => undefined);
  });
}

const event = (messages: Record<string, unknown>[], name: string) => messages.find((m) => asRecord(m.payload).event === name);

describe('/ws/droplets', () => {
  it('streams a guide event envelope on a reported status change', async () => {
    const sb = await start();
    const { messages } = await listen(sb, token);
    await call(sb.url, 'POST', '/droplets/register', { token, json: guideRegistration(42) });
    await call(sb.url, 'POST', '/droplets/42/heartbeat', { token, json: guideEnvelope('heartbeat', 42, { status: 'error' }) });
    const msg = await waitFor(() => event(messages, 'droplet_health_changed'));
    expect(msg).toMatchObject({ source: 10, message_type: 'event' });
    expect(msg).not.toHaveProperty('udc_version');
    expect(msg.payload).toEqual({ event: 'droplet_health_changed', droplet_id: 42, old_status: 'active', new_status: 'error', changed_at: expect.stringMatching(/Z$/) });
    expect(readLiveMessage(JSON.stringify(msg))).toMatchObject({ dropletId: 42, oldStatus: 'active', newStatus: 'error' });
  });

  it('streams deployed envelopes, including monitor timeouts', async () => {
    const sb = await start({ dialect: 'deployed', inactiveAfterSeconds: 0.2, monitorIntervalMs: 20 });
    const { messages } = await listen(sb, token);
    const reg = deployedRegistration(42);
    await call(sb.url, 'POST', '/droplets/register', { token, json: reg }); // the recorded 500; the row exists
    await call(sb.url, 'POST', '/droplets/42/heartbeat', { token, json: deployedEnvelope('event', 'droplet-42', { status: 'active' }) });
    const msg = await waitFor(() => messages.find((m) => asRecord(m.payload).new_status === 'inactive'));
    expect(msg).toMatchObject({ udc_version: '1.0', source: 'droplet-10', target: 'broadcast', message_type: 'event' });
    expect(msg.timestamp).toMatch(/\+00:00$/);
    expect(msg.payload).toEqual({ event: 'droplet_health_changed', droplet_id: 42, old_status: 'active', new_status: 'inactive', changed_at: expect.not.stringMatching(/Z$/) });
    expect(readLiveMessage(JSON.stringify(msg))).toMatchObject({ dropletId: 42, newStatus: 'inactive' });
  });

  it('sends a ping on the configured interval', async () => {
    const sb = await start({ pingIntervalMs: 30 });
    const { messages } = await listen(sb, token);
    const ping = await waitFor(() => event(messages, 'ping'));
    expect(ping).toMatchObject({ message_type: 'event', payload: { event: 'ping' } });
  });

  it('refuses the handshake with 403 for a missing, garbage or expired token', async () => {
    const sb = await start();
    const base = `${sb.url.replace('http', 'ws')}/ws/droplets`;
    const expired = await signToken(keys.privateKeyPem, { droplet_id: 1 }, { nowMs: Date.now() - 7200_000, expiresIn: 60 });
    expect(await handshakeStatus(base)).toBe(403);
    expect(await handshakeStatus(`${base}?token=not.a.jwt`)).toBe(403);
    expect(await handshakeStatus(`${base}?token=${expired}`)).toBe(403);
  });

  it('applies the dialect token rules: a deployed sandbox refuses a token with aud', async () => {
    const sb = await start({ dialect: 'deployed' });
    const aud = await signToken(keys.privateKeyPem, { droplet_id: 1, aud: 'orchestrator' });
    expect(await handshakeStatus(`${sb.url.replace('http', 'ws')}/ws/droplets?token=${aud}`)).toBe(403);
  });

  it('counts connections in /ws/status and closes them on close()', async () => {
    const sb = await start();
    const { ws } = await listen(sb, token);
    const status = asRecord((await call(sb.url, 'GET', '/ws/status')).body);
    expect(status.connections).toMatchObject({ droplet_connections: 1 });
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    await sb.close();
    await closed;
  });
});
