import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, KeyError, loadKeyFile, readPrivateKey, type KeyErrorKind } from '../../../../core/signing/keys';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

function pkcs8(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function keyError(pem: unknown): KeyError {
  try {
    readPrivateKey(pem);
  } catch (e) {
    if (e instanceof KeyError) return e;
    throw e;
  }
  throw new Error('expected a KeyError');
}

describe('readPrivateKey', () => {
  it('reads RSA PKCS#8, RSA PKCS#1, EC P-256 PKCS#8 and SEC1 keys', () => {
    const cases: [string, 'RS256' | 'ES256'][] = [
      [rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256'],
      [rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), 'RS256'],
      [ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'ES256'],
      [ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString(), 'ES256'],
    ];
    for (const [pem, alg] of cases) {
      const info = readPrivateKey(pem);
      expect(info.algorithm).toBe(alg);
      expect(info.pkcs8Pem).toContain('-----BEGIN PRIVATE KEY-----');
      expect(info.publicKeyPem).toContain('-----BEGIN PUBLIC KEY-----');
      expect(info.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    }
  });

  it('gives the same fingerprint for PKCS#1 and PKCS#8 forms of one key, and a different one for another key', () => {
    const a = readPrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const b = readPrivateKey(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    const c = readPrivateKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
  });

  it('finds the private key among other PEM blocks and after a byte-order mark', () => {
    const pem = `\uFEFF${rsa.publicKey.export({ type: 'spki', format: 'pem' })}\n${rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })}`;
    expect(readPrivateKey(pem).algorithm).toBe('RS256');
  });

  const bad: [string, unknown, KeyErrorKind, RegExp][] = [
    ['not PEM', 'hello, I am not a key', 'not_pem', /not a PEM key/],
    ['not a string', 42, 'not_pem', /not a PEM key/],
    ['a PEM without a private block', '-----BEGIN SOMETHING-----\nAAAA\n-----END SOMETHING-----', 'not_pem', /no private key block/],
    ['encrypted PKCS#8', rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(), 'encrypted', /encrypted with a passphrase/],
    ['encrypted PKCS#1 (Proc-Type)', rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(), 'encrypted', /encrypted/],
    ['a public key', rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'public_key', /public key, not a private key/],
    ['an RSA public key', rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(), 'public_key', /public key/],
    ['P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'unsupported_curve', /P-384/],
    ['ed25519', generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'unsupported_curve', /ed25519/],
    ['RSA 1024', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'weak_key', /1024 bits/],
    ['OpenSSH format', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', 'unsupported_type', /OpenSSH/],
    ['a corrupt body', '-----BEGIN PRIVATE KEY-----\nAAAAnotakey\n-----END PRIVATE KEY-----', 'invalid', /could not be read/],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'public_key', /^This is a certificate, not a private key: Steward needs the private half to sign tokens\.$/],
    ['P-521', pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey), 'unsupported_curve', /^This EC key uses curve P-521; Steward signs only with P-256 \(ES256\) or RSA \(RS256\)\.$/],
    ['secp256k1', pkcs8(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey), 'unsupported_curve', /uses curve secp256k1;/],
    ['a curve Steward has no name for', pkcs8(generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' }).privateKey), 'unsupported_curve', /uses curve brainpoolP256r1;/],
    ['x25519', pkcs8(generateKeyPairSync('x25519').privateKey), 'unsupported_curve', /^This is an x25519 key; Steward signs only with EC P-256 \(ES256\) or RSA \(RS256\)\.$/],
    ['ed448', pkcs8(generateKeyPairSync('ed448').privateKey), 'unsupported_curve', /^This is an ed448 key;/],
    ['x448', pkcs8(generateKeyPairSync('x448').privateKey), 'unsupported_curve', /^This is an x448 key;/],
    ['a DSA key', pkcs8(generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).privateKey), 'unsupported_type', /^This is a dsa key; Steward signs only with RSA \(RS256\) or EC P-256 \(ES256\)\.$/],
  ];
  for (const [name, pem, kind, message] of bad) {
    it(`refuses ${name} with a KeyError naming the problem`, () => {
      const e = keyError(pem);
      expect(e.kind).toBe(kind);
      expect(e.message).toMatch(message);
    });
  }
});

describe('generateKeyPair', () => {
  it('makes RS256 and ES256 pairs whose public half matches', () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const pair = generateKeyPair(alg);
      const info = readPrivateKey(pair.privateKeyPem);
      expect(info.algorithm).toBe(alg);
      expect(info.publicKeyPem.trim()).toBe(pair.publicKeyPem.trim());
    }
  });
});

describe('loadKeyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'steward-keys-'));

  it('reads a good key file', async () => {
    const path = join(dir, 'good.pem');
    const { privateKeyPem } = generateKeyPair('ES256');
    writeFileSync(path, privateKeyPem);
    await expect(loadKeyFile(path)).resolves.toBe(privateKeyPem);
  });

  it('names the path of a missing file', async () => {
    const path = join(dir, 'missing.pem');
    await expect(loadKeyFile(path)).rejects.toMatchObject({ kind: 'unreadable_file', path, message: expect.stringContaining(`${path}: no such file`) });
  });

  it('names the path of a folder', async () => {
    const path = join(dir, 'folder.pem');
    mkdirSync(path);
    await expect(loadKeyFile(path)).rejects.toMatchObject({ kind: 'unreadable_file', message: expect.stringContaining('is a folder') });
  });

  it.skipIf(!existsSync('/dev/zero'))('refuses a device at once, and says why', async () => {
    await expect(loadKeyFile('/dev/zero')).rejects.toMatchObject({ kind: 'unreadable_file', path: '/dev/zero', message: 'Cannot read the key file /dev/zero: it is not a regular file (a pipe, a device or a socket).' });
  });

  it('refuses a regular file larger than a key before reading it', async () => {
    const path = join(dir, 'huge.pem');
    writeFileSync(path, `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(70 * 1024)}\n-----END PRIVATE KEY-----\n`);
    await expect(loadKeyFile(path)).rejects.toMatchObject({ kind: 'unreadable_file', path, message: expect.stringContaining('more than 64 KB') });
  });

  it('names the path and the problem of a bad key file', async () => {
    const path = join(dir, 'public.pem');
    writeFileSync(path, generateKeyPair('RS256').publicKeyPem);
    await expect(loadKeyFile(path)).rejects.toMatchObject({ kind: 'public_key', path, message: expect.stringContaining(path) });
  });
});

describe('readPrivateKey, edge cases', () => {
  it('names its errors KeyError', () => {
    expect(keyError('nothing').name).toBe('KeyError');
  });

  it('sees an encrypted PKCS#1 key by its Proc-Type header, however it is spaced', () => {
    const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    const spaced = pem.replace(/Proc-Type:\s*4,\s*ENCRYPTED/, 'Proc-Type:  4,  ENCRYPTED');
    expect(spaced).not.toBe(pem);
    expect(keyError(spaced).kind).toBe('encrypted');
  });
});
