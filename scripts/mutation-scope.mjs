/**
 * What `npm run mutation` mutates and which tests it runs, shared by stryker.config.mjs, the
 * vitest config Stryker uses, and the script that prints the targets. `STEWARD_MUTATE=trust`
 * narrows a run to the modules that guard secrets and trust (fast); the default is everything.
 */

/** Signer, keys, key vault, transport, redaction, the IPC sender check and dispatch. */
export const TRUST_MODULES = [
  'core/signing/signer.ts',
  'core/signing/keys.ts',
  'core/profiles/key-vault.ts',
  'core/orchestrator/transport.ts',
  'core/orchestrator/redact.ts',
  'electron/sender.ts',
  'core/app/dispatch.ts',
];

/** shared/, core/, electron/ (but the entry points that only wire Electron) and the renderer's logic modules. */
const ALL = [
  'shared/**/*.ts',
  'core/**/*.ts',
  'electron/**/*.ts',
  '!electron/main.ts',
  '!electron/preload.ts',
  '!electron/vite-env.d.ts',
  '!core/fleet/decode-worker.ts',
  'renderer/src/domain/**/*.ts',
  'renderer/src/state/**/*.ts',
  'renderer/src/queries/**/*.ts',
  'renderer/src/features/**/*.ts',
  '!renderer/src/**/*.d.ts',
];

/** The trust modules' own tests (a quick run); the whole unit and component suite otherwise. */
const TRUST_TESTS = [
  'test/unit/core/signing/**/*.test.ts',
  'test/unit/core/profiles/**/*.test.ts',
  'test/unit/core/orchestrator/**/*.test.ts',
  'test/unit/core/app/dispatch.test.ts',
  'test/unit/electron/**/*.test.ts',
];
const ALL_TESTS = ['test/unit/**/*.test.ts', 'test/component/**/*.test.tsx'];

export const scope = process.env.STEWARD_MUTATE === 'trust' ? 'trust' : 'all';
export const mutate = scope === 'trust' ? TRUST_MODULES : ALL;
export const testFiles = scope === 'trust' ? TRUST_TESTS : ALL_TESTS;

/** Score targets, printed at the end of a run: [name, file filter, minimum %]. */
export const TARGETS = [
  ['shared/ and core/', (f) => f.startsWith('shared/') || f.startsWith('core/'), 85],
  ['secrets and trust modules', (f) => TRUST_MODULES.includes(f), 95],
];
