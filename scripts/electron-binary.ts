/**
 * Where the Electron executable is, decided the way its two readers decide it: electron-vite
 * takes ELECTRON_EXEC_PATH, else `node_modules/electron/path.txt` (it ignores
 * ELECTRON_OVERRIDE_DIST_PATH); Electron's own index.js honours ELECTRON_OVERRIDE_DIST_PATH.
 * Pure: the file system comes in as two functions.
 */
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export interface FileSystem {
  exists(path: string): boolean;
  /** The file's text, or null when it cannot be read. */
  read(path: string): string | null;
}

export interface ElectronPackage {
  /** node_modules/electron */
  dir: string;
  version: string;
}

export type OnDisk = 'ELECTRON_EXEC_PATH' | 'ELECTRON_OVERRIDE_DIST_PATH';

export type Located =
  | { kind: 'found'; exe: string; from: OnDisk | 'node_modules' }
  /** Not downloaded yet: Electron's installer would put it at `expected`. */
  | { kind: 'absent'; expected: string }
  /** The user named an Electron on disk that is not there: downloading would not help. */
  | { kind: 'missing-on-disk'; variable: OnDisk; exe: string }
  | { kind: 'no-build'; platform: string };

/** The executable's path inside Electron's dist folder; the table of Electron's install.js. */
export function platformPath(platform: string): string | null {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

export function locateElectron(pkg: ElectronPackage, env: Env, platform: string, fs: FileSystem): Located {
  const execPath = env.ELECTRON_EXEC_PATH;
  if (execPath) return onDisk('ELECTRON_EXEC_PATH', execPath, fs);

  const written = fs.read(join(pkg.dir, 'path.txt'));
  const relative = written ?? platformPath(platform);
  if (relative === null) return { kind: 'no-build', platform };

  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideDir) return onDisk('ELECTRON_OVERRIDE_DIST_PATH', join(overrideDir, relative), fs);

  const exe = join(pkg.dir, 'dist', relative);
  // path.txt is written last by the installer, so with it and the file both there the install finished.
  return written !== null && fs.exists(exe) ? { kind: 'found', exe, from: 'node_modules' } : { kind: 'absent', expected: exe };
}

function onDisk(variable: OnDisk, exe: string, fs: FileSystem): Located {
  return fs.exists(exe) ? { kind: 'found', exe, from: variable } : { kind: 'missing-on-disk', variable, exe };
}
