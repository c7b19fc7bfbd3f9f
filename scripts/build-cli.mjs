// Bundles the CLI (cli/main.ts and the core it uses) into dist-cli/steward.mjs, so `steward`
// starts without compiling TypeScript on every run. Run by `prepare` (npm ci / npm install)
// and by `npm run build`. Beside it, the list of source files it was built from: bin/steward.js
// uses the bundle only while none of them is newer.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist-cli');
// Old chunks would linger beside new ones.
rmSync(outDir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['cli/main.ts'],
  outdir: outDir,
  entryNames: 'steward',
  // The commands' code (service, signing, WebSocket) is a chunk of its own, loaded only when a command runs.
  splitting: true,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies are bundled too (one file read instead of hundreds), except ws, which is
  // CommonJS with dynamic requires and is needed only by commands that open the live feed.
  external: ['ws'],
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/'));
writeFileSync(join(outDir, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
