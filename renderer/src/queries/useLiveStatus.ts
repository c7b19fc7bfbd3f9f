/** Status changes pushed by main (the Orchestrator's WebSocket) patch the cached fleet at once. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { FleetSnapshot } from '../../../shared/ipc-contract';
import { applyStatusChange } from './fleet-cache';
import { queryKeys } from './keys';

export function useLiveStatus(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    return window.steward.on('statusChanged', (change) => {
      queryClient.setQueriesData<FleetSnapshot>({ queryKey: queryKeys.fleetAll }, (snapshot) =>
        snapshot ? applyStatusChange(snapshot, change) : snapshot,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.droplet(change.dropletId) });
    });
  }, [queryClient]);
}
