/**
 * What droplets serve themselves (main's prober): summaries for the fleet's probe column, one
 * droplet's details, the dependency map and the probe settings. Main's `probesChanged` event
 * refreshes them; a slow poll stands behind it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { ProbeSettings, ProbeSummary } from '../../../shared/probe';
import { call } from '../app/api';
import { queryKeys } from './query-keys';

const FALLBACK_POLL_MS = 30_000;

/** Refreshes every probe query when main says readings changed (mount once, in the app). */
export function useProbeEvents(): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    return window.steward.on('probesChanged', () => void qc.invalidateQueries({ queryKey: queryKeys.probes }));
  }, [qc]);
}

const NO_SUMMARIES: ReadonlyMap<number, ProbeSummary> = new Map();

/** Each listed droplet's probe summary by id. */
export function useProbeSummaries(): ReadonlyMap<number, ProbeSummary> {
  const q = useQuery({ queryKey: queryKeys.probeSummary, queryFn: () => call('getProbeSummary'), refetchInterval: FALLBACK_POLL_MS });
  return useMemo(() => (q.data ? new Map(q.data.map((s) => [s.id, s])) : NO_SUMMARIES), [q.data]);
}

/** `enabled` false holds the ask (the details pane asks once its details are in). */
export function useProbeDetails(id: number, enabled = true) {
  return useQuery({ queryKey: queryKeys.probeDetails(id), queryFn: () => call('getProbeDetails', { id }), refetchInterval: FALLBACK_POLL_MS, enabled });
}

export function useDependencyMap() {
  return useQuery({ queryKey: queryKeys.dependencyMap, queryFn: () => call('getDependencyMap'), refetchInterval: FALLBACK_POLL_MS });
}

export function useProbeSettings() {
  return useQuery({ queryKey: queryKeys.probeSettings, queryFn: () => call('getProbeSettings') });
}

export function useSaveProbeSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<ProbeSettings>) => call('setProbeSettings', change),
    onSuccess: (saved) => {
      qc.setQueryData(queryKeys.probeSettings, saved);
      void qc.invalidateQueries({ queryKey: queryKeys.probes });
    },
  });
}

export function useProbeNow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => call('probeNow', ids ? { ids } : {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.probes }),
  });
}
