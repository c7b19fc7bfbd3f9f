/**
 * A worker thread from its file: the built .js as the app ships it, or the TypeScript source
 * through tsx (tests, and the bench run from source).
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export function startWorker(file: string, workerData?: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData });
  const url = JSON.stringify(pathToFileURL(file).href);
  return new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${url}, ${url}))`, { eval: true, workerData });
}
