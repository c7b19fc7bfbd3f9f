// @ts-check
/**
 * Mutation testing (`npm run mutation`, not part of `npm test` or CI): StrykerJS changes the
 * code in small ways and checks a test fails each time. What it mutates is in
 * scripts/mutation-scope.mjs; survivors judged equivalent are listed, each with its reason, in
 * stryker.equivalent-mutants.md beside this file.
 */
import { mutate, scope } from './scripts/mutation-scope.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate,
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  checkers: ['typescript'],
  // The checker re-checks the program for every mutant and was most of a run's CPU (the first
  // complete trust run: 29 min checker, 10 min tests). Its program is the mutated sources and
  // what they import, not tests, bench or scripts: half the lines of tsconfig.json's.
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Each mutant runs only the tests that reach its code.
  coverageAnalysis: 'perTest',
  // Reruns test only mutants whose code or tests changed since the last report.
  incremental: true,
  incrementalFile: `reports/mutation/stryker-incremental-${scope}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true },
  // The machine is shared: two test processes unless told otherwise.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 60_000,
  // The first run of every test with coverage, on a shared machine.
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignoreStatic: true,
  thresholds: { high: 95, low: 85, break: null },
};
