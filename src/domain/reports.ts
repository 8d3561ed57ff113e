import { addDays, daysBetween, wholeMonthsUntil } from './dates.js';

/**
 * The five finance reports, computed in SQL by the local store and by every central store: these types and
 * definitions are the contract both sides meet (the contract tests compare them on the same data).
 * Money is minor units of the user's currency; percentages are numbers rounded to one decimal.
 * Only live rows count (deleted = 0); an expense in a deleted category still counts, under that category.
 */
export interface MonthlySummary {
  readonly month: string; // YYYY-MM
  readonly currency: string;
  readonly income: number;
  readonly expenses: number;
  /** income - expenses */
  readonly net: number;
  /** 100 * net / income, one decimal; null when there is no income. */
  readonly savingsRate: number | null;
  readonly incomeCount: number;
  readonly expenseCount: number;
}

export interface CategorySpending {
  readonly categoryId: string;
  readonly name: string;
  /** The category was deleted; its expenses still count. */
  readonly deleted: boolean;
  readonly total: number;
  readonly count: number;
  /** 100 * total / all spending in the period, one decimal. */
  readonly share: number;
}

/** Spending by category between two dates inclusive; largest total first, then name. */
export interface CategoryReport {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly total: number;
  readonly categories: readonly CategorySpending[];
}

export interface TagTotals {
  readonly tag: string;
  /** Live expenses carrying the tag. */
  readonly expenses: number;
  /** Live income carrying the tag. */
  readonly income: number;
  /** Rows carrying the tag. */
  readonly count: number;
}

/**
 * Expenses and income per tag between two dates inclusive; a row with several tags counts under each. Most
 * spending first, then most income, then tag (byte order).
 */
export interface TagReport {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly tags: readonly TagTotals[];
}

export interface BudgetStatus {
  readonly budgetId: string;
  readonly categoryId: string;
  readonly category: string;
  readonly limit: number;
  /** Live expenses of the category within the budget's month. */
  readonly spent: number;
  /** limit - spent (negative when over). */
  readonly remaining: number;
  /** 100 * spent / limit, one decimal. */
  readonly percent: number;
  /** 'over' when spent > limit, 'at' when equal, else 'under'. */
  readonly status: 'under' | 'at' | 'over';
  /** What is left at the month's end carries into the next month (domain/budget-rollover.ts). */
  readonly rollover: boolean;
  /** Brought from last month by its rolling-over budget: negative when last month was overspent. */
  readonly carried: number;
  /** limit + carried - spent */
  readonly available: number;
}

/** Spending of one month in a category that has no budget that month. */
export interface UnbudgetedSpending {
  readonly categoryId: string;
  readonly name: string;
  readonly spent: number;
}

/**
 * Budget vs actual for one month, budgets ordered by category name (case-insensitive), then budget id.
 * Spending outside the budgets is reported too, so the page never shows less than was spent.
 */
export interface BudgetReport {
  readonly month: string;
  readonly currency: string;
  readonly budgets: readonly BudgetStatus[];
  /** Every live expense of the month, budgeted or not. */
  readonly totalSpent: number;
  /** Live expenses of the month in categories with no live budget that month. */
  readonly unbudgeted: number;
  /** The same per category, ordered by name (case-insensitive), then category id. */
  readonly unbudgetedCategories: readonly UnbudgetedSpending[];
}

/**
 * A projection further away than this (100 years) is no date anyone can plan on, and past it dates stop
 * being YYYY-MM-DD (year 10000+) or overflow a database's date type: such goals are "not projected" (null).
 */
export const GOAL_PROJECTION_HORIZON_DAYS = 36_525;

/**
 * The shortest window a goal's saving rate is measured over: one contribution yesterday is not a rate of
 * that much a day, so a young goal's savings are spread over at least this many days.
 */
export const GOAL_RATE_MIN_DAYS = 90;

export interface GoalProgress {
  readonly goalId: string;
  readonly name: string;
  readonly target: number;
  /** Sum of live contributions. */
  readonly saved: number;
  /** max(target - saved, 0) */
  readonly remaining: number;
  /** 100 * saved / target, one decimal (may exceed 100). */
  readonly percent: number;
  readonly targetDate: string | null;
  /**
   * When the goal is (or will be) reached:
   * - reached: the date of the contribution that brought the running total (by date, then id) to the target;
   * - no contributions: null;
   * - otherwise, at the rate so far: window = max(daysBetween(first contribution date, asOf) + 1,
   *   GOAL_RATE_MIN_DAYS) days, the rate is saved / window a day, and
   *   projected = asOf + ceil(remaining * window / saved) days;
   *   null when that is more than GOAL_PROJECTION_HORIZON_DAYS after asOf (not projected).
   */
  readonly projectedDate: string | null;
  /** projectedDate <= targetDate; null when either is null. */
  readonly onTrack: boolean | null;
  /**
   * What to save each month to reach the target by its date: ceil(remaining / months), months being the
   * whole months from asOf's month to the target date's month; the whole remaining amount when the target
   * date is in asOf's month or before; null without a target date.
   */
  readonly neededPerMonth: number | null;
}

/** Goal progress as of a date, ordered by goal name (case-insensitive). */
export interface GoalReport {
  readonly asOf: string;
  readonly currency: string;
  readonly goals: readonly GoalProgress[];
}

export interface TrendPoint {
  readonly month: string;
  readonly income: number;
  readonly expenses: number;
  readonly net: number;
}

/** The 12 months ending with `endMonth` (oldest first), months without data as zeros. */
export interface TrendReport {
  readonly endMonth: string;
  readonly currency: string;
  readonly months: readonly TrendPoint[];
}

export const REPORT_NAMES = ['monthly', 'categories', 'budgets', 'goals', 'trend', 'tags'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/**
 * Percentages: one decimal, half away from zero. Stores sum money in SQL and compute percentages with this
 * one function, so the local and central reports agree to the digit.
 */
export function percent(part: number, whole: number): number {
  const tenths = (1000 * part) / whole;
  return (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10;
}

/** What a goal's projection is computed from: sums over its live contributions. */
export interface GoalSums {
  readonly target: number;
  readonly saved: number;
  /** The first contribution's date, null when there is none. */
  readonly firstOn: string | null;
  /** The date the running total (by date, then id) reached the target, null when it has not. */
  readonly reachedOn: string | null;
}

/** GoalProgress.projectedDate, by its definition above. */
export function projectGoalDate(goal: GoalSums, asOf: string): string | null {
  if (goal.reachedOn !== null) return goal.reachedOn;
  if (goal.firstOn === null || goal.saved === 0) return null;
  const remaining = Math.max(goal.target - goal.saved, 0);
  const days = Math.max(daysBetween(goal.firstOn, asOf) + 1, GOAL_RATE_MIN_DAYS);
  // ceil(remaining * days / saved), exact: the product can pass 2^53.
  const saved = BigInt(goal.saved);
  const ahead = (BigInt(remaining) * BigInt(days) + saved - 1n) / saved;
  return ahead > BigInt(GOAL_PROJECTION_HORIZON_DAYS) ? null : addDays(asOf, Number(ahead));
}

/** A budget's status from its limit and what was spent against it: the BudgetStatus definition above. */
export function budgetStatus(budget: {
  readonly budgetId: string;
  readonly categoryId: string;
  readonly category: string;
  readonly limit: number;
  readonly spent: number;
  readonly rollover: boolean;
  readonly carried: number;
}): BudgetStatus {
  const { limit, spent, carried } = budget;
  return {
    budgetId: budget.budgetId,
    categoryId: budget.categoryId,
    category: budget.category,
    limit,
    spent,
    remaining: limit - spent,
    percent: percent(spent, limit),
    status: spent > limit ? 'over' : spent === limit ? 'at' : 'under',
    rollover: budget.rollover,
    carried,
    available: limit + carried - spent,
  };
}

/** GoalProgress.neededPerMonth, by its definition above. */
export function neededPerMonth(remaining: number, targetDate: string | null, asOf: string): number | null {
  if (targetDate === null) return null;
  const months = wholeMonthsUntil(asOf, targetDate);
  return months <= 0 ? remaining : Math.ceil(remaining / months);
}

/** A goal's progress from its target, savings and projected date: the GoalProgress definition above. */
export function goalProgress(
  asOf: string,
  goal: {
    readonly goalId: string;
    readonly name: string;
    readonly target: number;
    readonly saved: number;
    readonly targetDate: string | null;
    readonly projectedDate: string | null;
  },
): GoalProgress {
  const { target, saved, targetDate, projectedDate } = goal;
  const remaining = Math.max(target - saved, 0);
  return {
    goalId: goal.goalId,
    name: goal.name,
    target,
    saved,
    remaining,
    percent: percent(saved, target),
    targetDate,
    projectedDate,
    onTrack: projectedDate === null || targetDate === null ? null : projectedDate <= targetDate,
    neededPerMonth: neededPerMonth(remaining, targetDate, asOf),
  };
}
