import { QueryClient, keepPreviousData } from '@tanstack/react-query';

/** The app's one query client, made once by the app root. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A failed request shows its error at once with "Try again", as before the data layer had a cache.
        retry: false,
        // Data changes only through this app or a sync, both of which invalidate what they change.
        refetchOnWindowFocus: false,
        // For the same reason an answer stays fresh a while: the page reached next shows what the last one (or
        // the dashboard's one request) loaded, without asking again.
        staleTime: 30_000,
        // Tables and charts keep the previous answer while the next loads, so a filter change does not flash.
        placeholderData: keepPreviousData,
      },
      mutations: { retry: false },
    },
  });
}
