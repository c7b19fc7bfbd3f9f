import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
// @ts-expect-error: a plain .mjs module shared with stryker.config.mjs, without types
import { testFiles } from './scripts/mutation-scope.mjs';

// The tests Stryker runs against each mutant: the unit and component tests (no end-to-end,
// no projects: the time-zone run adds nothing a mutant of these modules needs).
export default defineConfig({
  plugins: [react()],
  test: {
    include: testFiles as string[],
    environment: 'node',
    setupFiles: ['test/support/stryker-thread-setup.ts'],
    // Coverage instrumentation and a busy machine slow the generated-input tests down.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
