import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { keyFilePicker, publicKeySaver, type DialogLike } from '../../../electron/key-dialogs';
import { safeStorageCipher, type SafeStorageLike } from '../../../electron/safe-storage';

function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike & { initialised: boolean } {
  const s = {
    initialised: false,
    isAsyncEncryptionAvailable: vi.fn(async () => {
      s.initialised = true;
      return true;
    }),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`v11${[...plain].reverse().join('')}`)),
    decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: [...data.toString().slice(3)].reverse().join(''), shouldReEncrypt: false })),
    // Like Electron: "unknown" until the encryptor has initialised.
    getSelectedStorageBackend: () => (s.initialised ? backend : 'unknown'),
  };
  return s;
}

describe('safeStorageCipher', () => {
  it('uses the async API and round-trips', async () => {
    const ss = fakeSafeStorage();
    const cipher = safeStorageCipher(ss, 'linux');
    const sealed = await cipher.encrypt('-----BEGIN PRIVATE KEY-----');
    expect(sealed).toBeInstanceOf(Uint8Array);
    expect(await cipher.decrypt(sealed)).toBe('-----BEGIN PRIVATE KEY-----');
    expect(ss.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect(ss.decryptStringAsync).toHaveBeenCalledTimes(1);
  });

  it('names the backend: the Linux one after initialising, keychain and dpapi elsewhere', async () => {
    expect(await safeStorageCipher(fakeSafeStorage('basic_text'), 'linux').backend()).toBe('basic_text');
    expect(await safeStorageCipher(fakeSafeStorage(), 'darwin').backend()).toBe('keychain');
    expect(await safeStorageCipher(fakeSafeStorage(), 'win32').backend()).toBe('dpapi');
  });
});

describe('key dialogs', () => {
  const win = null;
  it('answers the chosen file, or null when cancelled', async () => {
    const dialog = {
      showOpenDialog: vi.fn().mockResolvedValueOnce({ canceled: false, filePaths: ['/home/me/id.pem'] }).mockResolvedValueOnce({ canceled: true, filePaths: [] }),
      showSaveDialog: vi.fn(),
    } as unknown as DialogLike;
    const picker = keyFilePicker(dialog, () => win);
    expect(await picker.pick()).toBe('/home/me/id.pem');
    expect(await picker.pick()).toBeNull();
  });

  it('writes the public key where the steward chose', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'steward-pub-')), 'edge.pub.pem');
    const dialog = {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn().mockResolvedValueOnce({ canceled: false, filePath: path }).mockResolvedValueOnce({ canceled: true, filePath: '' }),
    } as unknown as DialogLike;
    const saver = publicKeySaver(dialog, () => win);
    expect(await saver.save('-----BEGIN PUBLIC KEY-----\n', 'edge.pub.pem')).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('-----BEGIN PUBLIC KEY-----\n');
    expect(await saver.save('x', 'y')).toBeNull();
  });
});
