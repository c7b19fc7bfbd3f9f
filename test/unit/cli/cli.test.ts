// The `steward` CLI, run as a user would (bin/steward.js through node), against real sandboxes.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { generateKeyPair } from '../../../core/signing/keys';
import { runCommand } from '../../../cli/run';
import { guideEnvelope, json, tinyServer, type Handler, type TinyServer } from '../../support/tiny-server';

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

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('steward CLI against a hostile Orchestrator', () => {
  let keyPath: string;
  beforeAll(() => {
    keyPath = join(mkdtempSync(join(tmpdir(), 'steward-cli-')), 'private.pem');
    writeFileSync(keyPath, generateKeyPair('ES256').privateKeyPem);
  });
  const servers: TinyServer[] = [];
  afterAll(async () => {
    while (servers.length) await servers.pop()!.close();
  });
  async function serve(handler: Handler): Promise<TinyServer> {
    const s = await tinyServer(handler);
    servers.push(s);
    return s;
  }

  it('prints no credential the Orchestrator quotes back, on stdout or stderr', async () => {
    const other = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.c2lnbmF0dXJl';
    const quote = (t: string) => `Invalid token: ${t}; also ${other}, Bearer xyzBearerOnly, /login?access_token=abcQueryOnly`;
    const answers: [number, (t: string) => unknown][] = [
      [401, (t) => ({ detail: quote(t) })],
      [403, (t) => ({ detail: quote(t) })],
      [404, (t) => ({ detail: quote(t) })],
      [422, (t) => ({ detail: quote(t) })],
      [422, (t) => ({ detail: [{ loc: ['body', 'status'], msg: quote(t), type: 'value_error' }] })],
      [500, (t) => ({ detail: quote(t) })],
    ];
    const secretsSeen = (s: TinyServer) => [...s.seen.map((q) => String(q.headers.authorization).replace(/^Bearer /, '')), other, 'xyzBearerOnly', 'abcQueryOnly'];
    const hostile = (status: number, body: (t: string) => unknown) => serve((req, res) => json(res, status, body(String(req.headers.authorization).replace(/^Bearer /, ''))));
    // Every status through the CLI's own runCommand (what main prints as the error line)…
    for (const [status, body] of answers) {
      const s = await hostile(status, body);
      const common = { url: s.url, keyPath, identity: 1, steward: undefined, dialect: 'guide' as const, timeoutMs: 5_000, json: false };
      const message = await runCommand(common, { name: 'heartbeat', id: 5, status: 'active', metrics: {} }).then(
        () => 'no error',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      expect(message).toContain('<redacted>');
      for (const secret of secretsSeen(s)) expect(message, `${status}: ${secret.slice(0, 12)}`).not.toContain(secret);
    }
    // …and one run of the real command (node and tsx start slowly), for what reaches the terminal.
    const s = await hostile(401, answers[0]![1]);
    const r = await steward(['heartbeat', '5', '--dialect', 'guide', '--url', s.url, '--key', keyPath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<redacted>');
    for (const secret of secretsSeen(s)) expect(r.stdout + r.stderr, secret.slice(0, 12)).not.toContain(secret);
  }, 60_000);

  it('shows control and escape sequences in droplet names as visible escapes', async () => {
    const name = 'db\u001b]0;pwned\u0007\u0000\u001b[2J\u009b1m';
    const s = await serve((_req, res) => json(res, 200, guideEnvelope({ droplets: [{ id: 3, name, status: 'active', capabilities: [] }], total: 1 })));
    const text = await steward(['list', '--dialect', 'guide', '--url', s.url, '--key', keyPath]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('db\\x1b]0;pwned\\x07\\x00\\x1b[2J\\x9b1m');
    expect(text.stdout).not.toMatch(TERMINAL_CONTROLS);
    const asJson = await steward(['list', '--json', '--dialect', 'guide', '--url', s.url, '--key', keyPath]);
    expect(asJson.stdout).not.toMatch(TERMINAL_CONTROLS);
    expect((JSON.parse(asJson.stdout) as { droplets: { name: string }[] }).droplets[0]!.name).toBe(name);
  }, 60_000);

  it('refuses credentials in --url without printing them', async () => {
    const r = await steward(['list', '--url', 'http://user:s3cretpass@127.0.0.1:1', '--key', keyPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/user name or password/);
    expect(r.stdout + r.stderr).not.toContain('s3cretpass');
    const bad = await steward(['health', '--url', 'http://user:s3cretpass@host:99999']);
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).not.toContain('s3cretpass');
  }, 60_000);
});

describe('steward probe', () => {
  let sandbox: RunningSandbox;
  let common: string[];
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, dialect: 'guide', fleet: 4, seed: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'steward-cli-probe-'));
    const keyPath = join(dir, 'private.pem');
    writeFileSync(keyPath, sandbox.privateKeyPem!);
    common = ['--url', sandbox.url, '--key', keyPath];
  });
  afterAll(async () => sandbox?.close());

  it("prints each droplet's health, state, capabilities and dependencies, and exits 0 even when one does not answer", async () => {
    const r = await steward(['probe', '100', '101', ...common]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/droplet 100 .* answering\n {2}health: active {2}service=\S+/);
    expect(r.stdout).toMatch(/ {2}state: uptime_seconds=\d+/);
    expect(r.stdout).toMatch(/ {2}capabilities: version=\d+\.\d+\.\d+ {2}udc=1\.0/);
    expect(r.stdout).toMatch(/ {2}dependencies: missing=none/);
    expect(r.stdout).toMatch(/droplet 101 .* unreachable \(the connection was cut\)/);
  });

  it('--json gives the details per droplet; an unknown id is a warning, not a failure', async () => {
    const r = await steward(['probe', '102', '999', '--json', ...common]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('not in the fleet: 999');
    const out = JSON.parse(r.stdout) as { droplets: { summary: { id: number }; dependencies: { missing: string[] } }[] };
    expect(out.droplets.map((d) => d.summary.id)).toEqual([102]);
    expect(out.droplets[0]!.dependencies.missing).toEqual(['mail-relay']);
  });

  it('refuses an id that is not a number as a usage error', async () => {
    const r = await steward(['probe', 'abc', ...common]);
    expect(r.code).toBe(2);
  });
});
