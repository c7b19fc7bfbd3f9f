/**
 * A worker thread started on first use and started afresh by the use after it dies. It never
 * keeps the process alive while idle. Each worker's end (an error, or its exit) is reported to
 * `stopped` with why, and whether it was still the running one: a worker already replaced or
 * detached only fails what it still owed.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from './start-worker';

export interface RestartableWorker {
  /** The running worker, started now if there is none (throws when it cannot be started). */
  started(): Worker;
  /** The running worker, or null: none started yet, or it died. */
  current(): Worker | null;
  /** Forget the running worker and hand it over (to end it); the next use starts a new one. */
  detach(): Worker | null;
}

export interface WorkerHandlers<Message> {
  message(m: Message): void;
  stopped(why: string, wasRunning: boolean): void;
}

export function restartableWorker<Message>(file: string, workerData: unknown, on: WorkerHandlers<Message>): RestartableWorker {
  let worker: Worker | null = null;
  const ended = (w: Worker, why: string): void => {
    const wasRunning = worker === w;
    if (wasRunning) worker = null;
    on.stopped(why, wasRunning);
  };
  return {
    started() {
      if (worker) return worker;
      const w = startWorker(file, workerData);
      w.unref();
      w.on('message', (m: Message) => on.message(m));
      w.on('error', (e) => ended(w, e.message));
      w.on('exit', (code) => ended(w, `exit code ${code}`));
      worker = w;
      return w;
    },
    current: () => worker,
    detach() {
      const w = worker;
      worker = null;
      return w;
    },
  };
}
