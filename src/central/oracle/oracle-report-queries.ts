import type { OracleBinds } from './oracle-driver.js';
import type { ReportQueries } from '../central-reports.js';
import type { BudgetHistoryRow, GoalRow, MonthlyRow } from '../report-rows.js';
import {
  BUDGET_HISTORY_SQL,
  GOAL_SUMS_SQL,
  REPORT_FUNCTIONS,
  REPORT_SQL,
  USER_CURRENCY_SQL,
  type ReportFunction,
} from './oracle-sql.js';

/** What the reports need of an Oracle session (OracleSession in oracle-store.ts). */
export interface ReportSession {
  rows<R>(sql: string, binds?: OracleBinds): Promise<R[]>;
  /** A query returning a REF CURSOR, read whole. */
  cursor<R>(sql: string, binds: OracleBinds): Promise<R[]>;
}

/** The reports on Oracle: one call of a `pfm_reports` package function each (oracle-sql.ts), goals a query. */
export function oracleReportQueries(s: ReportSession): ReportQueries {
  const report = <R>(fn: ReportFunction, args: readonly (string | null)[]): Promise<R[]> =>
    s.cursor<R>(REPORT_SQL[fn], Object.fromEntries(REPORT_FUNCTIONS[fn].map((p, i) => [p, args[i] ?? null])));
  return {
    currency: async (userId) =>
      (await s.rows<{ currency: string }>(USER_CURRENCY_SQL, { owner: userId }))[0]?.currency,
    monthly: async (userId, month) => (await report<MonthlyRow>('monthly', [userId, month]))[0] as MonthlyRow,
    categories: (userId, from, to) => report('categories', [userId, from, to]),
    tags: (userId, from, to) => report('tags', [userId, from, to]),
    budgets: (userId, month) => report('budgets', [userId, month]),
    budgetHistory: (userId, through) =>
      s.rows<BudgetHistoryRow>(BUDGET_HISTORY_SQL, { p_user: userId, p_month: through }),
    goals: (userId) => s.rows<GoalRow>(GOAL_SUMS_SQL, { p_user: userId }),
    trend: (userId, first, end) => report('trend', [userId, first, end]),
    accounts: (userId) => report('accounts', [userId]),
    accountMonths: (userId, upTo) => report('account_months', [userId, upTo]),
    syncActivity: (userId) => report('sync_activity', [userId]),
    recordCounts: (userId) => report('record_counts', [userId]),
  };
}
