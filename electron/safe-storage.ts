/**
 * The key vault's SecretCipher over Electron's safeStorage, async API only (the sync calls
 * are deprecated in Electron 45). The Electron object comes in as a narrow interface so
 * this is tested without Electron.
 */
import type { SecretCipher } from '../core/profiles/key-vault';

/** The part of `Electron.SafeStorage` used here. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend(): string;
}

export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    async backend() {
      if (platform === 'darwin') return 'keychain';
      if (platform === 'win32') return 'dpapi';
      if (platform !== 'linux') return 'unknown';
      // The async encryptor picks its backend lazily: ask after it has initialised, or the answer is "unknown".
      await safeStorage.isAsyncEncryptionAvailable();
      return safeStorage.getSelectedStorageBackend();
    },
    encrypt: async (plain) => new Uint8Array(await safeStorage.encryptStringAsync(plain)),
    // shouldReEncrypt (a rotated OS key) is not acted on: the vault re-encrypts whenever a key is stored again.
    decrypt: async (data) => (await safeStorage.decryptStringAsync(Buffer.from(data))).result,
  };
}
