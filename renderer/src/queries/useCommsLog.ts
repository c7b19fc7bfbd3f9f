import { useQuery } from '@tanstack/react-query';
import { call } from '../app/api';
import { queryKeys } from './query-keys';

export const COMMS_REFRESH_MS = 2_000;
const COMMS_LIMIT = 1_000;

/** The communications log, refreshed every 2 s while a view shows it (react-query pauses in background windows). */
export function useCommsLog() {
  return useQuery({
    queryKey: queryKeys.comms,
    queryFn: async () => (await call('getCommsLog', { limit: COMMS_LIMIT })).entries,
    refetchInterval: COMMS_REFRESH_MS,
  });
}
