import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyVault, keyFileName, type SecretCipher } from '../../../../core/profiles/key-vault';
import { KeyError, generateKeyPair, readPrivateKey } from '../../../../core/signing/keys';
import { SettingsError } from '../../../../core/profiles/settings-error';

/** A stand-in for safeStorage: a reversible scramble, so a PEM never survives it readable. */
function fakeCipher(over: { available?: boolean; backend?: string; broken?: 'encrypt' | 'decrypt' | 'garble' } = {}): SecretCipher & { calls: string[] } {
  const calls: string[] = [];
  const scramble = (b: Uint8Array) => b.map((x) => x ^ 0x5a);
  return {
    calls,
    isAvailable: async () => over.available ?? true,
    backend: async () => over.backend ?? 'gnome_libsecret',
    async encrypt(plain) {
      calls.push('encrypt');
      if (over.broken === 'encrypt') throw new Error('keyring locked');
      return new Uint8Array([0x76, 0x31, 0x31, ...scramble(new TextEncoder().encode(plain))]);
    },
    async decrypt(data) {
      calls.push('decrypt');
      if (over.broken === 'decrypt') throw new Error('the keyring is locked');
      const text = new TextDecoder().decode(scramble(data.slice(3)));
      return over.broken === 'garble' ? text.slice(1) : text;
    },
  };
}

const dir = () => mkdtempSync(join(tmpdir(), 'steward-keys-'));
const RSA = generateKeyPair('RS256');
const EC = generateKeyPair('ES256');

function keyFiles(dataDir: string): string[] {
  const keys = join(dataDir, 'keys');
  return existsSync(keys) ? readdirSync(keys) : [];
}

function pemBody(pem: string): string[] {
  return pem.split('\n').filter((l) => l && !l.startsWith('-----'));
}

async function settingsRejection(p: Promise<unknown>): Promise<SettingsError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof SettingsError)) throw new Error(`expected a SettingsError, got ${String(e)}`);
  return e;
}

describe('KeyVault storage', () => {
  it.skipIf(process.platform === 'win32')('keeps keys/ 0700, narrowing one found 0755, and each key file 0600', async () => {
    const d = dir();
    mkdirSync(join(d, 'keys'), { mode: 0o755 });
    const umask = process.umask(0o022);
    try {
      const vault = new KeyVault({ dataDir: d, cipher: fakeCipher() });
      const info = await vault.store(EC.privateKeyPem);
      expect(statSync(join(d, 'keys', keyFileName(info.fingerprint))).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(umask);
    }
    expect(statSync(join(d, 'keys')).mode & 0o777).toBe(0o700);
  });

  it('reports the OS store: secure only when available and not basic_text', async () => {
    expect(await new KeyVault({ dataDir: dir(), cipher: fakeCipher() }).storage()).toEqual({ available: true, backend: 'gnome_libsecret', secure: true });
    expect(await new KeyVault({ dataDir: dir(), cipher: fakeCipher({ backend: 'basic_text' }) }).storage()).toEqual({ available: true, backend: 'basic_text', secure: false });
    expect((await new KeyVault({ dataDir: dir(), cipher: fakeCipher({ available: false, backend: 'kwallet5' }) }).storage()).secure).toBe(false);
  });

  it('keeps a key encrypted at rest: the file never holds the PEM, and a new session decrypts it', async () => {
    const d = dir();
    const cipher = fakeCipher();
    const info = await new KeyVault({ dataDir: d, cipher }).store(RSA.privateKeyPem);
    expect(info).toMatchObject({ algorithm: 'RS256', storage: 'encrypted', note: 'Encrypted at rest by the OS secret store (gnome_libsecret).' });
    expect(info).not.toHaveProperty('pkcs8Pem');
    expect(JSON.stringify(info)).not.toContain('PRIVATE KEY');

    const [name] = keyFiles(d);
    expect(name).toBe(keyFileName(info.fingerprint));
    expect(name).toMatch(/^sha256-[A-Za-z0-9_-]+\.key$/);
    const path = join(d, 'keys', name!);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('PRIVATE KEY');
    for (const line of pemBody(RSA.privateKeyPem)) expect(text).not.toContain(line);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);

    // Another run: nothing in memory, the file is decrypted.
    const next = new KeyVault({ dataDir: d, cipher });
    expect((await next.describe(info)).storage).toBe('encrypted');
    cipher.calls.length = 0;
    expect(await next.load(info)).toBe(RSA.privateKeyPem);
    expect(cipher.calls).toEqual(['decrypt']);
  });

  it('refuses to write a key on basic_text without consent: session-only, and says so', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    const info = await vault.store(EC.privateKeyPem);
    expect(info.storage).toBe('session-only');
    expect(info.note).toMatch(/Kept in memory until Steward quits: this system has no secure secret store \(basic_text\)/);
    expect(keyFiles(d)).toEqual([]);
    expect(await vault.load(info)).toBe(EC.privateKeyPem);
    // Next run: gone, and the vault says so.
    const next = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    expect((await next.describe(info)).storage).toBe('missing');
    const e = await settingsRejection(next.load(info));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/^The private key SHA256:.* is not available\. .*kept for one session only/);
  });

  it('keeps a key session-only when the OS store is unavailable, even on a "secure" backend', async () => {
    const d = dir();
    const info = await new KeyVault({ dataDir: d, cipher: fakeCipher({ available: false, backend: 'kwallet5' }) }).store(RSA.privateKeyPem);
    expect(info.storage).toBe('session-only');
    expect(info.note).toMatch(/kwallet5, unavailable/);
    expect(keyFiles(d)).toEqual([]);
  });

  it('stores the key unencrypted, mode 0600, when the steward consented on basic_text', async () => {
    const d = dir();
    const info = await new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) }).store(EC.privateKeyPem, { allowPlaintextBackend: true });
    expect(info.storage).toBe('plaintext-consented');
    const path = join(d, 'keys', keyFileName(info.fingerprint));
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const next = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    expect((await next.describe(info)).storage).toBe('plaintext-consented');
    expect(await next.load(info)).toBe(EC.privateKeyPem);
  });

  it('does not trust a store that fails its round trip: session-only', async () => {
    for (const broken of ['encrypt', 'garble'] as const) {
      const d = dir();
      const info = await new KeyVault({ dataDir: d, cipher: fakeCipher({ broken }) }).store(RSA.privateKeyPem, { allowPlaintextBackend: true });
      expect(info.storage).toBe('session-only');
      expect(info.note).toMatch(/did not give back what it encrypted/);
      expect(keyFiles(d)).toEqual([]);
    }
  });

  it('says plainly when a stored key cannot be decrypted', async () => {
    const d = dir();
    const info = await new KeyVault({ dataDir: d, cipher: fakeCipher() }).store(RSA.privateKeyPem);
    const e = await settingsRejection(new KeyVault({ dataDir: d, cipher: fakeCipher({ broken: 'decrypt' }) }).load(info));
    expect(e.message).toBe(`Steward could not decrypt the private key ${info.fingerprint} with the OS secret store (gnome_libsecret): the keyring is locked.`);
    expect(e.hint).toMatch(/Unlock your keyring/);
  });

  it('notices a key file that holds another key', async () => {
    const d = dir();
    const a = await new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) }).store(RSA.privateKeyPem, { allowPlaintextBackend: true });
    const path = join(d, 'keys', keyFileName(a.fingerprint));
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...file, pem: EC.privateKeyPem }));
    const e = await settingsRejection(new KeyVault({ dataDir: d, cipher: fakeCipher() }).load(a));
    expect(e.message).toMatch(/holds a different key \(SHA256:/);
  });

  it('forgets a key: file and memory', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher() });
    const info = await vault.store(RSA.privateKeyPem);
    await vault.forget(info.fingerprint);
    expect(keyFiles(d)).toEqual([]);
    expect((await vault.describe(info)).storage).toBe('missing');
  });

  it('accepts only real fingerprints as file names', () => {
    expect(() => keyFileName('SHA256:../../etc/passwd')).toThrow(SettingsError);
    expect(keyFileName('SHA256:ab+c/d')).toBe('sha256-ab-c_d.key');
  });
});

describe('KeyVault import and generate', () => {
  it('imports the file the picker names, normalising PKCS#1 to PKCS#8', async () => {
    const d = dir();
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const file = join(d, 'id_rsa.pem');
    writeFileSync(file, pkcs1);
    const picked: string[] = [];
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher(), picker: { pick: async () => (picked.push('asked'), file) } });
    const info = await vault.importFromPicker();
    expect(picked).toEqual(['asked']);
    expect(info).toMatchObject({ algorithm: 'RS256', storage: 'encrypted' });
    expect(await vault.load(info!)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('answers null when the steward cancels the dialog', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher(), picker: { pick: async () => null } });
    expect(await vault.importFromPicker()).toBeNull();
    expect(keyFiles(d)).toEqual([]);
  });

  it('refuses a bad key file with a KeyError naming the file and the problem', async () => {
    const d = dir();
    const cases: [string, string, RegExp][] = [
      ['notes.txt', 'hello', /notes\.txt: This is not a PEM key/],
      ['public.pem', RSA.publicKeyPem, /public\.pem: This is a public key, not a private key/],
      ['weak.pem', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /has 1024 bits; RS256 needs at least 2048/],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(d, name), content);
      const vault = new KeyVault({ dataDir: d, cipher: fakeCipher(), picker: { pick: async () => join(d, name) } });
      const e = await vault.importFromPicker().then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(KeyError);
      expect((e as KeyError).message).toMatch(message);
      expect((e as KeyError).path).toBe(join(d, name));
    }
    const missing = await new KeyVault({ dataDir: d, cipher: fakeCipher() }).importFile(join(d, 'nope.pem')).catch((x: unknown) => x);
    expect(missing).toMatchObject({ kind: 'unreadable_file' });
    expect(keyFiles(d)).toEqual([]);
  });

  it('generates RSA 2048 and EC P-256 key pairs, exporting only the public half', async () => {
    const vault = new KeyVault({ dataDir: dir(), cipher: fakeCipher() });
    const rsa = await vault.generate('RS256');
    const ec = await vault.generate('ES256');
    expect([rsa.algorithm, ec.algorithm]).toEqual(['RS256', 'ES256']);
    expect(rsa.fingerprint).not.toBe(ec.fingerprint);
    for (const info of [rsa, ec]) {
      expect(info.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      // The exported public key is the public half of the stored private key.
      const fromPrivate = createPublicKey(await vault.load(info)).export({ type: 'spki', format: 'pem' }).toString();
      expect(info.publicKeyPem).toBe(fromPrivate);
    }
    expect(createPublicKey(rsa.publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(createPublicKey(ec.publicKeyPem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });
});

describe('KeyVault: what it says when the store or a key file is not what it should be', () => {
  const failing: SecretCipher = {
    isAvailable: async () => Promise.reject(new Error('no D-Bus')),
    backend: async () => Promise.reject(new Error('no D-Bus')),
    encrypt: async () => Promise.reject(new Error('no D-Bus')),
    decrypt: async () => Promise.reject(new Error('no D-Bus')),
  };

  it('counts a failing cipher as no store, and an "unknown" backend as insecure', async () => {
    expect(await new KeyVault({ dataDir: dir(), cipher: failing }).storage()).toEqual({ available: false, backend: 'unknown', secure: false });
    expect(await new KeyVault({ dataDir: dir(), cipher: fakeCipher({ backend: 'unknown' }) }).storage()).toEqual({ available: true, backend: 'unknown', secure: false });
    const d = dir();
    const info = await new KeyVault({ dataDir: d, cipher: failing }).store(EC.privateKeyPem);
    expect(info.note).toBe('Kept in memory until Steward quits: this system has no secure secret store (unknown, unavailable). Agree to store it unencrypted, or import it again next time.');
    expect(keyFiles(d)).toEqual([]);
  });

  it('says a consented key is stored unencrypted, on storing and on describing; a file-less session key has no note', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    const info = await vault.store(EC.privateKeyPem, { allowPlaintextBackend: true });
    const plaintext = 'Stored unencrypted (file readable only by you) because this system has no secure secret store and you agreed.';
    expect(info.note).toBe(plaintext);
    expect((await vault.describe(info)).note).toBe(plaintext);
    const file = join(d, 'keys', keyFileName(info.fingerprint));
    const saved = readFileSync(file, 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ format: 'steward-key/1', storage: 'plaintext-consented', fingerprint: info.fingerprint });
    // The file gone, the copy in memory is what is left: no note to show.
    rmSync(file);
    expect(await vault.describe(info)).toEqual({ fingerprint: info.fingerprint, algorithm: 'ES256', publicKeyPem: info.publicKeyPem, storage: 'session-only', note: null });
  });

  it('says what to do about a key that is missing', async () => {
    const info = await new KeyVault({ dataDir: dir(), cipher: fakeCipher() }).store(RSA.privateKeyPem);
    const fresh = new KeyVault({ dataDir: dir(), cipher: fakeCipher() });
    const missing = 'The private key is not available: it was kept for one session only, or its file was removed. Import it again or generate a new one.';
    expect((await fresh.describe(info)).note).toBe(missing);
    const e = await settingsRejection(fresh.load(info));
    expect(e.message).toBe(`The private key ${info.fingerprint} is not available. ${missing}`);
    expect(e.hint).toBe('Import the key again, or generate a new one and give the Orchestrator its public key.');
  });

  it('refuses a key file filed under another fingerprint', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    const a = await vault.store(RSA.privateKeyPem, { allowPlaintextBackend: true });
    const b = readPrivateKey(EC.privateKeyPem);
    copyFileSync(join(d, 'keys', keyFileName(a.fingerprint)), join(d, 'keys', keyFileName(b.fingerprint)));
    const ref = { fingerprint: b.fingerprint, algorithm: b.algorithm, publicKeyPem: b.publicKeyPem };
    const fresh = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    expect(await fresh.describe(ref)).toMatchObject({ storage: 'missing', note: 'The key file names a different fingerprint than its own file name.' });
    expect((await settingsRejection(fresh.load(ref))).message).toContain('is not available. The key file names a different fingerprint than its own file name.');
  });

  it('says a key file it cannot use is unusable, and one without a readable key says so', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    const info = await vault.store(RSA.privateKeyPem, { allowPlaintextBackend: true });
    const path = join(d, 'keys', keyFileName(info.fingerprint));
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...file, pem: 'not a key' }));
    const fresh = () => new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    expect((await settingsRejection(fresh().load(info))).message).toBe(`The private key ${info.fingerprint} is not available. The stored key file does not hold a readable private key.`);
    writeFileSync(path, '{ broken');
    const described = await fresh().describe(info);
    expect(described.storage).toBe('missing');
    expect(described.note).toMatch(/^The key file could not be used: .+\.$/);
  });

  it('refuses a fingerprint that is not one, naming it', () => {
    for (const bad of ['SHA256:', 'sha256:abc', 'SHA256:ab=', 'SHA256:ab\n', 'keys/SHA256:abc']) {
      const e = ((): unknown => {
        try {
          keyFileName(bad);
        } catch (x) {
          return x;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(SettingsError);
      expect(e).toMatchObject({ kind: 'bad_input', message: `“${bad}” is not a key fingerprint.` });
    }
  });

  it('says it cannot import without a file dialog', async () => {
    const e = await settingsRejection(new KeyVault({ dataDir: dir(), cipher: fakeCipher() }).importFromPicker());
    expect(e).toMatchObject({ kind: 'internal', message: 'Steward cannot open a file dialog here.' });
  });
});

describe('KeyVault: round trips, forgetting and size', () => {
  it('does not trust a store that gives back the same key in other bytes', async () => {
    const d = dir();
    const cipher = fakeCipher();
    const decrypt = cipher.decrypt.bind(cipher);
    cipher.decrypt = async (data) => (await decrypt(data)).replaceAll('\n', '\r\n');
    const info = await new KeyVault({ dataDir: d, cipher }).store(RSA.privateKeyPem);
    expect(info.storage).toBe('session-only');
    expect(keyFiles(d)).toEqual([]);
  });

  it('shows no note for an encrypted key held in memory once its file is gone', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher() });
    const info = await vault.store(RSA.privateKeyPem);
    rmSync(join(d, 'keys', keyFileName(info.fingerprint)));
    expect(await vault.describe(info)).toMatchObject({ storage: 'session-only', note: null });
  });

  it('forgets a session-only key that never had a file', async () => {
    const vault = new KeyVault({ dataDir: dir(), cipher: fakeCipher({ backend: 'basic_text' }) });
    const info = await vault.store(EC.privateKeyPem);
    await expect(vault.forget(info.fingerprint)).resolves.toBeUndefined();
    expect((await vault.describe(info)).storage).toBe('missing');
  });

  it('refuses a key file far bigger than one Steward writes', async () => {
    const d = dir();
    const vault = new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) });
    const info = await vault.store(EC.privateKeyPem, { allowPlaintextBackend: true });
    const path = join(d, 'keys', keyFileName(info.fingerprint));
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...file, pad: 'x'.repeat(300 * 1024) }));
    const described = await new KeyVault({ dataDir: d, cipher: fakeCipher({ backend: 'basic_text' }) }).describe(info);
    expect(described.storage).toBe('missing');
    expect(described.note).toMatch(/^The key file could not be used: /);
  });

  it.skipIf(process.platform === 'win32')('narrows a keys/ folder found wider than 0700 at start', async () => {
    const d = dir();
    mkdirSync(join(d, 'keys'));
    chmodSync(join(d, 'keys'), 0o755);
    await new KeyVault({ dataDir: d, cipher: fakeCipher() }).tightenFolder();
    expect(statSync(join(d, 'keys')).mode & 0o777).toBe(0o700);
  });
});
