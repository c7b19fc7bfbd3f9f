#!/usr/bin/env node
// `npx steward`: runs the CLI bundle that `npm ci` / `npm run build` made (dist-cli/), which
// starts without compiling TypeScript. While a source file it was built from is newer (or
// there is no bundle), runs the sources through tsx instead, so an edit is never run stale.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const bundle = new URL('dist-cli/steward.mjs', root);

function bundleIsCurrent() {
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('dist-cli/inputs.json', root), 'utf8'));
    return Array.isArray(inputs) && inputs.every((p) => statSync(new URL(p, root)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (process.env.STEWARD_CLI_FROM_SOURCE !== '1' && bundleIsCurrent()) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
