import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../sandbox/cli-args';
import { asRecord, call, payloadOf, signToken, testKeys } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const READY = /^Sandbox Orchestrator \((guide|deployed) dialect\) listening on (http:\/\/127\.0\.0\.1:\d+) — (?:private key: (\S+), )?public key: (\S+)$/;
const children: ChildProcess[] = [];

// afterAll, not afterEach: the process tests run concurrently and must not kill each other's children.
afterAll(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]): ChildProcess {
  // One process (node --import tsx) rather than npx: quicker, and signals reach the sandbox itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function readyLine(child: ChildProcess): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        const m = READY.exec(line);
        if (m) resolvePromise(m);
        else reject(new Error(`unexpected first line: ${line}`));
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.once('exit', (code) => r({ code, stdout, stderr })));
}

// Each spawn costs seconds of tsx start-up, so the few process-level checks run concurrently.
describe.concurrent('sandbox CLI process', () => {
  it('prints the ready line with generated key paths, serves a signed fleet and stops on SIGTERM', async () => {
    const child = run(['--port', '0', '--fleet', '3', '--seed', '1']);
    const [, dialect, url = '', privatePath = '', publicPath = ''] = await readyLine(child);
    expect(dialect).toBe('guide');
    expect(await readFile(publicPath, 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    expect((await call(url, 'GET', '/health')).status).toBe(200);
    const token = await signToken(await readFile(privatePath, 'utf8'), { droplet_id: 1 });
    expect(payloadOf((await call(url, 'GET', '/droplets', { token })).body).total).toBe(3);
    const done = finished(child);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('runs the deployed dialect with a given public key, printing only that path', async () => {
    const keys = await testKeys('ES256');
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-test-'));
    const publicPath = join(dir, 'public.pem');
    await writeFile(publicPath, keys.publicKeyPem);
    const child = run(['--port', '0', '--dialect', 'deployed', '--public-key', publicPath, '--error-rate', '0', '--latency', '0']);
    const [, dialect, url = '', privatePath, shownPublic] = await readyLine(child);
    expect([dialect, privatePath, shownPublic]).toEqual(['deployed', undefined, publicPath]);
    expect(asRecord((await call(url, 'GET', '/nope')).body)).toEqual({ error: true, message: 'Endpoint not found: /nope', type: 'NotFound' });
    const token = await signToken(keys.privateKeyPem, { droplet_id: 1 });
    expect((await call(url, 'GET', '/droplets', { token })).status).toBe(200);
  });

  it('answers a bad flag with usage on stderr and exit code 2', async () => {
    const { code, stderr, stdout } = await finished(run(['--bogus']));
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown option');
    expect(stderr).toContain('Usage: npm run sandbox');
    expect(stdout).toBe('');
  });
});

describe('sandbox CLI flags', () => {
  it('reads every flag', () => {
    const args = ['--port', '0', '--dialect', 'deployed', '--fleet', '20', '--beat-seconds', '5', '--inactive-after', '30', '--monitor-seconds', '2', '--latency', '50', '--error-rate', '0.1', '--seed', '42', '--keys-dir', '/tmp/k'];
    expect(parseCliArgs(args)).toEqual({
      kind: 'run',
      options: { port: 0, dialect: 'deployed', fleet: 20, beatSeconds: 5, inactiveAfterSeconds: 30, monitorSeconds: 2, latencyMs: 50, errorRate: 0.1, seed: 42, keysDir: '/tmp/k', publicKeyPath: undefined },
    });
  });

  it('defaults to port 8010, the guide dialect and no fleet', () => {
    expect(parseCliArgs([])).toMatchObject({ kind: 'run', options: { port: 8010, dialect: 'guide', fleet: 0 } });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus']],
    [['positional']],
    [['--dialect', 'weird']],
    [['--error-rate', '2']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--fleet', '-1']],
    [['--fleet', '1.5']],
    [['--beat-seconds', '0']],
    [['--latency', '']],
    [['--public-key', 'a.pem', '--keys-dir', 'k']],
  ])('refuses %j', (args) => {
    expect(parseCliArgs(args).kind).toBe('error');
  });
});
