import type { AccountOpeningRow, MovementMonthRow } from '../../domain/accounts.js';
import { monthRange } from '../../domain/dates.js';
import type { ReportQueries } from '../central-reports.js';
import type {
  BudgetHistoryRow,
  BudgetRow,
  CategoryRow,
  DeviceActivityRow,
  GoalRow,
  MonthlyRow,
  RecordCountRow,
  TagRow,
  TrendRow,
} from '../report-rows.js';
import type { SqliteSession } from './sqlite-session.js';
import { SQLITE_REPORT_SQL as SQL, USER_CURRENCY_SQL } from './sqlite-sql.js';

/**
 * The reports on SQLite: the device's own statements (local-reports.ts) on the central tables.
 */
export function sqliteReportQueries(s: SqliteSession): ReportQueries {
  return {
    currency: async (userId) => s.get<{ currency: string }>(USER_CURRENCY_SQL, [userId])?.currency,
    monthly: async (userId, month) => {
      const { from, to } = monthRange(month);
      return s.get<MonthlyRow>(SQL.monthly, [userId, from, to, userId, from, to]) as MonthlyRow;
    },
    categories: async (userId, from, to) => s.all<CategoryRow>(SQL.categories, [userId, from, to]),
    tags: async (userId, from, to) => s.all<TagRow>(SQL.tags, [userId, from, to]),
    budgets: async (userId, month) => {
      const { from, to } = monthRange(month);
      return s.all<BudgetRow>(SQL.budgets, [userId, from, to, month]);
    },
    budgetHistory: async (userId, through) => s.all<BudgetHistoryRow>(SQL.budgetHistory, [userId, through]),
    goals: async (userId) => s.all<GoalRow>(SQL.goals, [userId]),
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
