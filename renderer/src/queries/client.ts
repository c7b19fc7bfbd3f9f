/** The app's react-query client: calm defaults for a tool that stays open all day. */
import { notifyManager, QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  // Observers hear of a cache change in a microtask, not a zero-delay timer: a poll's answer or
  // a batch of pushed changes renders in the task that brought it, so it is in the next frame
  // rather than often the one after (and no state set just after it renders first, see
  // TanStack/query#8815).
  notifyManager.setScheduler(queueMicrotask);
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Main already retries what is worth retrying; a second layer would only delay the error.
        retry: false,
        refetchOnWindowFocus: false,
        staleTime: 2_000,
      },
    },
  });
}
