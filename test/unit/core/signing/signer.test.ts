import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { KeyError } from '../../../../core/signing/keys';
import { createSigner } from '../../../../core/signing/signer';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const RSA_PKCS8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const RSA_PKCS1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const EC_PKCS8 = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const T0 = Date.UTC(2026, 10, 27, 5, 0, 0);

describe('createSigner', () => {
  for (const [name, pem, alg] of [
    ['RSA PKCS#8', RSA_PKCS8, 'RS256'],
    ['RSA PKCS#1', RSA_PKCS1, 'RS256'],
    ['EC P-256', EC_PKCS8, 'ES256'],
  ] as const) {
    it(`signs ${name} tokens that verify with the public key (${alg})`, async () => {
      const signer = createSigner({ privateKeyPem: pem });
      expect(signer.algorithm).toBe(alg);
      const token = await signer.tokenFor(42);
      expect(decodeProtectedHeader(token).alg).toBe(alg);
      const { payload } = await jwtVerify(token, await importSPKI(signer.publicKeyPem, alg), { algorithms: [alg] });
      expect(payload.droplet_id).toBe(42);
    });
  }

  it('puts droplet_id as an int, backdates iat, sets exp to the lifetime and adds no aud by default', async () => {
    const signer = createSigner({ privateKeyPem: RSA_PKCS8, now: () => T0 });
    const claims = decodeJwt(await signer.tokenFor(42));
    const nowS = T0 / 1000;
    expect(claims).toEqual({ droplet_id: 42, iat: nowS - 5, exp: nowS + 300 });
    expect(Number.isInteger(claims.droplet_id)).toBe(true);
    expect('aud' in claims).toBe(false);
  });

  it('adds configured claims, with {droplet_id} filled in, and never lets a template override the reserved ones', async () => {
    const signer = createSigner({
      privateKeyPem: RSA_PKCS8,
      now: () => T0,
      lifetimeSeconds: 60,
      skewSeconds: 10,
      claims: { steward: 'Haythem', permissions: ['read', 'write'], iss: 'steward', sub: 'droplet-{droplet_id}', aud: 'orchestrator', extra: { team: 'blue', droplet_id: 999, exp: 1, note: 'for {droplet_id}' } },
    });
    const claims = decodeJwt(await signer.tokenFor(7));
    expect(claims).toEqual({
      droplet_id: 7,
      iat: T0 / 1000 - 10,
      exp: T0 / 1000 + 60,
      steward: 'Haythem',
      permissions: ['read', 'write'],
      iss: 'steward',
      sub: 'droplet-7',
      aud: 'orchestrator',
      team: 'blue',
      note: 'for 7',
    });
  });

  it('reuses a cached token and signs a fresh one shortly before expiry', async () => {
    let now = T0;
    const signer = createSigner({ privateKeyPem: EC_PKCS8, now: () => now });
    const first = await signer.tokenFor(42);
    now += 200_000; // 100 s left: still fresh
    expect(await signer.tokenFor(42)).toBe(first);
    now += 75_000; // 25 s left: inside the 30 s margin
    const second = await signer.tokenFor(42);
    expect(second).not.toBe(first);
    expect(decodeJwt(second).exp).toBe(Math.floor(now / 1000) + 300);
  });

  it('uses 10% of a short lifetime as the margin', async () => {
    let now = T0;
    const signer = createSigner({ privateKeyPem: EC_PKCS8, lifetimeSeconds: 60, now: () => now });
    const first = await signer.tokenFor(1);
    now += 50_000; // 10 s left > 6 s margin
    expect(await signer.tokenFor(1)).toBe(first);
    now += 5_000; // 5 s left
    expect(await signer.tokenFor(1)).not.toBe(first);
  });

  it('caches per droplet and can be invalidated', async () => {
    const signer = createSigner({ privateKeyPem: EC_PKCS8, now: () => T0 });
    const a = await signer.tokenFor(1);
    const b = await signer.tokenFor(2);
    expect(decodeJwt(b).droplet_id).toBe(2);
    expect(await signer.tokenFor(1)).toBe(a);
    signer.invalidate(1);
    const a2 = await signer.tokenFor(1);
    expect(a2).not.toBe(a); // ECDSA signatures are randomised, so a re-sign differs
    expect(await signer.tokenFor(2)).toBe(b);
    signer.invalidate();
    expect(await signer.tokenFor(2)).not.toBe(b);
  });

  it('shares one signing between concurrent requests', async () => {
    const signer = createSigner({ privateKeyPem: RSA_PKCS8, now: () => T0 });
    const p1 = signer.tokenFor(42);
    const p2 = signer.tokenFor(42);
    expect(p1).toBe(p2);
    const tokens = await Promise.all([p1, p2, signer.tokenFor(42)]);
    expect(new Set(tokens).size).toBe(1);
  });

  it('refuses a non-integer droplet id', async () => {
    const signer = createSigner({ privateKeyPem: RSA_PKCS8 });
    await expect(signer.tokenFor(4.2)).rejects.toThrow(/positive integer/);
    await expect(signer.tokenFor(0)).rejects.toThrow(/positive integer/);
  });

  it('exposes the key fingerprint and refuses a bad key with a KeyError', () => {
    expect(createSigner({ privateKeyPem: RSA_PKCS1 }).fingerprint).toBe(createSigner({ privateKeyPem: RSA_PKCS8 }).fingerprint);
    expect(() => createSigner({ privateKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() })).toThrow(KeyError);
  });

  it('refuses a lifetime under one second and a negative clock skew, naming the value', () => {
    for (const lifetimeSeconds of [0, 0.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createSigner({ privateKeyPem: EC_PKCS8, lifetimeSeconds })).toThrow(new RangeError(`Token lifetime must be at least 1 second, not ${lifetimeSeconds}`));
    }
    for (const skewSeconds of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createSigner({ privateKeyPem: EC_PKCS8, skewSeconds })).toThrow(new RangeError(`Clock skew must be zero or more seconds, not ${skewSeconds}`));
    }
    expect(() => createSigner({ privateKeyPem: EC_PKCS8, claims: { sub: 7 as unknown as string } })).toThrow(new TypeError('The sub claim must be a string'));
  });

  it('takes a one-second lifetime and no skew at face value', async () => {
    const signer = createSigner({ privateKeyPem: EC_PKCS8, lifetimeSeconds: 1, skewSeconds: 0, now: () => T0 });
    const token = await signer.tokenFor(3);
    expect(decodeJwt(token)).toEqual({ droplet_id: 3, iat: T0 / 1000, exp: T0 / 1000 + 1 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'JWT' });
  });

  it('re-signs when exactly the margin is left, not a second before', async () => {
    let now = T0;
    const signer = createSigner({ privateKeyPem: EC_PKCS8, now: () => now });
    const first = await signer.tokenFor(5);
    now += 269_000; // 31 s left
    expect(await signer.tokenFor(5)).toBe(first);
    now += 1_000; // 30 s left: the margin
    expect(await signer.tokenFor(5)).not.toBe(first);
  });

  it('refuses droplet ids that are not positive safe integers, naming them', async () => {
    const signer = createSigner({ privateKeyPem: EC_PKCS8 });
    for (const id of [-1, 2 ** 53, Number.NaN]) {
      await expect(signer.tokenFor(id)).rejects.toThrow(new RangeError(`A token is signed for a droplet id (a positive integer), not ${String(id)}`));
    }
    expect(decodeJwt(await signer.tokenFor(1)).droplet_id).toBe(1);
  });
});
