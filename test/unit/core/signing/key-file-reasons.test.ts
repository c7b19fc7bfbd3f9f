/** Why a key file could not be read, in the words loadKeyFile gives for each file-system failure. */
import { describe, expect, it, vi } from 'vitest';
import { NOT_REGULAR } from '../../../../core/fs/capped-read';
import { loadKeyFile } from '../../../../core/signing/keys';

const failure = vi.hoisted(() => ({ code: 'ENOENT' }));

// The read fails with the code under test: as root, permissions cannot make a real file unreadable.
vi.mock('../../../../core/fs/capped-read', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../core/fs/capped-read')>();
  return {
    ...real,
    readFileCapped: async (path: string) => Promise.reject(Object.assign(new Error(`raw words for ${path}`), { code: failure.code })),
  };
});

describe('loadKeyFile, when the file cannot be read', () => {
  const reasons: [string, string][] = [
    ['ENOENT', 'no such file'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EISDIR', 'it is a folder, not a file'],
    [NOT_REGULAR, 'it is not a regular file (a pipe, a device or a socket)'],
    ['EIO', 'raw words for /keys/k.pem'],
  ];
  for (const [code, reason] of reasons) {
    it(`${code}: "${reason}"`, async () => {
      failure.code = code;
      await expect(loadKeyFile('/keys/k.pem')).rejects.toMatchObject({ name: 'KeyError', kind: 'unreadable_file', path: '/keys/k.pem', message: `Cannot read the key file /keys/k.pem: ${reason}.` });
    });
  }
});
