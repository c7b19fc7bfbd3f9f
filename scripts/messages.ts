/** What `npm start` says: one plain paragraph per way it can stop, no stack traces. */
import { isAbsolute, relative } from 'node:path';
import type { Env, Located } from './electron-binary';
import type { InstallOutcome, Progress } from './electron-installer';

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** The base URL Electron's installer downloads from, looked up in @electron/get's order; used only to name it. */
export function downloadBase(env: Env): string {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.npm_package_config_electron_mirror || env.ELECTRON_MIRROR || DEFAULT_MIRROR;
}

export interface Subject {
  root: string;
  version: string;
  /** Where the installer puts the executable. */
  expected: string;
  env: Env;
}

const HEAD = 'Cannot start Steward:';

/** A path inside the project relative to it, others (a linked node_modules) in full. */
function shown(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function missing(s: Subject): string {
  return `the Electron ${s.version} binary is missing (${shown(s.root, s.expected)}; Electron downloads it on first use)`;
}

function waysForward(s: Subject): string {
  const major = s.version.split('.')[0];
  return [
    'Ways forward:',
    '  - on a machine that can reach it, run `npx install-electron` in this folder, then `npm start`',
    '    (behind a proxy: ELECTRON_GET_USE_PROXY=1 with HTTPS_PROXY set);',
    '  - or download from a mirror you can reach: ELECTRON_MIRROR=https://<mirror>/electron/ npm start;',
    `  - or use an Electron ${major} already on disk: ELECTRON_EXEC_PATH=/path/to/electron npm start.`,
  ].join('\n');
}

export function installFailed(s: Subject, outcome: Exclude<InstallOutcome, { kind: 'installed' | 'interrupted' }>): string {
  const host = downloadBase(s.env);
  const why = {
    unreachable: `its download host could not be reached: ${host} (${outcome.detail}).`,
    stalled: `its download from ${host} stopped: ${outcome.detail}.`,
    failed: `Electron's installer failed: ${outcome.detail}.`,
  }[outcome.kind];
  return `${HEAD} ${missing(s)}, and ${why}\n\n${waysForward(s)}\n`;
}

export function stillMissing(s: Subject): string {
  return `${HEAD} Electron's installer finished, but ${shown(s.root, s.expected)} is still not there.\n\n${waysForward(s)}\n`;
}

export function notOnDisk(located: Extract<Located, { kind: 'missing-on-disk' | 'no-build' }>): string {
  if (located.kind === 'no-build') return `${HEAD} Electron publishes no build for this platform (${located.platform}).\n`;
  const what = located.variable === 'ELECTRON_EXEC_PATH' ? 'an Electron executable' : 'a folder holding an unpacked Electron';
  return `${HEAD} ${located.variable} is set, but there is no ${located.exe}. Point it at ${what}, or unset it to use node_modules/electron (downloaded on first start).\n`;
}

export function nodeTooOld(nodeVersion: string, range: string): string {
  return (
    `${HEAD} this is Node ${nodeVersion}, and \`npm start\` needs Node ${range} (package.json engines): ` +
    "Electron's installer loads an ES module with require(), which older Node refuses, and electron-vite asks for the same. " +
    'Switch with `nvm use` (it reads .nvmrc), or install a newer Node.\n'
  );
}

export function fetching(s: Subject): string {
  return `Electron ${s.version} is not on disk yet (${shown(s.root, s.expected)}): fetching it with Electron's installer from ${downloadBase(s.env)}\n`;
}

export function installed(s: Subject, ms: number): string {
  return `Electron ${s.version} installed (${(ms / 1000).toFixed(1)} s).\n`;
}

export function progressLine(version: string, p: Progress): string {
  const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
  const doing = p.extracted > 0 ? `extracting, ${mb(p.extracted)}` : `downloading, ${mb(p.downloaded)}`;
  return `Electron ${version}: ${doing} (${Math.round(p.ms / 1000)} s)`;
}
