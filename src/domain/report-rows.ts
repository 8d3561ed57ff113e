import { carriedInto } from './budget-rollover.js';
import { addMonths } from './dates.js';
import { byNameThenId } from './name-order.js';
import {
  budgetStatus,
  goalProgress,
  percent,
  projectGoalDate,
  type BudgetReport,
  type CategoryReport,
  type GoalReport,
  type MonthlySummary,
  type TagReport,
  type TrendReport,
} from './reports.js';
import { ValidationError } from './validation.js';

/**
 * The rows every store's report statements return (the device's SQLite, each central dialect's functions or
 * package), turned into the report types above with `percent()`: one mapping, so the device and the central
 * stores agree to the digit. Drivers return 64-bit integers as text, numbers or bigints: `num` takes all three.
 */
export type Num = number | string | bigint;

export function num(value: Num | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${String(value)} is not an exact integer`);
  return n;
}

export function requireMonths(months: number): void {
  if (!Number.isInteger(months) || months < 1 || months > 1200) {
    throw new ValidationError('months', 'must be a whole number of months, at least 1');
  }
}

export interface MonthlyRow {
  income: Num;
  income_count: Num;
  expenses: Num;
  expense_count: Num;
}

export function toMonthlySummary(month: string, currency: string, r: MonthlyRow): MonthlySummary {
  const income = num(r.income);
  const expenses = num(r.expenses);
  const net = income - expenses;
  return {
    month,
    currency,
    income,
    expenses,
    net,
    savingsRate: income === 0 ? null : percent(net, income),
    incomeCount: num(r.income_count),
    expenseCount: num(r.expense_count),
  };
}

export interface CategoryRow {
  category_id: string;
  name: string;
  deleted: Num;
  total: Num;
  n: Num;
  grand_total: Num;
}

/** Rows in report order. */
export function toCategoryReport(
  from: string,
  to: string,
  currency: string,
  rows: CategoryRow[],
): CategoryReport {
  const total = rows.length ? num(rows[0]?.grand_total) : 0;
  return {
    from,
    to,
    currency,
    total,
    categories: rows.map((r) => ({
      categoryId: r.category_id,
      name: r.name,
      deleted: num(r.deleted) === 1,
      total: num(r.total),
      count: num(r.n),
      share: percent(num(r.total), total),
    })),
  };
}

export interface TagRow {
  tag: string;
  expenses: Num;
  income: Num;
  n: Num;
}

/** Rows in report order. */
export function toTagReport(from: string, to: string, currency: string, rows: TagRow[]): TagReport {
  return {
    from,
    to,
    currency,
    tags: rows.map((r) => ({
      tag: r.tag,
      expenses: num(r.expenses),
      income: num(r.income),
      count: num(r.n),
    })),
  };
}

export interface BudgetRow {
  budget_id: string;
  category_id: string;
  name: string;
  limit_amount: Num;
  spent: Num;
}

/**
 * The user's live budgets that roll over, of the report's month and the months before it, each with the
 * spending of its category in its month (counted as the budgets report counts it): what rollover is computed
 * from (domain/budget-rollover.ts). A budget that does not roll over carries nothing, so it is not needed.
 */
export interface BudgetHistoryRow {
  category_id: string;
  month: string;
  limit_amount: Num;
  spent: Num;
}

/**
 * Budget rows in report order, the month's spending per category (the categories report's rows of the
 * month, in any order) and the rolling-over budgets up to the month: what no budget covers and what each
 * budget carries are computed here, once for every store.
 */
export function toBudgetReport(
  month: string,
  currency: string,
  rows: BudgetRow[],
  spending: CategoryRow[],
  rollovers: BudgetHistoryRow[],
): BudgetReport {
  const history = rollovers.map((r) => ({
    categoryId: r.category_id,
    month: r.month,
    limit: num(r.limit_amount),
    rollover: true,
    spent: num(r.spent),
  }));
  const rollsOver = new Set(history.filter((h) => h.month === month).map((h) => h.categoryId));
  const budgeted = new Set(rows.map((r) => r.category_id));
  const unbudgetedCategories = spending
    .filter((c) => !budgeted.has(c.category_id))
    .map((c) => ({ categoryId: c.category_id, name: c.name, spent: num(c.total) }))
    .sort((a, b) => byNameThenId({ name: a.name, id: a.categoryId }, { name: b.name, id: b.categoryId }));
  return {
    month,
    currency,
    totalSpent: spending.reduce((sum, c) => sum + num(c.total), 0),
    unbudgeted: unbudgetedCategories.reduce((sum, c) => sum + c.spent, 0),
    unbudgetedCategories,
    budgets: rows.map((r) =>
      budgetStatus({
        budgetId: r.budget_id,
        categoryId: r.category_id,
        category: r.name,
        limit: num(r.limit_amount),
        spent: num(r.spent),
        rollover: rollsOver.has(r.category_id),
        carried: carriedInto(month, r.category_id, history),
      }),
    ),
  };
}

/** A goal's sums (GoalSums of reports.ts): every store reads these, the projection is computed here. */
export interface GoalRow {
  goal_id: string;
  name: string;
  target: Num;
  target_date: string | null;
  saved: Num;
  /** The first live contribution's date. */
  first_on: string | null;
  /** The date the running total (by date, then id) reached the target. */
  reached_on: string | null;
}

/** Rows in report order. */
export function toGoalReport(asOf: string, currency: string, rows: GoalRow[]): GoalReport {
  return {
    asOf,
    currency,
    goals: rows.map((r) => {
      const target = num(r.target);
      const saved = num(r.saved);
      return goalProgress(asOf, {
        goalId: r.goal_id,
        name: r.name,
        target,
        saved,
        targetDate: r.target_date,
        projectedDate: projectGoalDate({ target, saved, firstOn: r.first_on, reachedOn: r.reached_on }, asOf),
      });
    }),
  };
}

export interface TrendRow {
  month: string;
  income: Num;
  expenses: Num;
}

/** Rows of the months that have data, in any order; months without data become zeros. */
export function toTrendReport(
  endMonth: string,
  months: number,
  currency: string,
  rows: TrendRow[],
): TrendReport {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const first = addMonths(endMonth, 1 - months);
  return {
    endMonth,
    currency,
    months: Array.from({ length: months }, (_, i) => {
      const month = addMonths(first, i);
      const row = byMonth.get(month);
      const income = num(row?.income);
      const expenses = num(row?.expenses);
      return { month, income, expenses, net: income - expenses };
    }),
  };
}
