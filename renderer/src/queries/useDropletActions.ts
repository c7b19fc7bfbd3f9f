import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HeartbeatInput, Registration } from '../../../shared/model';
import { call } from '../app/api';
import { queryKeys } from './query-keys';

/** What registering would change: read fresh from the Orchestrator each time, never cached. */
export function usePreviewRegistration() {
  return useMutation({ mutationKey: queryKeys.orchestratorWrite, mutationFn: (reg: Registration) => call('previewRegistration', reg) });
}

/** Register or re-register; the fleet and the droplet refresh afterwards. */
export function useRegisterDroplet() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: queryKeys.orchestratorWrite,
    mutationFn: (reg: Registration) => call('registerDroplet', reg),
    // Not awaited: the acknowledgement shows at once, the refetches follow.
    onSuccess: (_ack, reg) => {
      void qc.invalidateQueries({ queryKey: queryKeys.fleetAll });
      void qc.invalidateQueries({ queryKey: queryKeys.droplet(reg.id) });
    },
  });
}

/** Send one heartbeat by hand; the fleet, the droplet and its charts refresh afterwards. */
export function useSendHeartbeat() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: queryKeys.orchestratorWrite,
    mutationFn: (input: HeartbeatInput) => call('sendHeartbeat', input),
    onSuccess: (_ack, input) => {
      void qc.invalidateQueries({ queryKey: queryKeys.fleetAll });
      void qc.invalidateQueries({ queryKey: queryKeys.droplet(input.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.history(input.id) });
    },
  });
}
