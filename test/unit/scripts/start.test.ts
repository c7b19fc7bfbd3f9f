// `npm start` and `npm run dev` as a new user runs them, on a fresh clone (no Electron binary) with
// no reachable download host: one plain message, a non-zero exit code, within seconds.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, closedPort, freshProject, removeTempDirs, ROOT, tempDir } from './helpers';

afterAll(removeTempDirs);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function npm(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile('npm', args, { cwd, env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('package.json', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('sends both `npm start` and `npm run dev` through the launcher, and adds no install hook', () => {
    expect(scripts.start).toBe('tsx scripts/start.ts preview');
    expect(scripts.dev).toBe('tsx scripts/start.ts dev');
    expect(Object.keys(scripts)).not.toContain('postinstall');
    expect(Object.keys(scripts)).not.toContain('install');
  });
});

describe.skipIf(process.platform === 'win32')('on a fresh clone whose download host is unreachable', () => {
  it.each([
    { command: 'npm start', args: ['start'] },
    { command: 'npm run dev', args: ['run', 'dev'] },
  ])('$command stops within seconds with one plain message and exit code 1', async ({ args }) => {
    const { root } = freshProject({ sources: 'launcher' });
    const env = cleanEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`, electron_config_cache: tempDir('steward-cache-') });
    const run = await npm(args, root, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot start Steward: the Electron');
    expect(run.stderr).toContain('binary is missing (node_modules/electron/dist/electron; Electron downloads it on first use), and its download host could not be reached: http://127.0.0.1:');
    expect(run.stderr).toMatch(/npx install-electron[\s\S]*ELECTRON_MIRROR=[\s\S]*ELECTRON_EXEC_PATH=/);
    expect(run.stderr.match(/Cannot start Steward/g)).toHaveLength(1);
    // No stack trace, and electron-vite never ran (no build first).
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/vite|building|Electron uninstall/i);
    expect(run.ms).toBeLessThan(20_000);
  });
});
