import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Tests that read or judge times: run again off UTC, where a naive time read as local shows. */
export const TIME_ZONE_TESTS = [
  'test/unit/shared/readers.test.ts',
  'test/unit/shared/wire-time-fast-path.test.ts',
  'test/unit/shared/liveness.test.ts',
  'test/unit/renderer/domain/freshness.test.ts',
];

// Unit and component tests. End-to-end tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.tsx'] } },
      {
        extends: true,
        test: {
          name: 'tz-kolkata',
          include: TIME_ZONE_TESTS,
          env: { TZ: 'Asia/Kolkata' },
          setupFiles: ['test/support/tz-kolkata-setup.ts'],
        },
      },
    ],
  },
});
