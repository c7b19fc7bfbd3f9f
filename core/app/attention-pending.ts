/**
 * Answers for the attention methods until main's attention engine (core/attention) answers
 * them: each says plainly that the engine is not there, so the window shows a notice, not a crash.
 */
import type { attentionMethods, HandlersFor } from '../../shared/ipc-contract';
import { OrchestratorError } from '../orchestrator/errors';

export type AttentionHandlers = HandlersFor<keyof typeof attentionMethods>;

export function attentionPending(): AttentionHandlers {
  const pending = async (): Promise<never> => {
    throw new OrchestratorError({ kind: 'not_found', message: 'Notifications and events are not available in this build of Steward yet.' });
  };
  return {
    getEvents: pending,
    getUptime: pending,
    getProblems: pending,
    getAwaySummary: pending,
    getAttentionSettings: pending,
    setAttentionSettings: pending,
    muteAttention: pending,
    exportEvents: pending,
  };
}
