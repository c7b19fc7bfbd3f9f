/** Messages between main and the fleet decoding worker (decode-worker.ts). */
import type { StatusChange } from '../../shared/model';
import type { DecodeOutcome, FleetRequest } from './decode-pipeline';
import type { ExchangeResult } from '../orchestrator/transport';

export type ToFleetWorker = { type: 'decode'; seq: number; result: ExchangeResult; request: FleetRequest } | { type: 'status'; changes: StatusChange[] };

/** `failure`: the decoder itself threw (a bug), in words. */
export type FromFleetWorker = { seq: number; outcome: DecodeOutcome } | { seq: number; failure: string };
