import {
  toBalanceReport,
  toNetWorthReport,
  type AccountBalanceReport,
  type AccountOpeningRow,
  type MovementMonthRow,
  type NetWorthReport,
} from '../domain/accounts.js';
import { addMonths, monthRange } from '../domain/dates.js';
import type {
  BudgetReport,
  CategoryReport,
  GoalReport,
  MonthlySummary,
  TagReport,
  TrendReport,
} from '../domain/reports.js';
import { requireDate, requireMonth, requireMonthRange, requireRange } from '../domain/report-arguments.js';
import { NotFoundError } from '../domain/validation.js';
import { requireText } from './central-rows.js';
import type { CentralReports, DeviceActivity, UserRecordCounts } from './central-store.js';
import {
  requireMonths,
  toBudgetReport,
  toCategoryReport,
  toDeviceActivity,
  toGoalReport,
  toMonthlySummary,
  toRecordCounts,
  toTagReport,
  toTrendReport,
  type BudgetHistoryRow,
  type BudgetRow,
  type CategoryRow,
  type DeviceActivityRow,
  type GoalRow,
  type MonthlyRow,
  type RecordCountRow,
  type TagRow,
  type TrendRow,
} from './report-rows.js';

/**
 * The SQL half of the central reports, one per dialect, on one session: each call is one statement (a SQL
 * function, a PL/SQL package function, or a plain query) returning the rows of report-rows.ts. Arguments
 * arrive checked; nothing here is mapped to domain types.
 */
export interface ReportQueries {
  /** The currency of a live user, undefined when there is none. */
  currency(userId: string): Promise<string | undefined>;
  monthly(userId: string, month: string): Promise<MonthlyRow>;
  /** Ordered by total descending, then name, then id. */
  categories(userId: string, from: string, to: string): Promise<CategoryRow[]>;
  /** Report order (domain/reports.ts TagReport). */
  tags(userId: string, from: string, to: string): Promise<TagRow[]>;
  /** Ordered by category name (case-insensitive), then budget id. */
  budgets(userId: string, month: string): Promise<BudgetRow[]>;
  /** The live budgets that roll over, of `throughMonth` and every month before it, in any order. */
  budgetHistory(userId: string, throughMonth: string): Promise<BudgetHistoryRow[]>;
  /** Each goal's sums, ordered by goal name (case-insensitive), then id; the projection is computed from them. */
  goals(userId: string, asOf: string): Promise<GoalRow[]>;
  /** Months from `firstMonth` through `endMonth` that have data, in any order. */
  trend(userId: string, firstMonth: string, endMonth: string): Promise<TrendRow[]>;
  /** The accounts that count for balances: live, or deleted but still named by live rows; in any order. */
  accounts(userId: string): Promise<AccountOpeningRow[]>;
  /** Live movements (domain/accounts.ts) summed per account and month, up to the day `upTo`; in any order. */
  accountMonths(userId: string, upTo: string): Promise<MovementMonthRow[]>;
  /** One user, or every user when null; ordered by user, last sync (newest first), device. */
  syncActivity(userId: string | null): Promise<DeviceActivityRow[]>;
  /** One user, or every user when null; ordered by user id. */
  recordCounts(userId: string | null): Promise<RecordCountRow[]>;
}

/** Runs `fn` with the queries of one session of the dialect's store. */
export type WithReportQueries = <T>(fn: (queries: ReportQueries) => Promise<T>) => Promise<T>;

/**
 * The central reports of every store: the checks, the user's currency, and the rows turned into the domain's
 * report types (with the same `percent()` the device uses), over a dialect's ReportQueries.
 */
export class SqlCentralReports implements CentralReports {
  constructor(private readonly withQueries: WithReportQueries) {}

  async monthly(userId: string, month: string): Promise<MonthlySummary> {
    requireMonth('month', month);
    return this.withCurrency(userId, async (q, currency) =>
      toMonthlySummary(month, currency, await q.monthly(userId, month)),
    );
  }

  async categories(userId: string, from: string, to: string): Promise<CategoryReport> {
    requireRange(from, to);
    return this.withCurrency(userId, async (q, currency) =>
      toCategoryReport(from, to, currency, await q.categories(userId, from, to)),
    );
  }

  async tags(userId: string, from: string, to: string): Promise<TagReport> {
    requireRange(from, to);
    return this.withCurrency(userId, async (q, currency) =>
      toTagReport(from, to, currency, await q.tags(userId, from, to)),
    );
  }

  async budgets(userId: string, month: string): Promise<BudgetReport> {
    requireMonth('month', month);
    const { from, to } = monthRange(month);
    return this.withCurrency(userId, async (q, currency) =>
      toBudgetReport(
        month,
        currency,
        await q.budgets(userId, month),
        await q.categories(userId, from, to),
        await q.budgetHistory(userId, month),
      ),
    );
  }

  async goals(userId: string, asOf: string): Promise<GoalReport> {
    requireDate('asOf', asOf);
    return this.withCurrency(userId, async (q, currency) =>
      toGoalReport(asOf, currency, await q.goals(userId, asOf)),
    );
  }

  async trend(userId: string, endMonth: string, months = 12): Promise<TrendReport> {
    requireMonth('endMonth', endMonth);
    requireMonths(months);
    const first = addMonths(endMonth, 1 - months);
    return this.withCurrency(userId, async (q, currency) =>
      toTrendReport(endMonth, months, currency, await q.trend(userId, first, endMonth)),
    );
  }

  async balances(userId: string, asOf: string): Promise<AccountBalanceReport> {
    requireDate('asOf', asOf);
    return this.withCurrency(userId, async (q, currency) =>
      toBalanceReport(asOf, currency, await q.accounts(userId), await q.accountMonths(userId, asOf)),
    );
  }

  async netWorth(userId: string, from: string, to: string): Promise<NetWorthReport> {
    requireMonthRange(from, to);
    return this.withCurrency(userId, async (q, currency) =>
      toNetWorthReport(
        from,
        to,
        currency,
        await q.accounts(userId),
        await q.accountMonths(userId, monthRange(to).to),
      ),
    );
  }

  async syncActivity(userId?: string): Promise<DeviceActivity[]> {
    return (await this.withQueries((q) => q.syncActivity(userId ?? null))).map(toDeviceActivity);
  }

  async recordCounts(userId?: string): Promise<UserRecordCounts[]> {
    return toRecordCounts(await this.withQueries((q) => q.recordCounts(userId ?? null)));
  }

  /** Every report is in the user's own currency; an unknown user is an error, not an empty report. */
  private async withCurrency<T>(
    userId: string,
    fn: (q: ReportQueries, currency: string) => Promise<T>,
  ): Promise<T> {
    requireText('userId', userId);
    return this.withQueries(async (q) => {
      const currency = await q.currency(userId);
      if (currency === undefined) throw new NotFoundError(`no user with id ${userId} in the central store`);
      return fn(q, currency);
    });
  }
}
