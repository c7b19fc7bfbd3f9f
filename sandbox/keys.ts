/**
 * Key pairs for the sandbox and for whoever signs tokens against it, and the JWS algorithm a
 * public key implies (the verifier only accepts that one, so an HS256 token never passes).
 */
import { createPublicKey, generateKeyPair as generateNodeKeyPair, type KeyObject } from 'node:crypto';

export type KeyAlgorithm = 'RS256' | 'ES256';

export interface PemKeyPair {
  privateKeyPem: string; // PKCS#8
  publicKeyPem: string; // SPKI
}

/** Asynchronous (RSA generation takes tens of milliseconds): RSA-2048 for RS256, P-256 for ES256. */
export async function generateKeyPair(alg: KeyAlgorithm = 'RS256'): Promise<PemKeyPair> {
  const encoding = {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  } as const;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, publicKeyPem: string, privateKeyPem: string): void =>
      err ? reject(err) : resolve({ privateKeyPem, publicKeyPem });
    if (alg === 'RS256') generateNodeKeyPair('rsa', { modulusLength: 2048, ...encoding }, done);
    else generateNodeKeyPair('ec', { namedCurve: 'P-256', ...encoding }, done);
  });
}

export interface VerificationKey {
  key: KeyObject;
  algorithm: 'RS256' | 'ES256' | 'ES384';
}

/** Parse a PEM public key (a private key PEM also works: its public half is used). */
export function loadVerificationKey(pem: string): VerificationKey {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new Error(`Not a usable PEM public key: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (key.asymmetricKeyType === 'rsa') return { key, algorithm: 'RS256' };
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return { key, algorithm: 'ES256' };
    if (curve === 'secp384r1') return { key, algorithm: 'ES384' };
  }
  throw new Error(`Unsupported public key type ${key.asymmetricKeyType ?? 'unknown'}: use RSA or EC P-256`);
}
