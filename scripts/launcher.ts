/**
 * `npm start` and `npm run dev`: make sure the Electron binary is on disk, then hand over to
 * electron-vite with ELECTRON_EXEC_PATH set. electron-vite alone reads
 * node_modules/electron/path.txt and throws a bare "Electron uninstall" when it is absent, which it
 * is on every fresh clone since Electron stopped downloading at install time (electron-vite #904).
 * Every outside effect comes in through LaunchDeps, so the decisions are unit-tested.
 */
import { locateElectron, type ElectronPackage, type Env, type FileSystem } from './electron-binary';
import type { InstallOutcome } from './electron-installer';
import { fetching, installed, installFailed, nodeTooOld, notOnDisk, stillMissing, type Subject } from './messages';
import { satisfiesRange } from './node-version';

export type Mode = 'preview' | 'dev';

export interface LaunchDeps {
  root: string;
  electron: ElectronPackage;
  env: Env;
  platform: string;
  nodeVersion: string;
  /** package.json's engines.node */
  nodeRange: string;
  fs: FileSystem;
  /** Runs Electron's installer. */
  install(): Promise<InstallOutcome>;
  /** Runs electron-vite with these arguments and this environment; resolves to its exit code. */
  electronVite(args: string[], env: Env): Promise<number>;
  /** Status and failure text, for stderr. */
  say(text: string): void;
}

const INTERRUPTED = 130;

export async function launch(mode: Mode, args: readonly string[], deps: LaunchDeps): Promise<number> {
  if (!satisfiesRange(deps.nodeVersion, deps.nodeRange)) {
    deps.say(nodeTooOld(deps.nodeVersion, deps.nodeRange));
    return 1;
  }
  const electron = await ensureElectron(deps);
  if (electron.kind === 'stop') return electron.code;
  return deps.electronVite([mode, ...args], { ...deps.env, ELECTRON_EXEC_PATH: electron.exe });
}

type Ensured = { kind: 'ready'; exe: string } | { kind: 'stop'; code: number };

/** An Electron already on disk is used as it is; only an absent one is downloaded. */
export async function ensureElectron(deps: LaunchDeps): Promise<Ensured> {
  const locate = () => locateElectron(deps.electron, deps.env, deps.platform, deps.fs);
  const before = locate();
  if (before.kind === 'found') return { kind: 'ready', exe: before.exe };
  if (before.kind !== 'absent') return stop(deps, notOnDisk(before), 1);

  const subject: Subject = { root: deps.root, version: deps.electron.version, expected: before.expected, env: deps.env };
  deps.say(fetching(subject));
  const outcome = await deps.install();
  if (outcome.kind === 'interrupted') return stop(deps, '\nElectron download interrupted.\n', INTERRUPTED);
  if (outcome.kind !== 'installed') return stop(deps, installFailed(subject, outcome), 1);

  const after = locate();
  if (after.kind !== 'found') return stop(deps, stillMissing(subject), 1);
  deps.say(installed(subject, outcome.ms));
  return { kind: 'ready', exe: after.exe };
}

function stop(deps: LaunchDeps, text: string, code: number): Ensured {
  deps.say(text);
  return { kind: 'stop', code };
}
