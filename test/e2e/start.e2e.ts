// `npm start` and `npm run dev` as a user runs them, through the launcher and electron-vite's build,
// up to the Electron they start: a stand-in here (a shell script that records its argv, cwd and
// environment, then exits 0), since this machine cannot download the real one. They live here, not
// with the unit tests, because they build the app into out/ like the rest of this suite (which runs
// its files one at a time), and a build does not belong in the fast unit run.
import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, ELECTRON_VERSION, fakeElectronZip, freshProject, mirror, removeTempDirs, ROOT, tempDir, trustZip, ZIP_NAME, type Host } from '../unit/scripts/helpers';

afterAll(removeTempDirs);

interface Started {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

/** A stand-in Electron that writes how it was started into `record`. */
function standInScript(record: string): string {
  return `#!/bin/sh\n{ printf '%s\\n' "$@"; echo '--cwd'; pwd; echo '--env'; env; } > '${record}'\n`;
}

function standIn(): { exe: string; started(): Started } {
  const dir = tempDir('steward-standin-');
  const exe = join(dir, 'electron');
  const record = join(dir, 'started.txt');
  writeFileSync(exe, standInScript(record));
  chmodSync(exe, 0o755);
  return { exe, started: () => readStarted(record) };
}

function readStarted(record: string): Started {
  const lines = readFileSync(record, 'utf8').split('\n');
  const cwdAt = lines.indexOf('--cwd');
  const envAt = lines.indexOf('--env');
  const env = Object.fromEntries(lines.slice(envAt + 1).filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { argv: lines.slice(0, cwdAt), cwd: lines[cwdAt + 1] ?? '', env };
}

function npm(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', args, { cwd, env, timeout: 110_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The app entry electron-vite hands to Electron: '.' is the project, whose package.json main names the build. */
function entryBuiltAfter(root: string, since: number): boolean {
  const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main;
  return main === 'out/main/index.js' && statSync(join(root, main)).mtimeMs >= since;
}

describe.skipIf(process.platform === 'win32')('npm start and npm run dev, up to the Electron they start', () => {
  const hosts: Host[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.close()));
  });

  it('npm start, with ELECTRON_EXEC_PATH naming an Electron on disk: builds, then starts it on the project, no download', async () => {
    const electron = standIn();
    const since = Date.now();
    const run = await npm(['start'], ROOT, cleanEnv({ ELECTRON_EXEC_PATH: electron.exe, ELECTRON_MIRROR: 'http://127.0.0.1:9/' }));
    expect(run.stderr).not.toContain('Cannot start Steward');
    expect(run.code).toBe(0);
    const started = electron.started();
    expect(started.argv).toEqual(['.']);
    expect(started.cwd).toBe(ROOT);
    expect(started.env.ELECTRON_EXEC_PATH).toBe(electron.exe);
    expect(started.env.ELECTRON_RENDERER_URL).toBeUndefined();
    expect(entryBuiltAfter(ROOT, since)).toBe(true);
    expect(run.stderr).not.toContain('fetching it');
  });

  it('npm run dev, likewise, with the renderer on the dev server', async () => {
    const electron = standIn();
    const run = await npm(['run', 'dev'], ROOT, cleanEnv({ ELECTRON_EXEC_PATH: electron.exe }));
    expect(run.code).toBe(0);
    const started = electron.started();
    expect(started.argv).toEqual(['.']);
    expect(started.cwd).toBe(ROOT);
    expect(started.env.NODE_ENV_ELECTRON_VITE).toBe('development');
    expect(started.env.ELECTRON_RENDERER_URL).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('npm start on a fresh clone: fetches Electron from ELECTRON_MIRROR with its installer, builds, starts the fetched binary', async () => {
    const project = freshProject({ sources: 'all' });
    const record = join(tempDir('steward-record-'), 'started.txt');
    const zipped = fakeElectronZip(standInScript(record));
    trustZip(project.electronDir, zipped);
    const host = await mirror({ [`/v${ELECTRON_VERSION}/${ZIP_NAME}`]: zipped });
    hosts.push(host);
    const since = Date.now();
    const run = await npm(['start'], project.root, cleanEnv({ ELECTRON_MIRROR: host.url, electron_config_cache: tempDir('steward-cache-') }));
    expect(run.stderr).toContain(`Electron ${ELECTRON_VERSION} is not on disk yet (node_modules/electron/dist/electron): fetching it with Electron's installer from ${host.url}`);
    expect(run.stderr).toContain(`Electron ${ELECTRON_VERSION} installed (`);
    expect(run.code).toBe(0);
    const started = readStarted(record);
    expect(started.argv).toEqual(['.']);
    expect(started.cwd).toBe(project.root);
    expect(started.env.ELECTRON_EXEC_PATH).toBe(join(project.electronDir, 'dist/electron'));
    expect(entryBuiltAfter(project.root, since)).toBe(true);
  });
});
