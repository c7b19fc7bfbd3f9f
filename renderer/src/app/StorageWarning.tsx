/**
 * A quiet line under the top bar while the open profile's history or communications log
 * cannot be written (a full disk, a read-only folder). Main pushes each change, so it appears
 * and clears without the window asking again.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MethodOutput } from '../../../shared/ipc-contract';
import { queryKeys } from '../queries/query-keys';
import { useWarnings } from '../queries/useProfiles';
import './storage-warning.css';

type Warnings = MethodOutput<'getWarnings'>;

export function StorageWarning() {
  const queryClient = useQueryClient();
  const warnings = useWarnings();
  useEffect(() => {
    if (!window.steward) return undefined;
    return window.steward.on('storageWarning', ({ warning }) => {
      queryClient.setQueryData<Warnings>(queryKeys.warnings, (old) => (old ? { ...old, storage: warning } : { warnings: warning ? [warning] : [], storage: warning }));
      // The profile settings list the warnings too: let them catch up.
      void queryClient.invalidateQueries({ queryKey: queryKeys.warnings });
    });
  }, [queryClient]);
  const text = warnings.data?.storage ?? null;
  if (!text) return null;
  return (
    <div className="storage-warning" role="status" data-testid="storage-warning">
      {text}
    </div>
  );
}
