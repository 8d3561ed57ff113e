import { addMonths } from '../domain/dates.js';
import {
  budgetStatus,
  goalProgress,
  percent,
  type BudgetReport,
  type CategoryReport,
  type GoalReport,
  type MonthlySummary,
  type TrendReport,
} from '../domain/reports.js';
import { SYNCED_TABLES, type SyncedTable } from '../domain/tables.js';
import { ValidationError } from '../domain/validation.js';
import type { DeviceActivity, SyncActivity, UserRecordCounts } from './central-store.js';

/**
 * Dialect-neutral half of the central reports: the SQL functions (Postgres) or PL/SQL package (Oracle) sum
 * and count; this turns their rows into the `domain/reports.ts` types with `percent()`, exactly as the local
 * reports do, so both sides agree to the digit. Drivers return 64-bit integers as text, numbers or bigints:
 * `num` takes all three.
 */
type Num = number | string | bigint;

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

export interface BudgetRow {
  budget_id: string;
  category_id: string;
  name: string;
  limit_amount: Num;
  spent: Num;
}

/** Rows in report order. */
export function toBudgetReport(month: string, currency: string, rows: BudgetRow[]): BudgetReport {
  return {
    month,
    currency,
    budgets: rows.map((r) =>
      budgetStatus({
        budgetId: r.budget_id,
        categoryId: r.category_id,
        category: r.name,
        limit: num(r.limit_amount),
        spent: num(r.spent),
      }),
    ),
  };
}

export interface GoalRow {
  goal_id: string;
  name: string;
  target: Num;
  target_date: string | null;
  saved: Num;
  /** Computed in SQL by the definition in reports.ts: the reached date, or the projection at the rate so far. */
  projected_on: string | null;
}

/** Rows in report order. */
export function toGoalReport(asOf: string, currency: string, rows: GoalRow[]): GoalReport {
  return {
    asOf,
    currency,
    goals: rows.map((r) =>
      goalProgress({
        goalId: r.goal_id,
        name: r.name,
        target: num(r.target),
        saved: num(r.saved),
        targetDate: r.target_date,
        projectedDate: r.projected_on,
      }),
    ),
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

export interface DeviceActivityRow {
  user_id: string;
  device_id: string;
  syncs: Num;
  succeeded: Num;
  partial: Num;
  failed: Num;
  pushed: Num;
  pulled: Num;
  conflicts: Num;
  first_sync_at: string;
  last_sync_at: string;
  last_status: string;
}

export function toDeviceActivity(r: DeviceActivityRow): DeviceActivity {
  return {
    userId: r.user_id,
    deviceId: r.device_id,
    syncs: num(r.syncs),
    succeeded: num(r.succeeded),
    partial: num(r.partial),
    failed: num(r.failed),
    pushed: num(r.pushed),
    pulled: num(r.pulled),
    conflicts: num(r.conflicts),
    firstSyncAt: r.first_sync_at,
    lastSyncAt: r.last_sync_at,
    lastStatus: r.last_status as SyncActivity['status'],
  };
}

export interface RecordCountRow {
  user_id: string;
  name: string | null;
  table_name: string;
  live: Num;
  deleted: Num;
}

/** Rows of (user, table) counts, ordered by user id; tables without rows count zero. */
export function toRecordCounts(rows: RecordCountRow[]): UserRecordCounts[] {
  const users = new Map<
    string,
    { name: string | null; tables: Record<string, { live: number; deleted: number }> }
  >();
  for (const r of rows) {
    let u = users.get(r.user_id);
    if (!u) {
      u = {
        name: null,
        tables: Object.fromEntries(SYNCED_TABLES.map((t) => [t, { live: 0, deleted: 0 }])),
      };
      users.set(r.user_id, u);
    }
    u.name ??= r.name;
    u.tables[r.table_name] = { live: num(r.live), deleted: num(r.deleted) };
  }
  return [...users.entries()].map(([userId, u]) => ({
    userId,
    name: u.name,
    tables: u.tables as Record<SyncedTable, { live: number; deleted: number }>,
    live: Object.values(u.tables).reduce((sum, t) => sum + t.live, 0),
  }));
}

/** Statuses a device may report; anything else is refused before it reaches the database. */
export function requireActivity(entry: SyncActivity): void {
  if (!['Success', 'Partial', 'Failed'].includes(entry.status)) {
    throw new ValidationError('status', `"${entry.status}" is not Success, Partial or Failed`);
  }
  if (!['Manual', 'Automatic'].includes(entry.syncType)) {
    throw new ValidationError('syncType', `"${entry.syncType}" is not Manual or Automatic`);
  }
  for (const k of ['pushed', 'pulled', 'conflicts'] as const) {
    if (!Number.isSafeInteger(entry[k]) || entry[k] < 0) throw new ValidationError(k, 'must be a count');
  }
}

/** A sync run's values in the order of every dialect's insert into the activity log. */
export function activityValues(entry: SyncActivity): (string | number | null)[] {
  return [
    entry.userId,
    entry.deviceId,
    entry.syncType,
    entry.status,
    entry.startedAt,
    entry.finishedAt,
    entry.pushed,
    entry.pulled,
    entry.conflicts,
    entry.errorMessage,
  ];
}
