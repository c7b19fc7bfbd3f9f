/**
 * Worker-thread entry: droplets' routes are fetched here, off main's thread. node:http's own
 * work per GET (writing the request, reading the answer, keeping sockets) cost main ~0.2 ms a
 * GET, 2,000 GETs a minute at 1,000 droplets; main now only sends a URL and reads the answer.
 * The GET itself is route-get.ts, unchanged (deadline, no redirects, cap, no credentials).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRouteClient } from './route-get';
import type { FromRouteWorker, RouteWorkerData, ToRouteWorker } from './route-worker-protocol';

const port = parentPort;
if (!port) throw new Error('route-worker.ts runs only as a worker thread');
const client = createRouteClient(workerData as RouteWorkerData);
port.on('message', (m: ToRouteWorker) => {
  if (m.type === 'close') {
    client.close();
    port.close();
    return;
  }
  void client.get(m.url).then((answer) => port.postMessage({ seq: m.seq, answer } satisfies FromRouteWorker));
});
