// The `steward` CLI, run as a user would (bin/steward.js through node), against real sandboxes.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../../bin/steward.js');

async function steward(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.each(['guide', 'deployed'] as const)('steward CLI against a %s sandbox', (dialect) => {
  let sandbox: RunningSandbox;
  let common: string[];
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, dialect, fleet: 3, seed: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'steward-cli-'));
    const keyPath = join(dir, 'private.pem');
    writeFileSync(keyPath, sandbox.privateKeyPem!);
    common = ['--url', sandbox.url, '--key', keyPath, '--droplet', '1'];
  });
  afterAll(async () => sandbox?.close());

  it('registers a droplet, then lists and gets it', async () => {
    const reg = await steward(['register', '--id', '42', '--name', 'droplet0', '--endpoint', 'http://localhost:8002', '--capabilities', 'cli_probe,health_monitoring', ...common]);
    expect(reg.stderr).toBe('');
    expect(reg.code).toBe(0);
    expect(reg.stdout).toMatch(/(Registered|Updated) droplet 42/);

    const list = await steward(['list', '--json', ...common]);
    expect(list.code).toBe(0);
    const snap = JSON.parse(list.stdout) as { droplets: { id: number; name: string; capabilities: string[] }[] };
    expect(snap.droplets.find((d) => d.id === 42)).toMatchObject({ name: 'droplet0', capabilities: ['cli_probe', 'health_monitoring'] });
    expect(snap.droplets).toHaveLength(4);

    const text = await steward(['list', '--capability', 'cli_probe', ...common]);
    expect(text.stdout).toMatch(/^ID\s+NAME\s+STATUS/);
    expect(text.stdout).toContain('droplet0');
    expect(text.stdout).toContain('1 shown, 1 total');

    const get = await steward(['get', '42', ...common]);
    expect(get.code).toBe(0);
    expect(get.stdout).toContain('Droplet 42: droplet0');
    if (dialect === 'deployed') expect(get.stdout).toMatch(/note: .*details route failed/i);
  });

  it('sends a heartbeat with metrics, signed for that droplet', async () => {
    await steward(['register', '--id', '43', '--name', 'hb', '--endpoint', 'http://localhost:8003', ...common]);
    const hb = await steward(['heartbeat', '43', '--status', 'error', '--metric', 'cpu_percent=91.5', '--metric', 'errors_last_minute=7', ...common]);
    expect(hb.code).toBe(0);
    expect(hb.stdout).toMatch(/Heartbeat for droplet 43 acknowledged; next due in \d+ s/);
    const list = JSON.parse((await steward(['list', '--status', 'error', '--json', ...common])).stdout) as { droplets: { id: number }[] };
    expect(list.droplets.map((d) => d.id)).toContain(43);
  });

  it('exits non-zero with one line when the Orchestrator refuses', async () => {
    const r = await steward(['heartbeat', '999999', ...common]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^steward: /);
  });
});

describe('steward CLI usage', () => {
  it('prints help with exit 0', async () => {
    const r = await steward(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: steward <command>');
  });
  it('refuses bad flags and arguments with exit 2 and a one-line reason', async () => {
    for (const args of [['frobnicate'], ['get', 'abc', '--url', 'http://127.0.0.1:1'], ['list', '--bogus'], ['heartbeat', '5', '--status', 'sleepy', '--url', 'http://x', '--key', 'k'], ['list', '--dialect', 'klingon']]) {
      const r = await steward(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^steward: .+\nRun "steward --help" for usage\.\n$/);
    }
  });
  it('says which file when the key cannot be read', async () => {
    const r = await steward(['list', '--url', 'http://127.0.0.1:1', '--key', '/nonexistent/key.pem']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/key.pem');
  });
  it('says the Orchestrator cannot be reached on a closed port', async () => {
    const r = await steward(['health', '--url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused|reach/i);
  });
});
