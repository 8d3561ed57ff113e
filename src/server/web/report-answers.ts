import { z } from 'zod';
import type {
  BudgetReport,
  BudgetStatus,
  CategoryReport,
  CategorySpending,
  GoalProgress,
  GoalReport,
  UnbudgetedSpending,
  MonthlySummary,
  TagReport,
  TagTotals,
  TrendPoint,
  TrendReport,
} from '../../domain/reports.js';
import { count, currency, list, minor, text } from './answer-schemas.js';
import type { SameFields } from './same-fields.js';

// The reports' answers, after src/domain/reports.ts: money in minor units of `currency`, percentages with one
// decimal.

const percent = z.number();

const monthly = z.object({
  month: text,
  currency,
  income: minor,
  expenses: minor,
  net: minor,
  savingsRate: percent.nullable().describe('100 * net / income; null without income'),
  incomeCount: count,
  expenseCount: count,
});

const categorySpending = z.object({
  categoryId: text,
  name: text,
  deleted: z.boolean(),
  total: minor,
  count,
  share: percent.describe('100 * total / all spending in the period'),
});
const categories = z.object({
  from: text,
  to: text,
  currency,
  total: minor,
  categories: list(categorySpending),
});

const tagTotals = z.object({
  tag: text,
  expenses: minor.describe('live expenses carrying the tag'),
  income: minor.describe('live income carrying the tag'),
  count: count.describe('rows carrying the tag'),
});
const tags = z.object({ from: text, to: text, currency, tags: list(tagTotals) });

const budgetStatus = z.object({
  budgetId: text,
  categoryId: text,
  category: text,
  limit: minor,
  spent: minor,
  remaining: minor.describe('limit - spent (negative when over)'),
  percent: percent.describe('100 * spent / limit'),
  status: z.enum(['under', 'at', 'over']),
  rollover: z.boolean().describe("what is left at the month's end carries into the next month"),
  carried: minor.describe('brought from last month by its rolling-over budget (negative when overspent)'),
  available: minor.describe('limit + carried - spent'),
});
const unbudgetedSpending = z.object({ categoryId: text, name: text, spent: minor });
const budgets = z.object({
  month: text,
  currency,
  budgets: list(budgetStatus),
  totalSpent: minor.describe('every expense of the month, budgeted or not'),
  unbudgeted: minor.describe('expenses of the month in categories without a budget that month'),
  unbudgetedCategories: list(unbudgetedSpending),
});

const goalProgress = z.object({
  goalId: text,
  name: text,
  target: minor,
  saved: minor,
  remaining: minor,
  percent: percent.describe('100 * saved / target (may exceed 100)'),
  targetDate: text.nullable(),
  projectedDate: text.nullable().describe('when the goal is (or will be) reached at the rate so far'),
  onTrack: z.boolean().nullable(),
  neededPerMonth: minor
    .nullable()
    .describe('to save each month to reach the target by its date; null without a date'),
});
const goals = z.object({ asOf: text, currency, goals: list(goalProgress) });

const trendPoint = z.object({ month: text, income: minor, expenses: minor, net: minor });
const trend = z.object({ endMonth: text, currency, months: list(trendPoint) });

/** Each report's answer, by its name in `/api/reports/:name`. */
export const reportAnswers = {
  monthly: monthly.describe('monthly: income, expenses and savings rate of the month'),
  categories: categories.describe('categories: spending by category between two dates, largest first'),
  tags: tags.describe(
    'tags: expenses and income per tag between two dates (a row counts under each of its tags), most spending first',
  ),
  budgets: budgets.describe('budgets: each budget of the month against what was spent'),
  goals: goals.describe('goals: progress of each savings goal as of a date'),
  trend: trend.describe('trend: income, expenses and net of the 12 months ending with the month'),
};
/** The answer of `/api/reports/:name`: one of the reports (their fields tell them apart). */
export const reportAnswer = z.union([
  reportAnswers.monthly,
  reportAnswers.categories,
  reportAnswers.tags,
  reportAnswers.budgets,
  reportAnswers.goals,
  reportAnswers.trend,
]);

export const sameFields: [
  SameFields<typeof monthly, MonthlySummary>,
  SameFields<typeof categorySpending, CategorySpending>,
  SameFields<typeof categories, CategoryReport>,
  SameFields<typeof tagTotals, TagTotals>,
  SameFields<typeof tags, TagReport>,
  SameFields<typeof budgetStatus, BudgetStatus>,
  SameFields<typeof unbudgetedSpending, UnbudgetedSpending>,
  SameFields<typeof budgets, BudgetReport>,
  SameFields<typeof goalProgress, GoalProgress>,
  SameFields<typeof goals, GoalReport>,
  SameFields<typeof trendPoint, TrendPoint>,
  SameFields<typeof trend, TrendReport>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
