import type { AccountOpeningRow, MovementMonthRow } from '../../domain/accounts.js';
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
import { REPORT_SQL, USER_CURRENCY_SQL } from './sql.js';
import type { SqlSession } from './sql-pool.js';

/** The reports on PostgreSQL: one call of a `pfm_report_*` SQL function each (migrations.ts). */
export function postgresReportQueries(s: SqlSession): ReportQueries {
  return {
    currency: async (userId) =>
      (await s.query<{ currency: string }>(USER_CURRENCY_SQL, [userId])).rows[0]?.currency,
    monthly: async (userId, month) =>
      (await s.query<MonthlyRow>(REPORT_SQL.monthly, [userId, month])).rows[0] as MonthlyRow,
    categories: async (userId, from, to) =>
      (await s.query<CategoryRow>(REPORT_SQL.categories, [userId, from, to])).rows,
    tags: async (userId, from, to) => (await s.query<TagRow>(REPORT_SQL.tags, [userId, from, to])).rows,
    budgets: async (userId, month) => (await s.query<BudgetRow>(REPORT_SQL.budgets, [userId, month])).rows,
    budgetHistory: async (userId, through) =>
      (await s.query<BudgetHistoryRow>(REPORT_SQL.budgetHistory, [userId, through])).rows,
    goals: async (userId, asOf) => (await s.query<GoalRow>(REPORT_SQL.goals, [userId, asOf])).rows,
    trend: async (userId, first, end) =>
      (await s.query<TrendRow>(REPORT_SQL.trend, [userId, first, end])).rows,
    accounts: async (userId) => (await s.query<AccountOpeningRow>(REPORT_SQL.accounts, [userId])).rows,
    accountMonths: async (userId, upTo) =>
      (await s.query<MovementMonthRow>(REPORT_SQL.accountMonths, [userId, upTo])).rows,
    syncActivity: async (userId) =>
      (await s.query<DeviceActivityRow>(REPORT_SQL.syncActivity, [userId])).rows,
    recordCounts: async (userId) => (await s.query<RecordCountRow>(REPORT_SQL.recordCounts, [userId])).rows,
  };
}
