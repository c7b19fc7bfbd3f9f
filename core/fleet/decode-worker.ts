/**
 * Worker-thread entry: decodes fleet answers off main's thread, so a 4 MB list at 10,000
 * droplets never stalls IPC or the window (see decoder.ts, which starts it).
 */
import { parentPort } from 'node:worker_threads';
import { decodeFleetAnswer } from './decode-pipeline';
import { SentCopies } from './sent-copies';
import type { FromFleetWorker, ToFleetWorker } from './decode-worker-protocol';
import { errorText } from '../../shared/error-text';

const port = parentPort;
if (!port) throw new Error('decode-worker.ts runs only as a worker thread');
const sent = new SentCopies();
port.on('message', (message: ToFleetWorker) => {
  if (message.type === 'status') {
    for (const change of message.changes) sent.applyStatus(change);
    return;
  }
  let reply: FromFleetWorker;
  try {
    reply = { seq: message.seq, outcome: decodeFleetAnswer(sent, message.result, message.request) };
  } catch (e) {
    reply = { seq: message.seq, failure: errorText(e) };
  }
  // The beats' numbers move to main (no copy); this thread has no further use for them.
  port.postMessage(reply, 'outcome' in reply && reply.outcome.ok ? [reply.outcome.beats.flat.buffer as ArrayBuffer] : []);
});
