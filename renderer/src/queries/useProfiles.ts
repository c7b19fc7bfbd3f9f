/** react-query over the profile and key methods, and the reset a profile switch calls for. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/ipc-contract';
import type { ProfileDraft, SigningAlgorithmName } from '../../../shared/profile';
import { call } from '../app/api';
import { queryKeys } from './query-keys';


export function useProfiles() {
  return useQuery({ queryKey: queryKeys.profiles, queryFn: () => call('listProfiles') });
}

export function useKeyStorage() {
  return useQuery({ queryKey: queryKeys.keyStorage, queryFn: () => call('getKeyStorage'), staleTime: 60_000 });
}

export function useWarnings() {
  return useQuery({ queryKey: queryKeys.warnings, queryFn: () => call('getWarnings') });
}

/** Every change to profiles or keys refreshes the list (and the warnings a reopen may add). */
function useRefresh(): () => void {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.profiles });
    void qc.invalidateQueries({ queryKey: queryKeys.warnings });
  };
}

export function useSaveProfile() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (draft: ProfileDraft) => call('saveProfile', draft), onSuccess });
}

export function useDuplicateProfile() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (profileId: string) => call('duplicateProfile', { profileId }), onSuccess });
}

export function useDeleteProfile() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (profileId: string) => call('deleteProfile', { profileId }), onSuccess });
}

export function useSwitchProfile() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (profileId: string) => call('switchProfile', { profileId }), onSuccess });
}

export function useTestConnection() {
  return useMutation({ mutationFn: (input: MethodInput<'testConnection'>) => call('testConnection', input) });
}

export type KeyAction = 'import' | SigningAlgorithmName;

export function useKeyAction() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: ({ profileId, action, allowPlaintextBackend }: { profileId: string; action: KeyAction; allowPlaintextBackend: boolean }) =>
      action === 'import' ? call('importKey', { profileId, allowPlaintextBackend }) : call('generateKey', { profileId, algorithm: action, allowPlaintextBackend }),
    onSuccess,
  });
}

export function useSavePublicKey() {
  return useMutation({ mutationFn: (profileId: string) => call('exportPublicKey', { profileId, saveAs: true }) });
}
