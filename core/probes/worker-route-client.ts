/**
 * The probe's GETs run in a worker thread (route-worker.ts): same answers as route-get.ts's
 * client, never throws. A worker that dies answers the GETs in flight with why, and the next
 * GET starts a fresh one.
 */
import type { Worker } from 'node:worker_threads';
import { errorText } from '../../shared/error-text';
import { startWorker } from '../fs/start-worker';
import type { RouteAnswer, RouteClient } from './route-get';
import type { FromRouteWorker, RouteWorkerData, ToRouteWorker } from './route-worker-protocol';

export function workerRouteClient(file: string, options: RouteWorkerData): RouteClient {
  let worker: Worker | null = null;
  let seq = 0;
  const pending = new Map<number, (answer: RouteAnswer) => void>();

  const failAll = (why: string): void => {
    for (const answer of pending.values()) answer({ ok: false, error: `Steward's probe worker stopped (${why})`, ms: 0 });
    pending.clear();
  };

  const started = (): Worker => {
    if (worker) return worker;
    const w = startWorker(file, options);
    w.unref(); // an idle prober never keeps the process alive
    w.on('message', (m: FromRouteWorker) => {
      const answer = pending.get(m.seq);
      if (!answer) return;
      pending.delete(m.seq);
      answer(m.answer);
    });
    w.on('error', (e) => {
      if (worker === w) worker = null;
      failAll(e.message);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(`exit code ${code}`);
    });
    worker = w;
    return w;
  };

  return {
    get: (url) =>
      new Promise((resolve) => {
        const id = ++seq;
        pending.set(id, resolve);
        try {
          started().postMessage({ type: 'get', seq: id, url } satisfies ToRouteWorker);
        } catch (e) {
          pending.delete(id);
          resolve({ ok: false, error: `Steward's probe worker could not start: ${errorText(e)}`, ms: 0 });
        }
      }),
    close() {
      const w = worker;
      worker = null;
      failAll('closed');
      if (w) {
        w.postMessage({ type: 'close' } satisfies ToRouteWorker);
        void w.terminate();
      }
    },
  };
}
