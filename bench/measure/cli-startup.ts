/**
 * How long `steward --help` takes beyond node's own start: both started as a user would
 * (`node bin/steward.js --help`, `node -e 0`), alternated so both see the same machine, wall
 * time to exit. bin/steward.js runs the built bundle (dist-cli/) when it is current, so the
 * bundle is built first.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, round } from '../lib/stats';

export interface CliStartupFigures {
  runs: number;
  nodeMedianMs: number;
  cliMedianMs: number;
  /** cliMedianMs - nodeMedianMs: what the target judges. */
  overNodeMs: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function wallMs(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, STEWARD_CLI_FROM_SOURCE: '' } });
  return performance.now() - started;
}

export function measureCliStartup(runs = 15): CliStartupFigures {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' });
  // One of each first, so neither pays for a cold file cache.
  wallMs(['-e', '0']);
  wallMs(['bin/steward.js', '--help']);
  const node: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(wallMs(['-e', '0']));
    cli.push(wallMs(['bin/steward.js', '--help']));
  }
  const nodeMedianMs = round(median(node));
  const cliMedianMs = round(median(cli));
  return { runs, nodeMedianMs, cliMedianMs, overNodeMs: round(cliMedianMs - nodeMedianMs) };
}
