/** The app's react-query client: calm defaults for a tool that stays open all day. */
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
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
