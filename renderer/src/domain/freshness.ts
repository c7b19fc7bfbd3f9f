/** Whether the fleet on screen is current, and if not, why, in plain words. */
export interface FreshnessInput {
  nowMs: number;
  /** When the data on screen arrived (0 when none has). */
  dataUpdatedAt: number;
  pollIntervalMs: number;
  /** The last poll's failure, when it failed. */
  errorMessage: string | null;
}

export interface Freshness {
  stale: boolean;
  reason: string | null;
  ageSeconds: number | null;
}

/** Polls that have not answered for this many intervals make the data stale even without an error. */
const SILENT_POLLS_BEFORE_STALE = 3;

export function judgeFreshness({ nowMs, dataUpdatedAt, pollIntervalMs, errorMessage }: FreshnessInput): Freshness {
  const ageSeconds = dataUpdatedAt > 0 ? Math.max(0, (nowMs - dataUpdatedAt) / 1000) : null;
  if (errorMessage !== null) return { stale: true, reason: errorMessage, ageSeconds };
  if (ageSeconds !== null && ageSeconds * 1000 > SILENT_POLLS_BEFORE_STALE * pollIntervalMs) {
    return { stale: true, reason: 'Steward is still waiting for the Orchestrator’s answer.', ageSeconds };
  }
  return { stale: false, reason: null, ageSeconds };
}
