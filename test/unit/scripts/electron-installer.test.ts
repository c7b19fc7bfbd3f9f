// The bounded run of Electron's installer: the watchdog's rule, the reading of the installer's
// failures, stand-in installers for each way a run ends, and Electron's real installer against
// local hosts (a mirror with a fake Electron zip, a closed port, a silent host, a stalling one).
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { locateElectron } from '../../../scripts/electron-binary';
import { classifyExit, DEFAULT_LIMITS, failureDetail, outcomeOf, runInstaller, watchStep, type InstallerRun, type Progress, type Watch } from '../../../scripts/electron-installer';
import { cleanEnv, closedPort, ELECTRON_VERSION, fakeElectronZip, freshProject, mirror, removeTempDirs, silentHost, stallingHost, tempDir, trustZip, ZIP_NAME, type Host } from './helpers';

afterAll(removeTempDirs);

const LIMITS = { quietStartMs: 1000, stallMs: 1000 };
/** For stand-ins that must get going first: Node's own start takes seconds on a loaded machine. */
const SLOW_START = { quietStartMs: 5000, stallMs: 1000 };

describe('watchStep', () => {
  const start: Watch = { startedAt: 0, bytes: 10, changedAt: null };

  it('waits quietStartMs for the first change on disk, then calls it no answer', () => {
    expect(watchStep(start, 999, 10, LIMITS).verdict).toBe('running');
    expect(watchStep(start, 1000, 10, LIMITS).verdict).toBe('no-answer');
  });

  it('once bytes move, allows stallMs between changes, in either direction (the zip leaves temp for the cache)', () => {
    const moved = watchStep(start, 800, 5000, LIMITS);
    expect(moved).toEqual({ watch: { startedAt: 0, bytes: 5000, changedAt: 800 }, verdict: 'running' });
    expect(watchStep(moved.watch, 1700, 5000, LIMITS).verdict).toBe('running');
    const shrunk = watchStep(moved.watch, 1700, 0, LIMITS);
    expect(watchStep(shrunk.watch, 2699, 0, LIMITS).verdict).toBe('running');
    expect(watchStep(shrunk.watch, 2700, 0, LIMITS).verdict).toBe('stalled');
  });
});

describe("reading the installer's failure", () => {
  // As Electron 45's install.js prints them (console.error(err.stack)), captured on this machine.
  const FETCH_FAILED = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///n/@electron/get/dist/FetchDownloader.js:46:30)\n';
  const NOT_FOUND = 'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:4000/v45.5.0/electron-v45.5.0-linux-x64.zip\n    at FetchDownloader.download (file:///n/FetchDownloader.js:48:23)\n';
  const REQUIRE_ESM = "/n/electron/install.js:3\nconst { downloadArtifact } = require('@electron/get');\n                             ^\n\nError [ERR_REQUIRE_ESM]: require() of ES Module /n/@electron/get/dist/index.js from /n/electron/install.js not supported.\n    at Object.<anonymous> (/n/electron/install.js:3:30) {\n  code: 'ERR_REQUIRE_ESM'\n}\n";

  it('keeps the message, not the frames', () => {
    expect(failureDetail(FETCH_FAILED)).toBe('fetch failed');
    expect(failureDetail(NOT_FOUND)).toBe('Response code 404 (Not Found) for http://127.0.0.1:4000/v45.5.0/electron-v45.5.0-linux-x64.zip');
    expect(failureDetail(REQUIRE_ESM)).toBe('require() of ES Module /n/@electron/get/dist/index.js from /n/electron/install.js not supported.');
    expect(failureDetail('')).toBe('no output');
  });

  it('tells an unreachable host from other failures', () => {
    expect(classifyExit(1, FETCH_FAILED, 10).kind).toBe('unreachable');
    expect(classifyExit(1, NOT_FOUND, 10).kind).toBe('failed');
    expect(classifyExit(0, '', 10)).toEqual({ kind: 'installed', ms: 10 });
  });

  it('names the watchdog\'s verdict, unless the installer finished cleanly as it was stopped', () => {
    const killed = { code: null, signal: 'SIGTERM' };
    expect(outcomeOf('no-answer', killed, '', 15_000, DEFAULT_LIMITS)).toEqual({ kind: 'unreachable', detail: 'no answer within 15 s', ms: 15_000 });
    expect(outcomeOf('stalled', killed, '', 99_000, DEFAULT_LIMITS)).toEqual({ kind: 'stalled', detail: 'nothing arrived for 30 s', ms: 99_000 });
    expect(outcomeOf('interrupted', killed, '', 10, DEFAULT_LIMITS)).toEqual({ kind: 'interrupted', ms: 10 });
    expect(outcomeOf('stalled', { code: 0, signal: null }, '', 10, DEFAULT_LIMITS)).toEqual({ kind: 'installed', ms: 10 });
  });

  it('takes an installer killed by Ctrl+C before our own handler ran as interrupted, not failed', () => {
    expect(outcomeOf(null, { code: null, signal: 'SIGINT' }, '', 10, DEFAULT_LIMITS)).toEqual({ kind: 'interrupted', ms: 10 });
    expect(outcomeOf(null, { code: null, signal: 'SIGKILL' }, '', 10, DEFAULT_LIMITS)).toEqual({ kind: 'failed', detail: 'the installer was killed', ms: 10 });
  });
});

/** Runs a stand-in installer: a Node one-liner whose os.tmpdir() is the watched temp folder. */
function standIn(code: string, extra: Partial<InstallerRun> = {}): ReturnType<typeof runInstaller> {
  const distDir = join(tempDir('steward-dist-'), 'dist');
  return runInstaller({ command: [process.execPath, '-e', code], distDir, env: process.env, limits: SLOW_START, pollMs: 50, ...extra });
}

const WRITE_TMP = "const f=require('path').join(require('os').tmpdir(),'part');";

describe('runInstaller with stand-in installers', () => {
  it('lets an installer that keeps writing run to the end, however long, and reports its progress', async () => {
    const seen: Progress[] = [];
    const code = `${WRITE_TMP}let n=0;const t=setInterval(()=>{require('fs').appendFileSync(f,'x'.repeat(1000));if(++n===8){clearInterval(t)}},300)`;
    const outcome = await standIn(code, { onProgress: (p) => void seen.push(p) });
    expect(outcome.kind).toBe('installed');
    expect(outcome.ms).toBeGreaterThan(SLOW_START.stallMs * 2);
    expect(Math.max(...seen.map((p) => p.downloaded))).toBeGreaterThanOrEqual(7000);
  });

  it('kills an installer that does nothing within quietStartMs: no answer', async () => {
    const outcome = await standIn('setInterval(()=>{},1000)', { limits: LIMITS });
    expect(outcome).toMatchObject({ kind: 'unreachable', detail: 'no answer within 1 s' });
    expect(outcome.ms).toBeLessThan(3000);
  });

  it('kills a download that stops for stallMs', async () => {
    const outcome = await standIn(`${WRITE_TMP}require('fs').writeFileSync(f,'x'.repeat(5000));setInterval(()=>{},1000)`);
    expect(outcome).toMatchObject({ kind: 'stalled', detail: 'nothing arrived for 1 s' });
  });

  it('kills with SIGKILL an installer that ignores SIGTERM, so the bound holds', async () => {
    const outcome = await standIn("process.on('SIGTERM',()=>{});setInterval(()=>{},1000)", { limits: LIMITS });
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.ms).toBeLessThan(5000);
  });

  it('reads the reason off an installer that fails by itself', async () => {
    const outcome = await standIn("console.error(new TypeError('fetch failed').stack);process.exit(1)");
    expect(outcome).toMatchObject({ kind: 'unreachable', detail: 'fetch failed' });
  });

  it('stops on abort (Ctrl+C) and removes its temp folder', async () => {
    const record = join(tempDir('steward-rec-'), 'tmpdir');
    const abort = new AbortController();
    const started = setInterval(() => existsSync(record) && abort.abort(), 50);
    const code = `require('fs').writeFileSync(${JSON.stringify(record)},require('os').tmpdir());setInterval(()=>{},1000)`;
    const outcome = await standIn(code, { signal: abort.signal, limits: { quietStartMs: 10_000, stallMs: 10_000 } });
    clearInterval(started);
    expect(outcome.kind).toBe('interrupted');
    const childTmp = readFileSync(record, 'utf8');
    expect(childTmp).toMatch(/steward-electron-/);
    expect(existsSync(childTmp)).toBe(false);
  });
});

describe("Electron's own installer (node_modules/electron/install.js), run bounded", () => {
  const hosts: Host[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.close()));
  });

  const FAKE_ELECTRON = '#!/bin/sh\necho "fake electron $*"\n';
  const zipped = fakeElectronZip(FAKE_ELECTRON);
  const trusting = <T extends { electronDir: string }>(project: T): T => {
    trustZip(project.electronDir, zipped);
    return project;
  };

  function install(electronDir: string, env: Record<string, string>, extra: Partial<InstallerRun> = {}): ReturnType<typeof runInstaller> {
    return runInstaller({ command: [process.execPath, join(electronDir, 'install.js')], distDir: join(electronDir, 'dist'), env: cleanEnv(env), pollMs: 100, ...extra });
  }

  it.skipIf(process.platform === 'win32')('downloads from ELECTRON_MIRROR (with ELECTRON_CUSTOM_DIR), extracts, writes path.txt; then a second clone installs offline from the cache', async () => {
    const host = await mirror({ [`/custom-${ELECTRON_VERSION}/${ZIP_NAME}`]: zipped });
    hosts.push(host);
    const cache = tempDir('steward-cache-');
    const env = { ELECTRON_MIRROR: host.url, ELECTRON_CUSTOM_DIR: 'custom-{{ version }}', electron_config_cache: cache };

    const first = trusting(freshProject());
    const seen: Progress[] = [];
    const outcome = await install(first.electronDir, env, { onProgress: (p) => void seen.push(p) });
    expect(outcome.kind).toBe('installed');
    expect(host.requests).toContain(`/custom-${ELECTRON_VERSION}/${ZIP_NAME}`);
    const exe = join(first.electronDir, 'dist/electron');
    expect(readFileSync(join(first.electronDir, 'path.txt'), 'utf8')).toBe('electron');
    expect(readFileSync(exe, 'utf8')).toBe(FAKE_ELECTRON);
    accessSync(exe, constants.X_OK);
    expect(locateElectron({ dir: first.electronDir, version: ELECTRON_VERSION }, {}, process.platform, { exists: existsSync, read: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : null) })).toEqual({ kind: 'found', exe, from: 'node_modules' });

    // Same mirror URL (the cache is keyed by it), now closed.
    await host.close();
    const second = trusting(freshProject());
    const offline = await install(second.electronDir, env);
    expect(offline.kind).toBe('installed');
    expect(statSync(join(second.electronDir, 'dist/electron')).size).toBe(FAKE_ELECTRON.length);
  });

  it('fails within a second or so when the mirror\'s port is closed: unreachable, "fetch failed"', async () => {
    const { electronDir } = freshProject();
    const env = { ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`, electron_config_cache: tempDir('steward-cache-') };
    const outcome = await install(electronDir, env);
    expect(outcome).toMatchObject({ kind: 'unreachable', detail: 'fetch failed' });
    expect(outcome.ms).toBeLessThan(5000);
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
  });

  it('kills it when the host accepts the connection and then says nothing (it would wait 300 s for headers)', async () => {
    const host = await silentHost();
    hosts.push(host);
    const { electronDir } = freshProject();
    const env = { ELECTRON_MIRROR: host.url, electron_config_cache: tempDir('steward-cache-') };
    const outcome = await install(electronDir, env, { limits: { quietStartMs: 1500, stallMs: 1500 } });
    expect(outcome).toMatchObject({ kind: 'unreachable', detail: 'no answer within 1.5 s' });
    expect(outcome.ms).toBeLessThan(5000);
  });

  it('kills it when the download stops half-way', async () => {
    const host = await stallingHost(200_000);
    hosts.push(host);
    const { electronDir } = freshProject();
    const env = { ELECTRON_MIRROR: host.url, electron_config_cache: tempDir('steward-cache-') };
    const outcome = await install(electronDir, env, { limits: { quietStartMs: 10_000, stallMs: 1000 } });
    expect(outcome).toMatchObject({ kind: 'stalled', detail: 'nothing arrived for 1 s' });
  });

  it('passes on what a mirror without the file says', async () => {
    const host = await mirror({});
    hosts.push(host);
    const { electronDir } = freshProject();
    const env = { ELECTRON_MIRROR: host.url, electron_config_cache: tempDir('steward-cache-') };
    const outcome = await install(electronDir, env);
    expect(outcome).toMatchObject({ kind: 'failed', detail: `Response code 404 (Not Found) for ${host.url}v${ELECTRON_VERSION}/${ZIP_NAME}` });
  });
});
