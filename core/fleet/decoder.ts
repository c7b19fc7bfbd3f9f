/**
 * Where fleet answers are decoded: in a worker thread (the app: main's thread stays free for
 * IPC and windows while 4 MB of JSON is parsed), or inline (the CLI, tests). Both answer the
 * same FleetUpdate and throw the same OrchestratorErrors.
 */
import { restartableWorker } from '../fs/restartable-worker';
import type { StatusChange } from '../../shared/model';
import { decodeFleetAnswer, type DecodedFleet, type DecodeOutcome, type FleetRequest } from './decode-pipeline';
import { SentCopies } from './sent-copies';
import type { FromFleetWorker, ToFleetWorker } from './decode-worker-protocol';
import { OrchestratorError } from '../orchestrator/errors';
import type { ExchangeResult } from '../orchestrator/transport';
import { errorText } from '../../shared/error-text';

export interface FleetDecoder {
  /** The poll's answer for the renderer (and new beats); throws an OrchestratorError when it cannot be read. */
  decode(result: ExchangeResult, request: FleetRequest): Promise<DecodedFleet>;
  /** A pushed status change the renderer applies too. */
  applyStatus(change: StatusChange): void;
  /**
   * Start what the first decode needs now (a worker thread takes 0.1-2 s to boot, longer on a
   * busy machine), so the first poll at launch does not wait for it. A failure to start is
   * left to that poll to report.
   */
  warmUp(): void;
  close(): Promise<void>;
}

function unwrap(outcome: DecodeOutcome): DecodedFleet {
  if (!outcome.ok) throw new OrchestratorError(outcome.error);
  const { ok: _ok, ...decoded } = outcome;
  return decoded;
}

export function inlineFleetDecoder(): FleetDecoder {
  const sent = new SentCopies();
  return {
    decode: async (result, request) => unwrap(decodeFleetAnswer(sent, result, request)),
    applyStatus: (change) => sent.applyStatus(change),
    warmUp: () => undefined,
    close: async () => undefined,
  };
}

interface Pending {
  resolve(decoded: DecodedFleet): void;
  reject(e: unknown): void;
}

/** Pushes held at most before they are sent anyway (main polls at least every few minutes). */
const MAX_QUEUED_STATUSES = 1_000;

/**
 * `file`: the built decode-worker.js, or decode-worker.ts (run through tsx) from source. A worker
 * that dies fails the polls in flight and is started afresh by the next one (its new stream
 * makes that answer the whole list).
 */
export function workerFleetDecoder(file: string): FleetDecoder {
  let seq = 0;
  const pending = new Map<number, Pending>();
  // Pushed changes wait for the next decode (the only thing they matter to), so a steady feed
  // costs main one message a poll instead of one a push (several a second at 10,000 droplets).
  let statuses: StatusChange[] = [];

  function failAll(why: string): void {
    for (const p of pending.values()) p.reject(new Error(`Steward's fleet decoder stopped: ${why}`));
    pending.clear();
  }

  const worker = restartableWorker<FromFleetWorker>(file, undefined, {
    message(m) {
      const p = pending.get(m.seq);
      if (!p) return;
      pending.delete(m.seq);
      if ('failure' in m) p.reject(new Error(m.failure));
      else {
        try {
          p.resolve(unwrap(m.outcome));
        } catch (e) {
          p.reject(e);
        }
      }
    },
    stopped(why, wasRunning) {
      // A new worker starts from a whole list: changes meant for the dead one's copy are moot.
      if (wasRunning) statuses = [];
      failAll(why);
    },
  });

  const sendStatuses = (): void => {
    const w = worker.current();
    if (statuses.length === 0 || !w) return;
    const changes = statuses;
    statuses = [];
    w.postMessage({ type: 'status', changes } satisfies ToFleetWorker);
  };

  return {
    decode(result, request) {
      const id = ++seq;
      return new Promise<DecodedFleet>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          // The body's bytes move to the worker (no copy); main has no further use for them.
          const transfer = result.bytes && result.bytes.byteOffset === 0 && result.bytes.byteLength === result.bytes.buffer.byteLength ? [result.bytes.buffer as ArrayBuffer] : [];
          sendStatuses();
          worker.started().postMessage({ type: 'decode', seq: id, result, request } satisfies ToFleetWorker, transfer);
        } catch (e) {
          // The worker could not even be started (a bad path): this poll fails, nothing is left waiting.
          pending.delete(id);
          reject(new Error(`Steward's fleet decoder could not start: ${errorText(e)}`));
        }
      });
    },
    applyStatus(change) {
      // Nothing to patch before the first poll, or after the worker died (the next poll is whole).
      if (!worker.current()) return;
      statuses.push(change);
      if (statuses.length >= MAX_QUEUED_STATUSES) sendStatuses();
    },
    warmUp() {
      try {
        worker.started();
      } catch {
        // The first decode starts it again and says why it could not.
      }
    },
    async close() {
      const w = worker.detach();
      failAll('Steward is closing');
      if (w) await w.terminate();
    },
  };
}
