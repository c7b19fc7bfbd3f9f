// The CLI tells the truth: in-process runCommand against real sandboxes in both dialects
// (bin/steward.js is spawned once, for the exit code of a bare `steward`).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingCommand, parseCommandLine, USAGE, type Command, type Common } from '../../../cli/args';
import { runCommand } from '../../../cli/run';
import { startSandbox, type RunningSandbox } from '../../../sandbox';

type Runnable = Exclude<Command, { name: 'help' | 'watch' }>;

describe.each(['guide', 'deployed'] as const)('the CLI against a %s sandbox', (dialect) => {
  let sandbox: RunningSandbox;
  let common: Common;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, dialect, fleet: 2, seed: 5 });
    const keyPath = join(mkdtempSync(join(tmpdir(), 'steward-cli-truth-')), 'private.pem');
    writeFileSync(keyPath, sandbox.privateKeyPem!);
    common = { url: sandbox.url, keyPath, identity: 1, steward: undefined, dialect: 'auto', timeoutMs: 5_000, json: false };
  });
  afterAll(async () => sandbox?.close());

  const run = async (command: Runnable, json = false) => {
    const warnings: string[] = [];
    const output = await runCommand({ ...common, json }, command, (w) => warnings.push(w));
    return { output, warnings };
  };
  const register = (over: Partial<Extract<Command, { name: 'register' }>> = {}): Runnable => ({
    name: 'register', id: 60, dropletName: 'cli-60', endpoint: 'http://127.0.0.1:9060', capabilities: [], ...over,
  });

  it('says "Registered" for a new droplet and "Updated" for a known one', async () => {
    expect((await run(register({ capabilities: ['storage', 'gpu'], steward: 'Ana' }))).output).toMatch(/^Registered droplet 60\b/);
    const again = await run(register(), true);
    expect(JSON.parse(again.output)).toMatchObject({ registered: true, dropletId: 60, outcome: 'updated' });
  });

  it('keeps what the Orchestrator holds for options left out', async () => {
    await run(register({ id: 61, capabilities: ['storage'], steward: 'Ana' }));
    await run(register({ id: 61, dropletName: 'cli-61b' }));
    const fleet = JSON.parse((await run({ name: 'list' }, true)).output) as { droplets: { id: number; name: string; steward: string; capabilities: string[] }[] };
    expect(fleet.droplets.find((d) => d.id === 61)).toMatchObject({ name: 'cli-61b', steward: 'Ana', capabilities: ['storage'] });
  });

  it('prints `list --json` as droplets and total, nothing of the delta sync', async () => {
    const fleet = JSON.parse((await run({ name: 'list' }, true)).output) as Record<string, unknown>;
    expect(Object.keys(fleet).sort()).toEqual(['droplets', 'total']);
    expect(fleet.total).toBe((fleet.droplets as unknown[]).length);
  });

  it('warns of a metric name it does not know, naming the known ones, and still sends it', async () => {
    await run(register({ id: 62 }));
    const hb = await run({ name: 'heartbeat', id: 62, status: 'active', metrics: { cpu_pct: 12, memory_mb: 300 } });
    expect(hb.output).toMatch(/^Heartbeat for droplet 62 acknowledged/);
    expect(hb.warnings).toEqual(['"cpu_pct" is not a metric Steward charts (cpu_percent, memory_mb, requests_last_minute, errors_last_minute); sent as given']);
    expect(sandbox.store.get(62)?.latestMetrics).toMatchObject({ cpu_pct: 12, memory_mb: 300 });
    expect((await run({ name: 'heartbeat', id: 62, status: 'active', metrics: { cpu_percent: 1 } })).warnings).toEqual([]);
  });
});

describe('CLI usage', () => {
  it('treats no command as a usage error, and documents --droplet as what it does', async () => {
    expect(() => parseCommandLine([], {})).toThrow(MissingCommand);
    expect(parseCommandLine(['--help'], {}).command).toEqual({ name: 'help' });
    expect(USAGE).toMatch(/--droplet ID\s+droplet the list and details are signed as/);
    expect(USAGE).toMatch(/register and heartbeat are always signed for the droplet they write/);
  });

  it('`steward` alone prints the usage and exits 2', async () => {
    const bin = resolve(__dirname, '../../../bin/steward.js');
    const r = await promisify(execFile)(process.execPath, [bin], { timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: steward <command>');
  }, 60_000);
});
