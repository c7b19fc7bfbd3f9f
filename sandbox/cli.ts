/**
 * `npm run sandbox`: start the sandbox Orchestrator, print one ready line with the URL and
 * key paths, and close cleanly on SIGINT/SIGTERM. Bad flags: usage on stderr, exit code 2.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCliArgs, USAGE, type CliOptions } from './cli-args';
import { generateKeyPair, startSandbox } from './index';

interface Keys {
  publicKeyPem: string;
  publicKeyPath: string;
  privateKeyPath: string | null;
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`sandbox: ${parsed.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const o = parsed.options;
  const keys = await loadKeys(o);
  const sandbox = await startSandbox({
    port: o.port,
    dialect: o.dialect,
    publicKeyPem: keys.publicKeyPem,
    fleet: o.fleet,
    beatSeconds: o.beatSeconds,
    inactiveAfterSeconds: o.inactiveAfterSeconds,
    monitorIntervalMs: o.monitorSeconds === undefined ? undefined : o.monitorSeconds * 1000,
    latencyMs: o.latencyMs,
    errorRate: o.errorRate,
    seed: o.seed,
  });

  const keyText = keys.privateKeyPath ? `private key: ${keys.privateKeyPath}, public key: ${keys.publicKeyPath}` : `public key: ${keys.publicKeyPath}`;
  const lines = [`Sandbox Orchestrator (${sandbox.dialect} dialect) listening on ${sandbox.url} — ${keyText}`];
  if (o.fleet > 0) lines.push(`Simulating ${o.fleet} droplets (ids 100-${99 + o.fleet}), one beat every ${o.beatSeconds ?? 60} s.`);
  lines.push('Sign tokens (claim droplet_id) with the private key: RS256 for RSA, ES256 for EC P-256. Ctrl+C stops.');
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The trusted public key: the given file, a reusable pair in --keys-dir, or a fresh pair in a temp dir. */
async function loadKeys(o: CliOptions): Promise<Keys> {
  if (o.publicKeyPath) {
    const path = resolve(o.publicKeyPath);
    return { publicKeyPem: await readFile(path, 'utf8'), publicKeyPath: path, privateKeyPath: null };
  }
  const dir = o.keysDir ? resolve(o.keysDir) : await mkdtemp(join(tmpdir(), 'steward-sandbox-'));
  const privateKeyPath = join(dir, 'private.pem');
  const publicKeyPath = join(dir, 'public.pem');
  if (o.keysDir && existsSync(privateKeyPath) && existsSync(publicKeyPath)) {
    return { publicKeyPem: await readFile(publicKeyPath, 'utf8'), publicKeyPath, privateKeyPath };
  }
  await mkdir(dir, { recursive: true });
  const pair = await generateKeyPair('RS256');
  await writeFile(privateKeyPath, pair.privateKeyPem, { mode: 0o600 });
  await chmod(privateKeyPath, 0o600);
  await writeFile(publicKeyPath, pair.publicKeyPem);
  return { publicKeyPem: pair.publicKeyPem, publicKeyPath, privateKeyPath };
}

main().catch((e: unknown) => {
  const inUse = e instanceof Error && 'code' in e && e.code === 'EADDRINUSE';
  process.stderr.write(`sandbox: ${inUse ? `${e.message} (another sandbox running? try --port 0 for a free port)` : e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
