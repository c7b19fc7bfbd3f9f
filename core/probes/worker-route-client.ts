/**
 * The probe's GETs run in a worker thread (route-worker.ts): same answers as route-get.ts's
 * client, never throws. A worker that dies answers the GETs in flight with why, and the next
 * GET starts a fresh one.
 */
import { errorText } from '../../shared/error-text';
import { restartableWorker } from '../fs/restartable-worker';
import type { RouteAnswer, RouteClient } from './route-get';
import type { FromRouteWorker, RouteWorkerData, ToRouteWorker } from './route-worker-protocol';

export function workerRouteClient(file: string, options: RouteWorkerData): RouteClient {
  let seq = 0;
  const pending = new Map<number, (answer: RouteAnswer) => void>();

  const failAll = (why: string): void => {
    for (const answer of pending.values()) answer({ ok: false, error: `Steward's probe worker stopped (${why})`, ms: 0 });
    pending.clear();
  };

  const worker = restartableWorker<FromRouteWorker>(file, options, {
    message(m) {
      const answer = pending.get(m.seq);
      if (!answer) return;
      pending.delete(m.seq);
      answer(m.answer);
    },
    stopped: (why) => failAll(why),
  });

  return {
    get: (url) =>
      new Promise((resolve) => {
        const id = ++seq;
        pending.set(id, resolve);
        try {
          worker.started().postMessage({ type: 'get', seq: id, url } satisfies ToRouteWorker);
        } catch (e) {
          pending.delete(id);
          resolve({ ok: false, error: `Steward's probe worker could not start: ${errorText(e)}`, ms: 0 });
        }
      }),
    close() {
      const w = worker.detach();
      failAll('closed');
      if (w) {
        w.postMessage({ type: 'close' } satisfies ToRouteWorker);
        void w.terminate();
      }
    },
  };
}
