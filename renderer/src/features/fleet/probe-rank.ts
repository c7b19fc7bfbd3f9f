/**
 * Module state: each droplet's probe rank for sorting by the probe column (problems first),
 * set by the fleet view from the latest probe summaries. The row comparator reads it.
 */
import type { ProbeSummary } from '../../../../shared/probe';
import type { UiState } from '../../state/ui';
import { rowComparator, type FleetRow } from './fleet-rows';

const ranks = new Map<number, number>();
/** Not probed sorts last. */
const NOT_PROBED = 4;

export function probeRank(s: ProbeSummary | undefined): number {
  if (!s) return NOT_PROBED;
  if (s.disagreement) return 0;
  return s.verdict === 'unreachable' ? 1 : s.verdict === 'degraded' ? 2 : s.verdict === 'answering' ? 3 : NOT_PROBED;
}

export function setProbeRanks(summaries: ReadonlyMap<number, ProbeSummary>): void {
  ranks.clear();
  for (const [id, s] of summaries) ranks.set(id, probeRank(s));
}

export function probeRankOf(id: number): number {
  return ranks.get(id) ?? NOT_PROBED;
}

/** Rows sorted again by the ranks of `summaries` (the row model re-places only changed droplets). */
export function resortByProbe(rows: readonly FleetRow[], sort: UiState['sort'], summaries: ReadonlyMap<number, ProbeSummary>): FleetRow[] {
  setProbeRanks(summaries);
  return [...rows].sort(rowComparator(sort));
}
