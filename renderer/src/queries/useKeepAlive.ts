import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { HeartbeatInput, KeepAlive } from '../../../shared/model';
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
  return useQuery({ queryKey: queryKeys.keepAlive, queryFn: () => call('listKeepAlive') });
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
