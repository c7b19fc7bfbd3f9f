/** When main switches profile, nothing cached belongs to the new Orchestrator: start over. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useUi } from '../state/ui';
import { prefsSync } from './usePrefs';
import { useMarks } from '../features/fleet/marks';

export function useProfileChanges(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!window.steward) return undefined;
    return window.steward.on('profileChanged', () => {
      // What is pending belongs to the profile that closed; the reset below is not a choice to remember.
      prefsSync().suspend();
      useUi.getState().resetForProfile();
      useMarks.getState().clear();
      void prefsSync().load();
      // Reset (not just invalidate): the old fleet must not stand in as placeholder data.
      void queryClient.resetQueries();
    });
  }, [queryClient]);
}
