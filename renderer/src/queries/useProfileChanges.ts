/** When main switches profile, nothing cached belongs to the new Orchestrator: start over. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useUi } from '../state/ui';

export function useProfileChanges(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    return window.steward.on('profileChanged', () => {
      useUi.getState().resetForProfile();
      // Reset (not just invalidate): the old fleet must not stand in as placeholder data.
      void queryClient.resetQueries();
    });
  }, [queryClient]);
}
