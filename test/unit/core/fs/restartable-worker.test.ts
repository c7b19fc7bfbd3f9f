/**
 * The worker behind the fleet decoder and the probe's GETs: started on first use, started afresh
 * after it dies, and each end reported once with why.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { restartableWorker } from '../../../../core/fs/restartable-worker';

const dir = mkdtempSync(join(tmpdir(), 'steward-worker-'));
const file = join(dir, 'echo-or-die.mjs');
// Echoes what it is sent, with its workerData; exits with code 3 when told to die.
writeFileSync(
  file,
  `import { parentPort, workerData } from 'node:worker_threads';
   parentPort.on('message', (m) => (m === 'die' ? process.exit(3) : parentPort.postMessage({ m, data: workerData })));`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const messages: unknown[] = [];
  const stops: [string, boolean][] = [];
  let heard: () => void = () => undefined;
  const next = () => new Promise<void>((resolve) => (heard = resolve));
  const worker = restartableWorker<unknown>(file, 'hello', {
    message: (m) => (messages.push(m), heard()),
    stopped: (why, wasRunning) => (stops.push([why, wasRunning]), heard()),
  });
  /** Send a message and wait until the worker answers it or ends. */
  const send = (w: Worker, m: string) => {
    const heardBack = next();
    w.postMessage(m);
    return heardBack;
  };
  return { worker, messages, stops, next, send };
}

describe('restartableWorker', () => {
  it('starts nothing until first used, then hands the same worker until it dies', async () => {
    const { worker, messages, send } = setup();
    expect(worker.current()).toBeNull();
    const w = worker.started();
    expect(worker.started()).toBe(w);
    await send(w, 'ping');
    expect(messages).toEqual([{ m: 'ping', data: 'hello' }]);
    await worker.detach()?.terminate();
  });

  it('reports a death once with its exit code, and the next use starts a fresh worker', async () => {
    const { worker, messages, stops, send } = setup();
    const first = worker.started();
    await send(first, 'die');
    expect(stops).toEqual([['exit code 3', true]]);
    expect(worker.current()).toBeNull();
    const second = worker.started();
    expect(second).not.toBe(first);
    await send(second, 'again');
    expect(messages).toEqual([{ m: 'again', data: 'hello' }]);
    await worker.detach()?.terminate();
  });

  it('a detached worker that ends is reported as no longer the running one', async () => {
    const { worker, stops, next } = setup();
    worker.started();
    const w = worker.detach();
    expect(worker.current()).toBeNull();
    const ended = next();
    await w?.terminate();
    await ended;
    expect(stops).toEqual([[expect.stringMatching(/^exit code \d+$/), false]]);
  });
});
