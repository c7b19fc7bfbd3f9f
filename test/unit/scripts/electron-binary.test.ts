import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateElectron, platformPath, type FileSystem } from '../../../scripts/electron-binary';

const PKG = { dir: '/p/node_modules/electron', version: '45.5.0' };
const DIST_EXE = join(PKG.dir, 'dist', 'electron');
const PATH_TXT = join(PKG.dir, 'path.txt');

function disk(files: Record<string, string>): FileSystem {
  return { exists: (p) => p in files, read: (p) => files[p] ?? null };
}

describe('platformPath (the table of Electron\'s install.js)', () => {
  it.each([
    ['linux', 'electron'],
    ['freebsd', 'electron'],
    ['darwin', 'Electron.app/Contents/MacOS/Electron'],
    ['mas', 'Electron.app/Contents/MacOS/Electron'],
    ['win32', 'electron.exe'],
    ['aix', null],
  ])('%s → %s', (platform, path) => expect(platformPath(platform)).toBe(path));
});

describe('locateElectron', () => {
  it('takes a downloaded Electron from path.txt and dist/', () => {
    expect(locateElectron(PKG, {}, 'linux', disk({ [PATH_TXT]: 'electron', [DIST_EXE]: '' }))).toEqual({ kind: 'found', exe: DIST_EXE, from: 'node_modules' });
  });

  it('calls it absent without path.txt (a fresh clone), even if a half-extracted binary is there', () => {
    expect(locateElectron(PKG, {}, 'linux', disk({}))).toEqual({ kind: 'absent', expected: DIST_EXE });
    expect(locateElectron(PKG, {}, 'linux', disk({ [DIST_EXE]: '' }))).toEqual({ kind: 'absent', expected: DIST_EXE });
  });

  it('calls it absent when path.txt names a binary that is gone', () => {
    expect(locateElectron(PKG, {}, 'linux', disk({ [PATH_TXT]: 'electron' }))).toEqual({ kind: 'absent', expected: DIST_EXE });
  });

  it('uses ELECTRON_EXEC_PATH as it is, whatever node_modules holds', () => {
    const env = { ELECTRON_EXEC_PATH: '/opt/electron/electron' };
    expect(locateElectron(PKG, env, 'linux', disk({ '/opt/electron/electron': '' }))).toEqual({ kind: 'found', exe: '/opt/electron/electron', from: 'ELECTRON_EXEC_PATH' });
  });

  it('does not download when ELECTRON_EXEC_PATH names nothing: it says so', () => {
    const env = { ELECTRON_EXEC_PATH: '/opt/nothing' };
    expect(locateElectron(PKG, env, 'linux', disk({}))).toEqual({ kind: 'missing-on-disk', variable: 'ELECTRON_EXEC_PATH', exe: '/opt/nothing' });
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH with the platform\'s executable name, as Electron does', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e45' };
    expect(locateElectron(PKG, env, 'linux', disk({ '/opt/e45/electron': '' }))).toEqual({ kind: 'found', exe: '/opt/e45/electron', from: 'ELECTRON_OVERRIDE_DIST_PATH' });
    expect(locateElectron(PKG, env, 'darwin', disk({}))).toEqual({ kind: 'missing-on-disk', variable: 'ELECTRON_OVERRIDE_DIST_PATH', exe: '/opt/e45/Electron.app/Contents/MacOS/Electron' });
  });

  it('knows when Electron has no build for the platform', () => {
    expect(locateElectron(PKG, {}, 'aix', disk({}))).toEqual({ kind: 'no-build', platform: 'aix' });
  });
});
