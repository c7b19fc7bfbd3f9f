/**
 * Finding a Chromium for the end-to-end tests and the bench. Where none is found the e2e suites are skipped
 * with a message saying how to install one; under CI (STEWARD_REQUIRE_E2E=1) that is a failure.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'];

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const SKIP_MESSAGE =
  'End-to-end tests skipped: no Chromium found. Install one (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chrome/Chromium binary.';

/** The path to use, or null to skip (after saying why); throws when CI requires the suite. */
export function chromiumOrSkip(): string | null {
  const path = findChromium();
  if (path) return path;
  if (process.env.STEWARD_REQUIRE_E2E === '1') throw new Error(`${SKIP_MESSAGE} (STEWARD_REQUIRE_E2E=1: a skip is a failure here)`);
  console.warn(SKIP_MESSAGE);
  return null;
}
