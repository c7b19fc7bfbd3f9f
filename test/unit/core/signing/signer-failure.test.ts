/** A signing that fails is not cached: the next request signs again, and a newer token outlives it. */
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { createSigner } from '../../../../core/signing/signer';

const failures = vi.hoisted(() => ({ left: 0 }));

// jose's signing, failing on demand (as it would for a key the platform refuses mid-session).
vi.mock('jose', async (importOriginal) => {
  const real = await importOriginal<typeof import('jose')>();
  class FlakySignJWT extends real.SignJWT {
    override async sign(...args: Parameters<InstanceType<typeof real.SignJWT>['sign']>): Promise<string> {
      if (failures.left > 0) {
        failures.left--;
        throw new Error('signing failed');
      }
      return super.sign(...args);
    }
  }
  return { ...real, SignJWT: FlakySignJWT };
});

const EC_PKCS8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const T0 = Date.UTC(2026, 10, 27, 5, 0, 0);

describe('createSigner after a failed signing', () => {
  it('signs again on the next request', async () => {
    const signer = createSigner({ privateKeyPem: EC_PKCS8, now: () => T0 });
    failures.left = 1;
    await expect(signer.tokenFor(4)).rejects.toThrow('signing failed');
    expect(decodeJwt(await signer.tokenFor(4)).droplet_id).toBe(4);
  });

  it('keeps a newer token signed while the failed one was pending', async () => {
    const signer = createSigner({ privateKeyPem: EC_PKCS8, now: () => T0 });
    failures.left = 1;
    const failed = signer.tokenFor(9);
    signer.invalidate(9);
    const fresh = signer.tokenFor(9);
    await expect(failed).rejects.toThrow('signing failed');
    const token = await fresh;
    // ECDSA signatures are randomised: the same string means the cached token was reused.
    expect(await signer.tokenFor(9)).toBe(token);
  });
});
