// The launcher's decisions, with the disk, the installer and electron-vite replaced by fakes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../../scripts/electron-binary';
import type { InstallOutcome } from '../../../scripts/electron-installer';
import { launch, type LaunchDeps } from '../../../scripts/launcher';

const ROOT = '/p';
const DIR = join(ROOT, 'node_modules/electron');
const EXE = join(DIR, 'dist/electron');
const PATH_TXT = join(DIR, 'path.txt');
const ENGINES = '^20.19.0 || >=22.12.0';

interface Harness {
  deps: LaunchDeps;
  files: Map<string, string>;
  said: string[];
  installs: number;
  viteCalls: { args: string[]; env: Env }[];
}

/** A project whose installer ends in `outcome`; on 'installed' it leaves path.txt and the binary behind. */
function harness(opts: { env?: Env; files?: Record<string, string>; outcome?: InstallOutcome; writesBinary?: boolean; nodeVersion?: string } = {}): Harness {
  const files = new Map(Object.entries(opts.files ?? {}));
  const h: Harness = {
    files,
    said: [],
    installs: 0,
    viteCalls: [],
    deps: {
      root: ROOT,
      electron: { dir: DIR, version: '45.5.0' },
      env: opts.env ?? {},
      platform: 'linux',
      nodeVersion: opts.nodeVersion ?? '20.20.2',
      nodeRange: ENGINES,
      fs: { exists: (p) => files.has(p), read: (p) => files.get(p) ?? null },
      install: async () => {
        h.installs += 1;
        const outcome = opts.outcome ?? { kind: 'installed', ms: 1234 };
        if (outcome.kind === 'installed' && opts.writesBinary !== false) {
          files.set(EXE, '');
          files.set(PATH_TXT, 'electron');
        }
        return outcome;
      },
      electronVite: async (args, env) => {
        h.viteCalls.push({ args, env });
        return 0;
      },
      say: (text) => void h.said.push(text),
    },
  };
  return h;
}

const text = (h: Harness): string => h.said.join('');

describe('launch: an Electron already on disk is used as it is', () => {
  it('runs electron-vite preview on the downloaded binary, passing it as ELECTRON_EXEC_PATH', async () => {
    const h = harness({ files: { [PATH_TXT]: 'electron', [EXE]: '' }, env: { KEEP: 'me' } });
    expect(await launch('preview', [], h.deps)).toBe(0);
    expect(h.installs).toBe(0);
    expect(h.viteCalls).toEqual([{ args: ['preview'], env: { KEEP: 'me', ELECTRON_EXEC_PATH: EXE } }]);
    expect(h.said).toEqual([]);
  });

  it('runs electron-vite dev with the extra arguments', async () => {
    const h = harness({ files: { [PATH_TXT]: 'electron', [EXE]: '' } });
    await launch('dev', ['--watch', '--logLevel', 'info'], h.deps);
    expect(h.viteCalls[0]?.args).toEqual(['dev', '--watch', '--logLevel', 'info']);
  });

  it('takes ELECTRON_EXEC_PATH without looking at node_modules or downloading', async () => {
    const h = harness({ env: { ELECTRON_EXEC_PATH: '/opt/e/electron' }, files: { '/opt/e/electron': '' } });
    await launch('preview', [], h.deps);
    expect(h.installs).toBe(0);
    expect(h.viteCalls[0]?.env.ELECTRON_EXEC_PATH).toBe('/opt/e/electron');
  });

  it('turns ELECTRON_OVERRIDE_DIST_PATH (which electron-vite ignores) into ELECTRON_EXEC_PATH', async () => {
    const h = harness({ env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e45' }, files: { '/opt/e45/electron': '' } });
    await launch('preview', [], h.deps);
    expect(h.installs).toBe(0);
    expect(h.viteCalls[0]?.env).toMatchObject({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/e45', ELECTRON_EXEC_PATH: '/opt/e45/electron' });
  });

  it.each([
    [{ ELECTRON_EXEC_PATH: '/opt/typo' }, /ELECTRON_EXEC_PATH is set, but there is no \/opt\/typo\. Point it at an Electron executable/],
    [{ ELECTRON_OVERRIDE_DIST_PATH: '/opt/empty' }, /ELECTRON_OVERRIDE_DIST_PATH is set, but there is no \/opt\/empty\/electron/],
  ])('stops plainly, without downloading, when %o names nothing', async (env, message) => {
    const h = harness({ env });
    expect(await launch('preview', [], h.deps)).toBe(1);
    expect(h.installs).toBe(0);
    expect(h.viteCalls).toEqual([]);
    expect(text(h)).toMatch(message);
  });
});

describe('launch: an absent Electron is fetched with its installer first', () => {
  it('installs, then starts on the fresh binary', async () => {
    const h = harness();
    expect(await launch('preview', [], h.deps)).toBe(0);
    expect(h.installs).toBe(1);
    expect(h.viteCalls[0]?.env.ELECTRON_EXEC_PATH).toBe(EXE);
    expect(text(h)).toContain('Electron 45.5.0 is not on disk yet (node_modules/electron/dist/electron): fetching it with Electron\'s installer from https://github.com/electron/electron/releases/download/');
    expect(text(h)).toContain('Electron 45.5.0 installed (1.2 s).');
  });

  it('installs when path.txt names a binary that is gone', async () => {
    const h = harness({ files: { [PATH_TXT]: 'electron' } });
    await launch('preview', [], h.deps);
    expect(h.installs).toBe(1);
  });

  it('names the mirror it fetches from', async () => {
    const h = harness({ env: { ELECTRON_MIRROR: 'https://mirror.example/electron/' }, outcome: { kind: 'unreachable', detail: 'fetch failed', ms: 400 } });
    await launch('preview', [], h.deps);
    expect(text(h)).toContain('could not be reached: https://mirror.example/electron/ (fetch failed).');
  });
});

describe('launch: when the binary cannot be had, one plain message and a non-zero code', () => {
  const WAYS = ['npx install-electron', 'ELECTRON_MIRROR=', 'ELECTRON_EXEC_PATH=/path/to/electron'];

  it.each([
    [{ kind: 'unreachable', detail: 'fetch failed', ms: 500 }, 'its download host could not be reached: https://github.com/electron/electron/releases/download/ (fetch failed).'],
    [{ kind: 'unreachable', detail: 'no answer within 15 s', ms: 15_000 }, 'could not be reached: https://github.com/electron/electron/releases/download/ (no answer within 15 s).'],
    [{ kind: 'stalled', detail: 'nothing arrived for 30 s', ms: 60_000 }, 'its download from https://github.com/electron/electron/releases/download/ stopped: nothing arrived for 30 s.'],
    [{ kind: 'failed', detail: 'Response code 404 (Not Found) for https://m/v45.5.0/electron-v45.5.0-linux-x64.zip', ms: 900 }, "Electron's installer failed: Response code 404 (Not Found)"],
  ] satisfies [InstallOutcome, string][])('%o', async (outcome, reason) => {
    const h = harness({ outcome });
    expect(await launch('preview', [], h.deps)).toBe(1);
    expect(h.viteCalls).toEqual([]);
    const failure = h.said.at(-1) ?? '';
    expect(failure).toContain('Cannot start Steward: the Electron 45.5.0 binary is missing (node_modules/electron/dist/electron; Electron downloads it on first use), and ');
    expect(failure).toContain(reason);
    for (const way of WAYS) expect(failure).toContain(way);
    expect(failure).not.toMatch(/^\s+at /m);
  });

  it('says so when the installer claims success but the binary is still not there', async () => {
    const h = harness({ writesBinary: false });
    expect(await launch('preview', [], h.deps)).toBe(1);
    expect(text(h)).toContain("Electron's installer finished, but node_modules/electron/dist/electron is still not there.");
  });

  it('exits 130 when the download is interrupted', async () => {
    const h = harness({ outcome: { kind: 'interrupted', ms: 3000 } });
    expect(await launch('preview', [], h.deps)).toBe(130);
    expect(h.viteCalls).toEqual([]);
  });
});

describe('launch: the Node version', () => {
  it.each(['20.18.0', '22.11.0'])('stops on Node %s before anything else, saying what it needs and why', async (nodeVersion) => {
    const h = harness({ nodeVersion });
    expect(await launch('preview', [], h.deps)).toBe(1);
    expect(h.installs).toBe(0);
    expect(h.viteCalls).toEqual([]);
    expect(text(h)).toContain(`this is Node ${nodeVersion}, and \`npm start\` needs Node ^20.19.0 || >=22.12.0`);
    expect(text(h)).toContain('nvm use');
  });
});
