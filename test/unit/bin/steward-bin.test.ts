// bin/steward.js runs the CLI bundle only while it is current, and the sources otherwise:
// a steward who edits the CLI never runs yesterday's build, and a fresh install starts fast.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project copy holding bin/steward.js, a source CLI and a bundle that say which one ran. */
function project(opts: { bundle: boolean; inputs?: string }): { dir: string; touch(rel: string, secondsAgo: number): void } {
  const dir = mkdtempSync(join(tmpdir(), 'steward-bin-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'cli'));
  copyFileSync(join(ROOT, 'bin/steward.js'), join(dir, 'bin/steward.js'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'cli/main.ts'), "const from: string = 'sources'; console.log(from);\n");
  if (opts.bundle) {
    mkdirSync(join(dir, 'dist-cli'));
    writeFileSync(join(dir, 'dist-cli/steward.mjs'), "console.log('bundle');\n");
    writeFileSync(join(dir, 'dist-cli/inputs.json'), opts.inputs ?? '["cli/main.ts"]');
  }
  const touch = (rel: string, secondsAgo: number): void => {
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(join(dir, rel), t, t);
  };
  return { dir, touch };
}

const run = (dir: string, env: NodeJS.ProcessEnv = {}): string =>
  execFileSync(process.execPath, [join(dir, 'bin/steward.js')], { encoding: 'utf8', env: { ...process.env, STEWARD_CLI_FROM_SOURCE: '', ...env } }).trim();

describe('bin/steward.js', () => {
  it('runs the bundle when no source it was built from is newer', () => {
    const p = project({ bundle: true });
    p.touch('cli/main.ts', 60);
    expect(run(p.dir)).toBe('bundle');
  });

  it('runs the sources when one of them changed after the build', () => {
    const p = project({ bundle: true });
    p.touch('dist-cli/steward.mjs', 60);
    expect(run(p.dir)).toBe('sources');
  });

  it('runs the sources with no bundle, with a source gone, or when asked to', () => {
    expect(run(project({ bundle: false }).dir)).toBe('sources');
    const gone = project({ bundle: true, inputs: '["cli/main.ts","cli/removed.ts"]' });
    gone.touch('cli/main.ts', 60);
    expect(run(gone.dir)).toBe('sources');
    const asked = project({ bundle: true });
    asked.touch('cli/main.ts', 60);
    expect(run(asked.dir, { STEWARD_CLI_FROM_SOURCE: '1' })).toBe('sources');
  });
}, 60_000);

describe('the CLI bundle', () => {
  it('builds and prints the usage without compiling TypeScript', () => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT });
    const out = execFileSync(process.execPath, [join(ROOT, 'dist-cli/steward.mjs'), '--help'], { encoding: 'utf8' });
    expect(out).toContain('Usage: steward <command>');
  }, 60_000);
});
