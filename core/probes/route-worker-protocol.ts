/** Messages between main and the probe worker (route-worker.ts): plain data only. */
import type { RouteAnswer, RouteGetOptions } from './route-get';

/** What the worker's HTTP client is made with. */
export type RouteWorkerData = RouteGetOptions & { maxSockets: number };

export type ToRouteWorker = { type: 'get'; seq: number; url: string } | { type: 'close' };

export interface FromRouteWorker {
  seq: number;
  answer: RouteAnswer;
}
