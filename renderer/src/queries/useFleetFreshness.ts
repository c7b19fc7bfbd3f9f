/** The freshness of the fleet the table shows, re-judged on the shared one-second clock. */
import { errorDetail } from '../app/api';
import { useFilteredFleet, useFilteredFleetPollMs } from './useFleet';
import { usePollIntervalMs } from './useAppInfo';
import { useNow } from '../state/clock';
import { judgeFreshness, type Freshness } from '../domain/freshness';

export interface FleetFreshness extends Freshness {
  hint: string | null;
  /** The failing poll's trace_id and communications-log entry, to quote or open. */
  traceId: string | null;
  exchangeId: number | null;
  dataUpdatedAt: number;
  hasData: boolean;
  fetching: boolean;
  pollIntervalMs: number;
}

export function useFleetFreshness(): FleetFreshness {
  const fleet = useFilteredFleet();
  const pollIntervalMs = usePollIntervalMs();
  const nextPollMs = useFilteredFleetPollMs();
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
