import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index';
import { call, signToken, testKeys } from './helpers';

describe('keys and token algorithms', () => {
  it('generates PEM pairs for RS256 and ES256', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const pair = await testKeys(alg); // generateKeyPair, memoised for the tests below
      expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    }
  });

  it('trusts ES256 tokens under an EC key and refuses tokens of another algorithm', async () => {
    const ec = await testKeys('ES256');
    const rsa = await testKeys('RS256');
    const sb = await startSandbox({ publicKeyPem: ec.publicKeyPem });
    try {
      expect((await call(sb.url, 'GET', '/droplets', { token: await signToken(ec.privateKeyPem, { droplet_id: 1 }, { alg: 'ES256' }) })).status).toBe(200);
      expect((await call(sb.url, 'GET', '/droplets', { token: await signToken(rsa.privateKeyPem, { droplet_id: 1 }) })).status).toBe(401);
    } finally {
      await sb.close();
    }
  });

  it('generates and exposes a pair when no public key is given', async () => {
    const sb = await startSandbox();
    try {
      expect(sb.privateKeyPem).toMatch(/PRIVATE KEY/);
      const token = await signToken(sb.privateKeyPem ?? '', { droplet_id: 1 });
      expect((await call(sb.url, 'GET', '/droplets', { token })).status).toBe(200);
    } finally {
      await sb.close();
    }
  });

  it('refuses to start with a public key it cannot read', async () => {
    await expect(startSandbox({ publicKeyPem: 'not a pem' })).rejects.toThrow(/PEM public key/);
  });
});
