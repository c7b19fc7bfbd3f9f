/** The freshness of the fleet on screen, re-judged on the shared one-second clock. */
import { errorDetail } from '../app/api';
import { useWholeFleet, useWholeFleetPollMs } from './useFleet';
import { usePollIntervalMs } from './useAppInfo';
import { useClockDerived, useNow } from '../state/clock';
import { judgeFreshness, type Freshness } from '../domain/freshness';

export interface FleetFreshness extends Freshness {
  hint: string | null;
  /** The failing poll's trace_id and communications-log entry, to quote or open. */
  traceId: string | null;
  exchangeId: number | null;
  /** When the last successful poll answered (pushed changes do not move it). */
  dataUpdatedAt: number;
  hasData: boolean;
  fetching: boolean;
  pollIntervalMs: number;
}

export function useFleetFreshness(): FleetFreshness {
  const fleet = useWholeFleet();
  const pollIntervalMs = usePollIntervalMs();
  const nextPollMs = useWholeFleetPollMs();
  const nowMs = useNow();
  const error = fleet.error ? errorDetail(fleet.error) : null;
  const freshness = judgeFreshness({ nowMs, dataUpdatedAt: fleet.dataUpdatedAt, pollIntervalMs, errorMessage: error?.message ?? null });
  return {
    ...freshness,
    hint: error?.hint ?? null,
    traceId: error?.traceId ?? null,
    exchangeId: error?.exchangeId ?? null,
    dataUpdatedAt: fleet.dataUpdatedAt,
    hasData: fleet.data !== undefined,
    fetching: fleet.isFetching,
    // What the banner's "Retrying every …" shows: the interval as backed off while polls fail.
    pollIntervalMs: nextPollMs,
  };
}

/**
 * Whether the fleet on screen is stale: for views that dim or hedge while it is. Re-renders
 * only when that flips, not on every tick of the clock.
 */
export function useFleetStale(): boolean {
  const fleet = useWholeFleet();
  const pollIntervalMs = usePollIntervalMs();
  const errorMessage = fleet.error ? errorDetail(fleet.error).message : null;
  return useClockDerived((nowMs) => judgeFreshness({ nowMs, dataUpdatedAt: fleet.dataUpdatedAt, pollIntervalMs, errorMessage }).stale);
}
