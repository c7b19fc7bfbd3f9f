/**
 * Private keys at rest, as carefully as an SSH client would keep them. A key is encrypted
 * by the OS secret store (an injected SecretCipher; Electron's safeStorage in the app) and
 * written to `<dataDir>/keys/<fingerprint>.key`, atomically and mode 0600. Where the OS has
 * no real store (Linux's basic_text uses a fixed, public password) the key is written
 * unencrypted only with the steward's explicit consent; otherwise it lives in memory for
 * this session only. Nothing here ever hands the private key to the renderer.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KeyRefSchema, type KeyInfo, type KeyRef, type KeyStorage } from '../../shared/profile';
import { readJsonFile, writeFileAtomic } from '../fs/atomic-file';
import { ensurePrivateDir, tightenDirIfPresent } from '../fs/private-fs';
import { generateKeyPair, loadKeyFile, readPrivateKey, type SigningAlgorithm } from '../signing/keys';
import { SettingsError } from './settings-error';
import { errorText } from '../../shared/error-text';

/** The OS secret store, behind an interface so core runs (and is tested) without Electron. */
export interface SecretCipher {
  isAvailable(): Promise<boolean>;
  /** e.g. 'gnome_libsecret', 'kwallet', 'basic_text', 'dpapi', 'keychain'. */
  backend(): Promise<string>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(data: Uint8Array): Promise<string>;
}

/** Asks the steward for a private key file (the native open dialog in the app); null when cancelled. */
export interface KeyFilePicker {
  pick(): Promise<string | null>;
}

/** Offers to save a public key (the native save dialog in the app); the path saved to, or null when cancelled. */
export interface PublicKeySaver {
  save(pem: string, suggestedName: string): Promise<string | null>;
}

export interface StoreKeyOptions {
  /** The steward agreed to an unencrypted key file where the OS offers no real secret store. */
  allowPlaintextBackend?: boolean;
}

export const KEYS_DIR = 'keys';
/** A stored key is a few KB of JSON; a bigger file is not one Steward wrote. */
const MAX_KEY_RECORD_BYTES = 256 * 1024;
/** Backends whose "encryption" is no protection at all. */
const INSECURE_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

const KeyFileSchema = z.discriminatedUnion('storage', [
  KeyRefSchema.extend({ format: z.literal('steward-key/1'), storage: z.literal('encrypted'), backend: z.string(), data: z.base64() }),
  KeyRefSchema.extend({ format: z.literal('steward-key/1'), storage: z.literal('plaintext-consented'), pem: z.string() }),
]);
type KeyFile = z.infer<typeof KeyFileSchema>;

interface SessionKey {
  pem: string;
  note: string;
}

const NOTES = {
  encrypted: (backend: string) => `Encrypted at rest by the OS secret store (${backend}).`,
  plaintext: 'Stored unencrypted (file readable only by you) because this system has no secure secret store and you agreed.',
  sessionNoStore: (backend: string) =>
    `Kept in memory until Steward quits: this system has no secure secret store (${backend}). Agree to store it unencrypted, or import it again next time.`,
  missing: 'The private key is not available: it was kept for one session only, or its file was removed. Import it again or generate a new one.',
};

/** `SHA256:ab+c/d` -> `sha256-ab-c_d.key`: safe on every filesystem, and nothing else passes. */
export function keyFileName(fingerprint: string): string {
  const m = /^SHA256:([A-Za-z0-9+/]+)$/.exec(fingerprint);
  if (!m?.[1]) throw new SettingsError('bad_input', `“${fingerprint}” is not a key fingerprint.`);
  return `sha256-${m[1].replaceAll('+', '-').replaceAll('/', '_')}.key`;
}

export class KeyVault {
  private readonly dir: string;
  private readonly session = new Map<string, SessionKey>();

  constructor(private readonly opts: { dataDir: string; cipher: SecretCipher; picker?: KeyFilePicker }) {
    this.dir = join(opts.dataDir, KEYS_DIR);
  }

  /** What the OS secret store offers right now. A failing cipher counts as none. */
  async storage(): Promise<KeyStorage> {
    const [available, backend] = await Promise.all([
      this.opts.cipher.isAvailable().catch(() => false),
      this.opts.cipher.backend().catch(() => 'unknown'),
    ]);
    return { available, backend, secure: available && !INSECURE_BACKENDS.has(backend) };
  }

  /** Keeps a private key: encrypted when the OS can, unencrypted with consent, else for this session. */
  async store(pem: string, opts: StoreKeyOptions = {}): Promise<KeyInfo> {
    const key = readPrivateKey(pem);
    const ref: KeyRef = { fingerprint: key.fingerprint, algorithm: key.algorithm, publicKeyPem: key.publicKeyPem };
    const file = join(this.dir, keyFileName(key.fingerprint));
    const storage = await this.storage();
    if (storage.secure) {
      const sealed = await this.seal(key.pkcs8Pem, key.fingerprint);
      if (sealed) {
        await this.write(file, { ...ref, format: 'steward-key/1', storage: 'encrypted', backend: storage.backend, data: Buffer.from(sealed).toString('base64') });
        this.session.set(key.fingerprint, { pem: key.pkcs8Pem, note: '' });
        return { ...ref, storage: 'encrypted', note: NOTES.encrypted(storage.backend) };
      }
      const note = `Kept in memory until Steward quits: the OS secret store (${storage.backend}) did not give back what it encrypted.`;
      this.session.set(key.fingerprint, { pem: key.pkcs8Pem, note });
      return { ...ref, storage: 'session-only', note };
    }
    if (opts.allowPlaintextBackend === true) {
      await this.write(file, { ...ref, format: 'steward-key/1', storage: 'plaintext-consented', pem: key.pkcs8Pem });
      this.session.set(key.fingerprint, { pem: key.pkcs8Pem, note: '' });
      return { ...ref, storage: 'plaintext-consented', note: NOTES.plaintext };
    }
    const note = NOTES.sessionNoStore(storage.available ? storage.backend : `${storage.backend}, unavailable`);
    this.session.set(key.fingerprint, { pem: key.pkcs8Pem, note });
    return { ...ref, storage: 'session-only', note };
  }

  /** A new RSA 2048 or EC P-256 key pair, stored like an imported key. */
  generate(algorithm: SigningAlgorithm, opts: StoreKeyOptions = {}): Promise<KeyInfo> {
    return this.store(generateKeyPair(algorithm).privateKeyPem, opts);
  }

  /** Asks the picker for a file; null when the steward cancelled. A bad file is a KeyError naming it. */
  async importFromPicker(opts: StoreKeyOptions = {}): Promise<KeyInfo | null> {
    if (!this.opts.picker) throw new SettingsError('internal', 'Steward cannot open a file dialog here.');
    const path = await this.opts.picker.pick();
    if (path === null) return null;
    return this.importFile(path, opts);
  }

  async importFile(path: string, opts: StoreKeyOptions = {}): Promise<KeyInfo> {
    return this.store(await loadKeyFile(path), opts);
  }

  /** A key Steward made for this run (the embedded sandbox's): memory only, never written. */
  keepForSession(pem: string, note: string): KeyInfo {
    const key = readPrivateKey(pem);
    this.session.set(key.fingerprint, { pem: key.pkcs8Pem, note });
    return { fingerprint: key.fingerprint, algorithm: key.algorithm, publicKeyPem: key.publicKeyPem, storage: 'session-only', note };
  }

  /** Where a key is kept, without decrypting it. */
  async describe(ref: KeyRef): Promise<KeyInfo> {
    const stored = await this.readFile(ref.fingerprint);
    if (stored.file) {
      const note = stored.file.storage === 'encrypted' ? NOTES.encrypted(stored.file.backend) : NOTES.plaintext;
      return { ...pickRef(ref), storage: stored.file.storage, note };
    }
    const held = this.session.get(ref.fingerprint);
    if (held) return { ...pickRef(ref), storage: 'session-only', note: held.note || null };
    return { ...pickRef(ref), storage: 'missing', note: stored.problem ?? NOTES.missing };
  }

  /** The private key (PKCS#8 PEM) for signing, or a SettingsError saying why it is not available. */
  async load(ref: KeyRef): Promise<string> {
    const held = this.session.get(ref.fingerprint);
    if (held) return held.pem;
    const stored = await this.readFile(ref.fingerprint);
    const file = stored.file;
    if (!file) throw unavailable(ref, stored.problem ?? NOTES.missing);
    let pem: string;
    if (file.storage === 'plaintext-consented') {
      pem = file.pem;
    } else {
      try {
        pem = await this.opts.cipher.decrypt(Buffer.from(file.data, 'base64'));
      } catch (e) {
        throw new SettingsError(
          'auth',
          `Steward could not decrypt the private key ${ref.fingerprint} with the OS secret store (${file.backend}): ${errorText(e)}.`,
          'Unlock your keyring or keychain and try again, or import the key again.',
        );
      }
    }
    let fingerprint: string;
    try {
      fingerprint = readPrivateKey(pem).fingerprint;
    } catch {
      throw unavailable(ref, 'The stored key file does not hold a readable private key.');
    }
    if (fingerprint !== ref.fingerprint) throw unavailable(ref, `The stored key file holds a different key (${fingerprint}).`);
    return pem;
  }

  /** Forgets a key: its file and its copy in memory. */
  async forget(fingerprint: string): Promise<void> {
    this.session.delete(fingerprint);
    await rm(join(this.dir, keyFileName(fingerprint)), { force: true });
  }

  /** Encrypts and checks the round trip, so a broken store is caught before the key depends on it. */
  private async seal(pem: string, fingerprint: string): Promise<Uint8Array | null> {
    try {
      const sealed = await this.opts.cipher.encrypt(pem);
      const back = await this.opts.cipher.decrypt(sealed);
      return back === pem && readPrivateKey(back).fingerprint === fingerprint ? sealed : null;
    } catch {
      return null;
    }
  }

  /** Narrows a keys/ folder found wider than 0700 (an older Steward's, a loose umask), at start rather than at the next key written. */
  async tightenFolder(): Promise<void> {
    await tightenDirIfPresent(this.dir);
  }

  private async write(path: string, file: KeyFile): Promise<void> {
    // keys/ is Steward's alone: made 0700, or narrowed to it if found wider.
    await ensurePrivateDir(this.dir, { tighten: true });
    await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }

  private async readFile(fingerprint: string): Promise<{ file: KeyFile | null; problem: string | null }> {
    const read = await readJsonFile(join(this.dir, keyFileName(fingerprint)), KeyFileSchema, { maxBytes: MAX_KEY_RECORD_BYTES });
    if (read.ok) {
      if (read.value.fingerprint !== fingerprint) return { file: null, problem: 'The key file names a different fingerprint than its own file name.' };
      return { file: read.value, problem: null };
    }
    return { file: null, problem: read.reason === 'missing' ? null : `The key file could not be used: ${read.message}.` };
  }
}

function pickRef(ref: KeyRef): KeyRef {
  return { fingerprint: ref.fingerprint, algorithm: ref.algorithm, publicKeyPem: ref.publicKeyPem };
}

function unavailable(ref: KeyRef, why: string): SettingsError {
  return new SettingsError('auth', `The private key ${ref.fingerprint} is not available. ${why}`, 'Import the key again, or generate a new one and give the Orchestrator its public key.');
}
