import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';
import { thisMonth } from '../format';
import { dashboardQuery } from '../pages/dashboard/dashboard-query';

/**
 * Sends the dashboard's one request as the app opens on it, beside the session check rather than after it, when
 * this browser was signed in last time. Sent while the root first renders, so that it is under way before any part
 * of the page (the sidebar's accounts among them) would ask for what it brings.
 */
export function useFirstPageData(route: string, api: ApiClient, likelySignedIn: boolean): void {
  const queryClient = useQueryClient();
  useState(() => {
    const [path] = route.split('?');
    if (likelySignedIn && (path === '/' || path === '')) {
      void queryClient.prefetchQuery(dashboardQuery(api, queryClient, thisMonth()));
    }
  });
}
