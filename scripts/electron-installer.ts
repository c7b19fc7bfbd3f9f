/**
 * Runs Electron's own installer (node_modules/electron/install.js: @electron/get, so
 * ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, the proxy settings and the download cache all apply) with
 * a bound on how long it may go without doing anything.
 *
 * Its output is captured, not shown: it prints a bare stack trace when it fails, and its own
 * progress bar would not draw on a pipe anyway (and waits 30 s before it first draws). Progress
 * is instead read off the disk: the child's temp folder is one of ours (@electron/get downloads
 * into `os.tmpdir()`), and the extraction lands in `dist/`. Bytes changing there is the sign of
 * life the watchdog waits for, so an offline cache hit (no network, but extraction) passes and a
 * host that accepts the connection and then says nothing does not hang the start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './electron-binary';

export interface WatchLimits {
  /** How long the installer may run before anything moves on disk (connect, redirect, first bytes). */
  quietStartMs: number;
  /** How long a started download or extraction may stand still. */
  stallMs: number;
}

/**
 * 15 s is past undici's 10 s connect timeout, so on a network that drops packets the installer
 * usually fails first with its own reason; the bound is for hosts that answer nothing.
 */
export const DEFAULT_LIMITS: WatchLimits = { quietStartMs: 15_000, stallMs: 30_000 };

export interface Watch {
  startedAt: number;
  bytes: number;
  /** When the bytes last changed; null until they first do. */
  changedAt: number | null;
}

export type Verdict = 'running' | 'no-answer' | 'stalled';

export function watchStep(watch: Watch, now: number, bytes: number, limits: WatchLimits): { watch: Watch; verdict: Verdict } {
  const next = bytes === watch.bytes ? watch : { ...watch, bytes, changedAt: now };
  if (next.changedAt === null) return { watch: next, verdict: now - next.startedAt >= limits.quietStartMs ? 'no-answer' : 'running' };
  return { watch: next, verdict: now - next.changedAt >= limits.stallMs ? 'stalled' : 'running' };
}

export type InstallOutcome =
  | { kind: 'installed'; ms: number }
  /** The download host could not be reached, or reached but said nothing. */
  | { kind: 'unreachable'; detail: string; ms: number }
  | { kind: 'stalled'; detail: string; ms: number }
  | { kind: 'failed'; detail: string; ms: number }
  | { kind: 'interrupted'; ms: number };

/** Errors that mean "could not talk to the host" (Node's fetch says only "fetch failed"; the cause codes appear when printed). */
const UNREACHABLE = /fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNRESET|UND_ERR_CONNECT_TIMEOUT|socket hang up/;

/** The installer's one-line reason, from its stderr (an error's stack: message first, then frames). */
export function failureDetail(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at '));
  const errorLine = lines.find((l) => /^\w*Error\b.*?: /.test(l)) ?? lines[0] ?? 'no output';
  return errorLine.replace(/^\w*Error( \[\w+\])?: /, '');
}

export function classifyExit(code: number | null, stderr: string, ms: number): InstallOutcome {
  if (code === 0) return { kind: 'installed', ms };
  const detail = code === null ? 'the installer was killed' : failureDetail(stderr);
  return UNREACHABLE.test(stderr) ? { kind: 'unreachable', detail, ms } : { kind: 'failed', detail, ms };
}

/** Total size of the files under a folder; a folder or file vanishing mid-walk counts as 0. */
export function bytesUnder(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else {
      try {
        total += statSync(path).size;
      } catch {
        // Renamed into the cache between readdir and stat.
      }
    }
  }
  return total;
}

export interface Progress {
  /** Bytes in the installer's temp folder: the download in flight. */
  downloaded: number;
  /** Bytes extracted into dist/ since the start. */
  extracted: number;
  ms: number;
}

export interface InstallerRun {
  /** The installer's command line; Electron's is [process.execPath, <electron>/install.js]. */
  command: readonly [string, ...string[]];
  /** Electron's dist folder, watched for the extraction. */
  distDir: string;
  env: Env;
  limits?: WatchLimits;
  pollMs?: number;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

const KILL_GRACE_MS = 2_000;

type Stopped = Exclude<Verdict, 'running'> | 'interrupted';

/** Signals that mean the user stopped it (Ctrl+C reaches the installer too, maybe before our handler runs). */
const USER_SIGNALS: readonly string[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How a run ended: a clean exit wins over a watchdog verdict that raced it. */
export function outcomeOf(stopped: Stopped | null, exit: { code: number | null; signal: string | null }, output: string, ms: number, limits: WatchLimits): InstallOutcome {
  if (exit.code === 0) return classifyExit(0, output, ms);
  if (stopped === null) return exit.signal !== null && USER_SIGNALS.includes(exit.signal) ? { kind: 'interrupted', ms } : classifyExit(exit.code, output, ms);
  if (stopped === 'interrupted') return { kind: 'interrupted', ms };
  if (stopped === 'no-answer') return { kind: 'unreachable', detail: `no answer within ${seconds(limits.quietStartMs)}`, ms };
  return { kind: 'stalled', detail: `nothing arrived for ${seconds(limits.stallMs)}`, ms };
}

export function runInstaller(run: InstallerRun): Promise<InstallOutcome> {
  const limits = run.limits ?? DEFAULT_LIMITS;
  const tempDir = mkdtempSync(join(tmpdir(), 'steward-electron-'));
  const startedAt = Date.now();
  const distAtStart = bytesUnder(run.distDir);
  const [file, ...args] = run.command;
  // Windows reads TEMP/TMP, POSIX TMPDIR: set all three so the download lands where we watch.
  const child = spawn(file, args, { env: { ...run.env, TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child.stdout, child.stderr);

  let stopped: Stopped | null = null;
  const stop = (why: Stopped): void => {
    if (stopped) return;
    stopped = why;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
  };
  const onAbort = (): void => stop('interrupted');
  run.signal?.addEventListener('abort', onAbort, { once: true });

  let watch: Watch = { startedAt, bytes: distAtStart, changedAt: null };
  const timer = setInterval(() => {
    const downloaded = bytesUnder(tempDir);
    const dist = bytesUnder(run.distDir);
    const now = Date.now();
    const step = watchStep(watch, now, downloaded + dist, limits);
    watch = step.watch;
    run.onProgress?.({ downloaded, extracted: dist - distAtStart, ms: now - startedAt });
    if (step.verdict !== 'running') stop(step.verdict);
  }, run.pollMs ?? 250);

  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: InstallOutcome): void => {
      if (done) return;
      done = true;
      clearInterval(timer);
      run.signal?.removeEventListener('abort', onAbort);
      rmSync(tempDir, { recursive: true, force: true });
      resolve(outcome);
    };
    child.on('error', (err) => finish({ kind: 'failed', detail: err.message, ms: Date.now() - startedAt }));
    child.on('close', (code, signal) => finish(outcomeOf(stopped, { code, signal }, output(), Date.now() - startedAt, limits)));
  });
}

/** The last 64 kB the streams printed (an error's stack sits at the end). */
function capture(...streams: NodeJS.ReadableStream[]): () => string {
  let text = '';
  for (const stream of streams) {
    stream.on('data', (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-64_000);
    });
  }
  return () => text;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
