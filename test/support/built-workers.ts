/**
 * The worker threads as electron-vite bundled them for the app (what Electron's main runs), for
 * the e2e harness and the bench. Kept apart from the page stand-in so a process that only runs
 * main's code does not load Playwright.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_CHUNKS_DIR = fileURLToPath(new URL('../../out/main/chunks', import.meta.url));

function builtWorker(prefix: string, what: string): string {
  const name = existsSync(MAIN_CHUNKS_DIR) ? readdirSync(MAIN_CHUNKS_DIR).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js')) : undefined;
  if (!name) throw new Error(`No built ${what} in ${MAIN_CHUNKS_DIR}: run \`npx electron-vite build\` first.`);
  return join(MAIN_CHUNKS_DIR, name);
}

/** The fleet decoding worker (core/fleet/decode-worker.ts), built. */
export const builtFleetWorker = (): string => builtWorker('decode-worker', 'fleet worker');

/** The probe worker (core/probes/route-worker.ts), built. */
export const builtProbeWorker = (): string => builtWorker('route-worker', 'probe worker');
