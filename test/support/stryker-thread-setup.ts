// Stryker's vitest runner runs tests in worker threads, where process.umask(mask) throws.
// There the tests that set a permissive umask (0o022) run under the process's own umask
// instead (0o022 on the machines this runs on, and file modes are set explicitly anyway).
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  const original = process.umask.bind(process);
  const read = (): number => original();
  Object.defineProperty(process, 'umask', { configurable: true, value: () => read() });
}
