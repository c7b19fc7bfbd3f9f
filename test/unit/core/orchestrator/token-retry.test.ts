/**
 * Tokens across a refusal: a 401 gets one freshly signed token and one retry; a second 401 is
 * an auth error with the likely causes; a 403 on a heartbeat names the droplet ids involved.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createOrchestratorClient } from '../../../../core/orchestrator/client';
import { OrchestratorError, toIpcError } from '../../../../core/orchestrator/errors';
import { generateKeyPair } from '../../../../core/signing/keys';
import { createSigner, type Signer, type TokenSource } from '../../../../core/signing/signer';
import { guideEnvelope, json, servePerTest } from '../../../support/tiny-server';
import { listFleet } from '../../../support/list-fleet';

const KEY = generateKeyPair('RS256');
const HB = { id: 42, status: 'active' as const, metrics: { cpu_percent: 12 } };
const LIST = guideEnvelope({ droplets: [], total: 0 });
const REFUSED = { detail: 'Could not validate credentials' };

const serve = servePerTest();

/** A real signer whose clock moves on each call (so every signing is a different token), counting signings. */
function countingSigner(): { signer: TokenSource; signings: () => number; inner: Signer } {
  let t = Date.UTC(2026, 10, 27, 5, 0, 0);
  const inner = createSigner({ privateKeyPem: KEY.privateKeyPem, now: () => (t += 1000) });
  const tokens = new Set<string>();
  return {
    inner,
    signings: () => tokens.size,
    signer: {
      fingerprint: inner.fingerprint,
      async tokenFor(id) {
        const token = await inner.tokenFor(id);
        tokens.add(token);
        return token;
      },
      invalidate: (id) => inner.invalidate(id),
    },
  };
}

function client(url: string, signer: TokenSource) {
  return createOrchestratorClient({ baseUrl: url, signer, identityDropletId: 7, dialect: 'guide', sleep: async () => undefined });
}

async function caught(p: Promise<unknown>): Promise<OrchestratorError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof OrchestratorError)) throw new Error(`expected an OrchestratorError, got ${String(e)}`);
  return e;
}

const bearer = (h: string | string[] | undefined) => String(h).replace(/^Bearer /, '');

describe('token retry', () => {
  it('answers a 401 by signing a fresh token and trying once more', async () => {
    let calls = 0;
    const s = await serve((_req, res) => (++calls === 1 ? json(res, 401, REFUSED) : json(res, 200, LIST)));
    const { signer, signings } = countingSigner();
    const list = await listFleet(client(s.url, signer));
    expect(list.total).toBe(0);
    expect(s.seen).toHaveLength(2);
    expect(signings()).toBe(2);
    const [first, second] = s.seen.map((r) => bearer(r.headers.authorization));
    expect(first).not.toBe(second);
    expect(decodeJwt(second!).iat).toBeGreaterThan(decodeJwt(first!).iat!);
    expect(decodeJwt(second!).droplet_id).toBe(7);
  });

  it('reports a second 401 as auth, with the likely causes, and does not try a third time', async () => {
    const s = await serve((_req, res) => json(res, 401, REFUSED));
    const { signer, signings, inner } = countingSigner();
    const e = await caught(listFleet(client(s.url, signer)));
    expect(s.seen).toHaveLength(2);
    expect(signings()).toBe(2);
    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).toBe(
      'The Orchestrator refused the token: its signature does not match a key it trusts, it has expired, or it lacks a claim it needs. It said: "Could not validate credentials".',
    );
    expect(e.hint).toBe(
      `Check that the Orchestrator trusts this profile's public key (${inner.fingerprint}), that this computer's clock is right, and that the token carries no aud claim. Steward signed a fresh token and tried again; that was refused too.`,
    );
    // The same words cross IPC.
    expect(toIpcError(e)).toMatchObject({ kind: 'auth', message: e.message, hint: e.hint, status: 401 });
  });

  it('signs a heartbeat for the droplet it is for', async () => {
    const s = await serve((req, res) => json(res, 200, guideEnvelope({ acknowledged: true, droplet_id: 42, next_heartbeat_in: 60 }, (JSON.parse(req.body) as { trace_id: string }).trace_id)));
    const { signer } = countingSigner();
    await client(s.url, signer).heartbeat(HB);
    expect(decodeJwt(bearer(s.seen[0]!.headers.authorization)).droplet_id).toBe(42);
  });

  it('explains a 403 on a heartbeat: the token must carry the droplet id, naming the one signed', async () => {
    const s = await serve((_req, res) => json(res, 403, { detail: 'Droplet 7 cannot send heartbeat for droplet 42' }));
    const { inner } = countingSigner();
    // A signer that signs for the wrong droplet, as a misconfigured token source would.
    const wrong: TokenSource = { tokenFor: () => inner.tokenFor(7), invalidate: () => undefined };
    const e = await caught(client(s.url, wrong).heartbeat(HB));
    expect(s.seen).toHaveLength(1); // a 403 is not retried
    expect(e).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(e.message).toBe('The Orchestrator would not take a heartbeat for droplet 42 sent with a token signed for droplet 7 (403: Droplet 7 cannot send heartbeat for droplet 42).');
    expect(e.hint).toBe('A heartbeat\'s token must carry droplet_id 42 as a number (only droplet 1 may beat for others).');
  });

  it('on a 403 for a token that did carry the right id, says the Orchestrator may read the claim differently', async () => {
    const s = await serve((_req, res) => json(res, 403, { detail: 'Droplet id mismatch' }));
    const { signer } = countingSigner();
    const e = await caught(client(s.url, signer).heartbeat(HB));
    expect(e.message).toBe('The Orchestrator would not take a heartbeat for droplet 42 sent with a token signed for droplet 42 (403: Droplet id mismatch).');
    expect(e.hint).toMatch(/Steward did sign for that droplet, so the Orchestrator may read the claim differently\.$/);
  });
});
