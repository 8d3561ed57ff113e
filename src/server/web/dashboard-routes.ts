import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { User } from '../../domain/entities.js';
import { DASHBOARD_RECENT_EXPENSES, DASHBOARD_UPCOMING_DAYS } from '../../domain/dashboard.js';
import { monthRange, toIsoMonth } from '../../domain/dates.js';
import { isoMonth } from '../../domain/schemas.js';
import { accountList } from './account-routes.js';
import { dashboardAnswer } from './dashboard-answers.js';
import type { ServerContext } from './server-context.js';

export const dashboardQuery = z.object({ month: isoMonth.optional() });

/** Everything the dashboard shows, as the separate routes answer it, for one month. */
function dashboard(ctx: ServerContext, user: User, month: string): z.input<typeof dashboardAnswer> {
  const { currency } = user;
  const range = monthRange(month);
  return {
    month,
    currency,
    accounts: accountList(ctx, user, true),
    categories: { items: ctx.categories.list(user.id, undefined, true) },
    monthly: ctx.reports.monthly(user.id, month),
    spending: ctx.reports.categories(user.id, range.from, range.to),
    budgets: ctx.reports.budgets(user.id, month),
    trend: ctx.reports.trend(user.id, month),
    goals: ctx.reports.goals(user.id, ctx.today()),
    schedules: { items: ctx.schedules.list(user.id), currency },
    upcoming: { items: ctx.schedules.upcoming(user.id, DASHBOARD_UPCOMING_DAYS), currency },
    recentExpenses: {
      ...ctx.expenses.list(user.id, {
        sort: 'date',
        order: 'desc',
        limit: DASHBOARD_RECENT_EXPENSES,
        offset: 0,
      }),
      currency,
    },
  };
}

/**
 * The dashboard in one request: a cold load of the web UI's first page asks once instead of ten times, which a
 * browser would queue six at a time behind one connection each.
 */
export const dashboardRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary: "Everything the dashboard shows for a month, each part as its own route's answer",
        description:
          'month (YYYY-MM, default this month) for the monthly summary, spending by category, budgets and the ' +
          'trend; the accounts, categories (deleted ones too), savings goals, schedules, the next ' +
          `${DASHBOARD_UPCOMING_DAYS} days' occurrences and the latest ${DASHBOARD_RECENT_EXPENSES} expenses as of today.`,
        querystring: dashboardQuery,
        response: { 200: dashboardAnswer },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return dashboard(ctx, user, request.query.month ?? toIsoMonth(ctx.now()));
    },
  );
};
