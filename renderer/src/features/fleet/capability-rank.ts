/**
 * How common each capability is across the fleet. The table lists a droplet's rarest
 * capabilities first: the ones every droplet shares (udc_compliance...) say nothing about it.
 */
import { createContext, useContext, useMemo } from 'react';

export type CapabilityRank = ReadonlyMap<string, number>;

export const CapabilityRankContext = createContext<CapabilityRank>(new Map());

/** Counts per capability, kept the same object while the counts do not change (rows stay memoised). */
export function useCapabilityRank(counts: ReadonlyMap<string, number>): CapabilityRank {
  const key = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, n]) => `${c}\u0000${n}`).join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is exactly the content of `counts`
  return useMemo(() => counts, [key]);
}

/** Rarest first; ties keep the droplet's own order. */
export function byRarity(capabilities: readonly string[], rank: CapabilityRank): string[] {
  return capabilities
    .map((c, i) => ({ c, i, n: rank.get(c) ?? 0 }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((x) => x.c);
}

export function useRarestFirst(capabilities: readonly string[]): string[] {
  return byRarity(capabilities, useContext(CapabilityRankContext));
}
