/**
 * Entry of `npm start` (`tsx scripts/start.ts preview`) and `npm run dev` (`... dev`); further
 * arguments go to electron-vite. Wires launcher.ts to the real disk, processes and terminal.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronPackage, Env, FileSystem } from './electron-binary';
import { runInstaller, type Progress } from './electron-installer';
import { launch, type LaunchDeps } from './launcher';
import { progressLine } from './messages';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const disk: FileSystem = {
  exists: existsSync,
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
};

/** The installed package's folder and manifest, as Node resolves it from the project; null when not installed. */
function installedPackage(name: string): { dir: string; manifest: Record<string, unknown> } | null {
  try {
    const manifestPath = createRequire(join(ROOT, 'package.json')).resolve(`${name}/package.json`);
    return { dir: dirname(manifestPath), manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown> };
  } catch {
    return null;
  }
}

/** Progress on one rewritten line on a terminal; elsewhere (CI logs) a line every 5 s. */
function progressPrinter(version: string): { show(p: Progress): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let open = false;
  let lastAt = -Infinity;
  return {
    show(p) {
      if (p.downloaded === 0 && p.extracted === 0) return;
      if (tty) {
        process.stderr.write(`\r${progressLine(version, p)}\u001b[K`);
        open = true;
      } else if (p.ms - lastAt >= 5_000) {
        lastAt = p.ms;
        process.stderr.write(`${progressLine(version, p)}\n`);
      }
    },
    end() {
      if (open) process.stderr.write('\n');
      open = false;
    },
  };
}

/** Runs electron-vite's CLI in a child and passes on the signals a terminal or npm sends. */
function electronVite(bin: string): LaunchDeps['electronVite'] {
  return (args: string[], env: Env): Promise<number> =>
    new Promise((done) => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env });
      const relay = (signal: NodeJS.Signals): void => void child.kill(signal);
      for (const s of FORWARDED_SIGNALS) process.on(s, relay);
      child.on('close', (code) => done(code ?? 1));
    });
}

async function main(): Promise<number> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode !== 'preview' && mode !== 'dev') {
    process.stderr.write('usage: tsx scripts/start.ts preview|dev [electron-vite options]\n');
    return 2;
  }
  const electronPkg = installedPackage('electron');
  const vite = installedPackage('electron-vite');
  const viteBin = (vite?.manifest.bin as Record<string, string> | undefined)?.['electron-vite'];
  if (!electronPkg || !vite || !viteBin) {
    process.stderr.write('Cannot start Steward: node_modules is missing electron or electron-vite. Run `npm install` first.\n');
    return 1;
  }
  const electron: ElectronPackage = { dir: electronPkg.dir, version: String(electronPkg.manifest.version) };
  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };

  const printer = progressPrinter(electron.version);
  const abort = new AbortController();
  const interrupt = (): void => abort.abort();
  return launch(mode, args, {
    root: ROOT,
    electron,
    env: process.env,
    platform: process.platform,
    nodeVersion: process.versions.node,
    nodeRange: rootManifest.engines.node,
    fs: disk,
    async install() {
      for (const s of FORWARDED_SIGNALS) process.once(s, interrupt);
      try {
        return await runInstaller({
          command: [process.execPath, join(electron.dir, 'install.js')],
          distDir: join(electron.dir, 'dist'),
          env: process.env,
          onProgress: printer.show,
          signal: abort.signal,
        });
      } finally {
        printer.end();
        for (const s of FORWARDED_SIGNALS) process.off(s, interrupt);
      }
    },
    electronVite: electronVite(join(vite.dir, viteBin)),
    say: (text) => process.stderr.write(text),
  });
}

process.exit(await main());
