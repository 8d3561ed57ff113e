import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { DASHBOARD_RECENT_EXPENSES, DASHBOARD_UPCOMING_DAYS } from '../../../../src/domain/dashboard.js';
import { useApi } from '../../api/api-context';
import type { DashboardAnswer } from '../../api/answers';
import type { ApiClient, Query } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { lastDayOf } from '../../format';

/** The Recent expenses card's request. */
export const RECENT_EXPENSES: Query = { limit: DASHBOARD_RECENT_EXPENSES, sort: 'date', order: 'desc' };

/** The Coming up card's days. */
export const UPCOMING_DAYS = DASHBOARD_UPCOMING_DAYS;

/** The Spending by category card's request: the whole month. */
export const monthSpending = (month: string): Query => ({ month, from: `${month}-01`, to: lastDayOf(month) });

/**
 * Files each part of the dashboard's answer under the key of the request it stands for, so the cards (and the
 * pages reached next: accounts, budgets, reports, schedules) find their data without asking again.
 */
function fileParts(queryClient: QueryClient, d: DashboardAnswer): void {
  const month = d.month;
  queryClient.setQueryData(queryKeys.accounts(true), d.accounts);
  queryClient.setQueryData(queryKeys.categories(true), d.categories.items);
  queryClient.setQueryData(queryKeys.report('monthly', { month }), d.monthly);
  queryClient.setQueryData(queryKeys.report('categories', monthSpending(month)), d.spending);
  queryClient.setQueryData(queryKeys.report('budgets', { month }), d.budgets);
  queryClient.setQueryData(queryKeys.report('trend', { month }), d.trend);
  queryClient.setQueryData(queryKeys.report('goals', {}), d.goals);
  queryClient.setQueryData(queryKeys.schedules(), d.schedules.items);
  queryClient.setQueryData(queryKeys.upcoming(UPCOMING_DAYS), d.upcoming.items);
  queryClient.setQueryData(queryKeys.moneyEvents('expense', RECENT_EXPENSES), d.recentExpenses);
}

/** The dashboard of a month in one request (`GET /api/dashboard`), its parts filed as they arrive. */
export function dashboardQuery(api: ApiClient, queryClient: QueryClient, month: string) {
  return queryOptions({
    queryKey: queryKeys.dashboard(month),
    queryFn: async () => {
      const answer = await api.get<DashboardAnswer>('/api/dashboard', { month });
      fileParts(queryClient, answer);
      return answer;
    },
  });
}

export function useDashboard(month: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useQuery(dashboardQuery(api, queryClient, month));
}
