import type { AccountOpeningRow, MovementMonthRow } from '../../domain/accounts.js';
import { monthRange } from '../../domain/dates.js';
import { projectGoalDate } from '../../domain/reports.js';
import type { ReportQueries } from '../central-reports.js';
import type {
  BudgetRow,
  CategoryRow,
  DeviceActivityRow,
  MonthlyRow,
  RecordCountRow,
  TrendRow,
} from '../report-rows.js';
import type { SqliteSession } from './sqlite-session.js';
import { SQLITE_REPORT_SQL as SQL, USER_CURRENCY_SQL } from './sqlite-sql.js';

interface GoalSumRow {
  goal_id: string;
  name: string;
  target: number;
  target_date: string | null;
  saved: number;
  first_on: string | null;
  reached_on: string | null;
}

/**
 * The reports on SQLite: the device's own statements (local-reports.ts) on the central tables. SQLite has no
 * stored functions, so a goal's projection is computed from its sums by the domain's definition.
 */
export function sqliteReportQueries(s: SqliteSession): ReportQueries {
  return {
    currency: async (userId) => s.get<{ currency: string }>(USER_CURRENCY_SQL, [userId])?.currency,
    monthly: async (userId, month) => {
      const { from, to } = monthRange(month);
      return s.get<MonthlyRow>(SQL.monthly, [userId, from, to, userId, from, to]) as MonthlyRow;
    },
    categories: async (userId, from, to) => s.all<CategoryRow>(SQL.categories, [userId, from, to]),
    budgets: async (userId, month) => {
      const { from, to } = monthRange(month);
      return s.all<BudgetRow>(SQL.budgets, [userId, from, to, userId, month]);
    },
    goals: async (userId, asOf) =>
      s.all<GoalSumRow>(SQL.goals, [userId]).map((r) => ({
        goal_id: r.goal_id,
        name: r.name,
        target: r.target,
        target_date: r.target_date,
        saved: r.saved,
        projected_on: projectGoalDate(
          { target: r.target, saved: r.saved, firstOn: r.first_on, reachedOn: r.reached_on },
          asOf,
        ),
      })),
    trend: async (userId, first, end) => {
      const from = monthRange(first).from;
      const to = monthRange(end).to;
      return s.all<TrendRow>(SQL.trend, [userId, from, to, userId, from, to]);
    },
    accounts: async (userId) => s.all<AccountOpeningRow>(SQL.accounts, [userId]),
    accountMonths: async (userId, upTo) => s.all<MovementMonthRow>(SQL.accountMonths, [userId, upTo]),
    syncActivity: async (userId) => s.all<DeviceActivityRow>(SQL.syncActivity, [userId]),
    recordCounts: async (userId) => s.all<RecordCountRow>(SQL.recordCounts, [userId]),
  };
}
