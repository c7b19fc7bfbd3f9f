/** Token lifetime rules (security issue 12, item 10): exp is required, iat may not be in the future. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSigner } from '../../../core/signing/signer';
import type { WireDialect } from '../../../shared/model';
import type { RunningSandbox } from '../../../sandbox/index';
import { call, sandboxPool, signToken, testKeys } from './helpers';

let keys: { privateKeyPem: string; publicKeyPem: string };
const pool = sandboxPool(() => keys.publicKeyPem);

beforeAll(async () => {
  keys = await testKeys('ES256');
});
afterEach(() => pool.closeAll());

/** The HTTP status of the /ws/droplets handshake: 101 when it opens. */
function handshakeStatus(sb: RunningSandbox, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${sb.url.replace('http', 'ws')}/ws/droplets?token=${token}`);
    ws.once('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });
}

const nowS = () => Math.floor(Date.now() / 1000);

describe.each<WireDialect>(['guide', 'deployed'])('%s sandbox: token lifetime', (dialect) => {
  it('refuses a token without exp like an expired one: 401 on HTTP, 403 on the WebSocket', async () => {
    const sb = await pool.start({ dialect });
    for (const issuedAt of [true, false]) {
      const noExp = await signToken(keys.privateKeyPem, { droplet_id: 1 }, { expiresIn: null, issuedAt });
      const res = await call(sb.url, 'GET', '/droplets', { token: noExp });
      expect([res.status, res.body]).toEqual([401, { detail: 'Could not validate credentials' }]);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await handshakeStatus(sb, noExp)).toBe(403);
    }
  });

  it('refuses a token issued 10 minutes in the future', async () => {
    const sb = await pool.start({ dialect });
    const ahead = await signToken(keys.privateKeyPem, { droplet_id: 1, iat: nowS() + 600 }, { expiresIn: 1200 });
    const res = await call(sb.url, 'GET', '/droplets', { token: ahead });
    expect([res.status, res.body]).toEqual([401, { detail: 'Could not validate credentials' }]);
    expect(await handshakeStatus(sb, ahead)).toBe(403);
  });

  it('accepts a normal token, one whose iat is a few seconds ahead, and one without iat', async () => {
    const sb = await pool.start({ dialect });
    const tokens = [
      await signToken(keys.privateKeyPem, { droplet_id: 1 }),
      await signToken(keys.privateKeyPem, { droplet_id: 1, iat: nowS() + 30 }),
      await signToken(keys.privateKeyPem, { droplet_id: 1 }, { issuedAt: false }),
    ];
    for (const t of tokens) {
      expect((await call(sb.url, 'GET', '/droplets', { token: t })).status).toBe(200);
      expect(await handshakeStatus(sb, t)).toBe(101);
    }
  });

  it("accepts the tokens Steward's own signer makes", async () => {
    const sb = await pool.start({ dialect });
    const t = await createSigner({ privateKeyPem: keys.privateKeyPem }).tokenFor(1);
    expect((await call(sb.url, 'GET', '/droplets', { token: t })).status).toBe(200);
    expect(await handshakeStatus(sb, t)).toBe(101);
  });

  it("judges iat against the sandbox's own clock", async () => {
    const behind = Date.now() - 3_600_000;
    const sb = await pool.start({ dialect, now: () => behind });
    const t = await signToken(keys.privateKeyPem, { droplet_id: 1 });
    expect((await call(sb.url, 'GET', '/droplets', { token: t })).status).toBe(401);
    const onItsClock = await signToken(keys.privateKeyPem, { droplet_id: 1 }, { nowMs: behind });
    expect((await call(sb.url, 'GET', '/droplets', { token: onItsClock })).status).toBe(200);
  });
});
