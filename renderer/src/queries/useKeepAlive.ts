import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { FleetSnapshot } from '../../../shared/fleet-update';
import type { HeartbeatInput, KeepAlive } from '../../../shared/model';
import { useKeepAliveNotice } from '../state/keep-alive-notice';
import { call } from '../app/api';
import { queryKeys } from './query-keys';

/** Droplets main keeps alive, kept current by the `keepAliveChanged` event (no polling needed). */
export function useKeepAlive() {
  const qc = useQueryClient();
  useEffect(() => {
    // The bridge may be absent outside Electron; the query then reports the error.
    if (!window.steward) return;
    return window.steward.on('keepAliveChanged', (list) => qc.setQueryData<KeepAlive[]>(queryKeys.keepAlive, list));
  }, [qc]);
  // The top bar always holds one of these, so the event is always heard: never stale, and a
  // component that mounts (the details pane's toggle, on every selection) asks nothing.
  return useQuery({ queryKey: queryKeys.keepAlive, queryFn: () => call('listKeepAlive'), staleTime: Infinity });
}

export function useStartKeepAlive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: HeartbeatInput) => call('startKeepAlive', input),
    onSuccess: (list) => qc.setQueryData<KeepAlive[]>(queryKeys.keepAlive, list),
  });
}

export function useStopKeepAlive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call('stopKeepAlive', { id }),
    onSuccess: (list) => qc.setQueryData<KeepAlive[]>(queryKeys.keepAlive, list),
  });
}

/**
 * Main closed a profile and stopped its keep-alives: a notice names them (from the fleet still
 * cached, as the event comes before the profile change that drops it).
 */
export function useKeepAliveStops(): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    return window.steward.on('keepAlivesStopped', ({ profileName, dropletIds }) => {
      const fleet = qc.getQueryData<FleetSnapshot>(queryKeys.fleet({}))?.droplets ?? [];
      const droplets = dropletIds.map((id) => ({ id, name: fleet.find((d) => d.id === id)?.name ?? null }));
      useKeepAliveNotice.getState().show({ profileName, droplets });
      qc.setQueryData<KeepAlive[]>(queryKeys.keepAlive, []);
    });
  }, [qc]);
}
