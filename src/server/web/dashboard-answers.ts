import { z } from 'zod';
import { DASHBOARD_RECENT_EXPENSES, DASHBOARD_UPCOMING_DAYS } from '../../domain/dashboard.js';
import { accountAnswers } from './account-answers.js';
import { answers, currency, text } from './answer-schemas.js';
import { reportAnswers } from './report-answers.js';
import { scheduleAnswers } from './schedule-answers.js';

/**
 * `GET /api/dashboard`: each part is the answer of the request it stands for, named in its description, so the
 * web UI files it under that request's key and the pages reached next find it there.
 */
export const dashboardAnswer = z.object({
  month: text.describe('the month shown (YYYY-MM)'),
  currency,
  accounts: accountAnswers.accounts.describe('GET /api/accounts?all=true'),
  categories: answers.categories.describe('GET /api/categories?includeDeleted=true'),
  monthly: reportAnswers.monthly.describe('GET /api/reports/monthly?month'),
  spending: reportAnswers.categories.describe(
    "GET /api/reports/categories: the month's spending by category",
  ),
  budgets: reportAnswers.budgets.describe('GET /api/reports/budgets?month'),
  trend: reportAnswers.trend.describe('GET /api/reports/trend?month: the 12 months ending with it'),
  goals: reportAnswers.goals.describe('GET /api/reports/goals: as of today'),
  schedules: scheduleAnswers.schedules.describe('GET /api/schedules'),
  upcoming: scheduleAnswers.occurrences.describe(
    `GET /api/schedules/upcoming?days=${DASHBOARD_UPCOMING_DAYS}`,
  ),
  recentExpenses: answers.expenses.describe(
    `GET /api/expenses?limit=${DASHBOARD_RECENT_EXPENSES}&sort=date&order=desc`,
  ),
});
