import {
  toBalanceReport,
  toNetWorthReport,
  type AccountBalanceReport,
  type AccountOpeningRow,
  type MovementMonthRow,
  type NetWorthReport,
} from '../domain/accounts.js';
import { addMonths, monthRange } from '../domain/dates.js';
import { requireDate, requireMonth, requireMonthRange, requireRange } from '../domain/report-arguments.js';
import {
  toBudgetReport,
  toCategoryReport,
  toGoalReport,
  toMonthlySummary,
  toTagReport,
  toTrendReport,
  type BudgetHistoryRow,
  type BudgetRow,
  type CategoryRow,
  type GoalRow,
  type MonthlyRow,
  type TagRow,
  type TrendRow,
} from '../domain/report-rows.js';
import type {
  BudgetReport,
  CategoryReport,
  GoalReport,
  MonthlySummary,
  TagReport,
  TrendReport,
} from '../domain/reports.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { MOVEMENTS_SQL, movementParams } from './account-movements.js';
import type { LocalStore } from './local-store.js';

// ?1 user, ?2 from, ?3 to: each live expense's category and amount, a split one's once per part.
const EXPENSE_PARTS = `
  SELECT category_id, amount FROM expense
  WHERE user_id = ?1 AND expense_date BETWEEN ?2 AND ?3 AND deleted = 0 AND splits IS NULL
  UNION ALL
  SELECT json_extract(p.value, '$.category_id'), json_extract(p.value, '$.amount') FROM expense e, json_each(e.splits) p
  WHERE e.user_id = ?1 AND e.expense_date BETWEEN ?2 AND ?3 AND e.deleted = 0 AND e.splits IS NOT NULL`;

// Budget `b`'s category's spending in its month, split parts in their categories: two sums correlated to the
// budget, each an index range over the user's days of that month.
const BUDGET_SPENT = `
  (SELECT coalesce(sum(e.amount), 0) FROM expense e WHERE e.user_id = b.user_id
     AND e.expense_date BETWEEN b.month || '-01' AND b.month || '-31' AND e.deleted = 0
     AND e.splits IS NULL AND e.category_id = b.category_id)
  + (SELECT coalesce(sum(json_extract(p.value, '$.amount')), 0) FROM expense e, json_each(e.splits) p
     WHERE e.user_id = b.user_id AND e.expense_date BETWEEN b.month || '-01' AND b.month || '-31'
     AND e.deleted = 0 AND e.splits IS NOT NULL AND json_extract(p.value, '$.category_id') = b.category_id)`;

/**
 * The five reports of `domain/reports.ts`, computed by the device database. Every sum and count is an
 * aggregate query: the cost is one statement per report, not one per row, and the central stores run the
 * same definitions so both sides agree to the digit. Dates are compared as `YYYY-MM-DD` text ranges
 * (`user_id = ? AND date BETWEEN ? AND ?`) so SQLite can walk the (user_id, date) indexes.
 */
export class LocalReports {
  constructor(private readonly store: LocalStore) {}

  monthly(userId: string, month: string): MonthlySummary {
    requireMonth('month', month);
    const currency = this.currency(userId);
    const { from, to } = monthRange(month);
    const row = this.store
      .sql(
        `SELECT i.total AS income, i.n AS income_count, e.total AS expenses, e.n AS expense_count
         FROM (SELECT coalesce(sum(amount), 0) AS total, count(*) AS n FROM income
               WHERE user_id = ? AND income_date BETWEEN ? AND ? AND deleted = 0) i,
              (SELECT coalesce(sum(amount), 0) AS total, count(*) AS n FROM expense
               WHERE user_id = ? AND expense_date BETWEEN ? AND ? AND deleted = 0) e`,
      )
      .get(userId, from, to, userId, from, to) as MonthlyRow;
    return toMonthlySummary(month, currency, row);
  }

  categories(userId: string, from: string, to: string): CategoryReport {
    requireRange(from, to);
    const currency = this.currency(userId);
    // No `c.deleted = 0` filter: an expense filed under a since-deleted category still counts
    // (docs/architecture.md). The window sum gives the period's grand total in the same statement as the
    // per-category totals.
    return toCategoryReport(from, to, currency, this.categoryRows(userId, from, to));
  }

  /** Spending per category between two dates inclusive, in the categories report's order. */
  private categoryRows(userId: string, from: string, to: string): CategoryRow[] {
    return this.store
      .sql(
        `SELECT c.id AS category_id, c.name, c.deleted, t.total, t.n, sum(t.total) OVER () AS grand_total
         FROM (SELECT category_id, sum(amount) AS total, count(*) AS n FROM (${EXPENSE_PARTS})
               GROUP BY category_id) t
         JOIN category c ON c.id = t.category_id
         ORDER BY t.total DESC, c.name, c.id`,
      )
      .all({ 1: userId, 2: from, 3: to }) as CategoryRow[];
  }

  tags(userId: string, from: string, to: string): TagReport {
    requireRange(from, to);
    const currency = this.currency(userId);
    const rows = this.store
      .sql(
        `SELECT t.tag, sum(t.expenses) AS expenses, sum(t.income) AS income, count(*) AS n FROM (
           SELECT g.value AS tag, e.amount AS expenses, 0 AS income FROM expense e, json_each(e.tags) g
           WHERE e.user_id = ?1 AND e.expense_date BETWEEN ?2 AND ?3 AND e.deleted = 0 AND e.tags IS NOT NULL
           UNION ALL
           SELECT g.value, 0, i.amount FROM income i, json_each(i.tags) g
           WHERE i.user_id = ?1 AND i.income_date BETWEEN ?2 AND ?3 AND i.deleted = 0 AND i.tags IS NOT NULL
         ) t GROUP BY t.tag ORDER BY sum(t.expenses) DESC, sum(t.income) DESC, t.tag`,
      )
      .all({ 1: userId, 2: from, 3: to }) as TagRow[];
    return toTagReport(from, to, currency, rows);
  }

  budgets(userId: string, month: string): BudgetReport {
    requireMonth('month', month);
    const currency = this.currency(userId);
    const { from, to } = monthRange(month);
    // Spending is grouped once for the whole month (one index range scan), then matched to the budgets.
    const rows = this.store
      .sql(
        `SELECT b.id AS budget_id, b.category_id, c.name, b.limit_amount, coalesce(s.spent, 0) AS spent
         FROM budget b
         JOIN category c ON c.id = b.category_id
         LEFT JOIN (SELECT category_id, sum(amount) AS spent FROM (${EXPENSE_PARTS})
                    GROUP BY category_id) s ON s.category_id = b.category_id
         WHERE b.user_id = ?1 AND b.month = ?4 AND b.deleted = 0
         ORDER BY c.name COLLATE NOCASE, b.id`,
      )
      .all({ 1: userId, 2: from, 3: to, 4: month }) as BudgetRow[];
    // What each budget carries from last month: the rolling-over budgets up to this month (report-rows.ts).
    const history = this.store
      .sql(
        `SELECT b.category_id, b.month, b.limit_amount, ${BUDGET_SPENT} AS spent
         FROM budget b WHERE b.user_id = ?1 AND b.month <= ?2 AND b.deleted = 0 AND b.rollover = 1`,
      )
      .all({ 1: userId, 2: month }) as BudgetHistoryRow[];
    return toBudgetReport(month, currency, rows, this.categoryRows(userId, from, to), history);
  }

  goals(userId: string, asOf: string): GoalReport {
    requireDate('asOf', asOf);
    const currency = this.currency(userId);
    // `running` is each contribution's cumulative total in (date, id) order; amounts are positive, so the
    // earliest row whose running total reaches the target is the contribution that reached it.
    // The projection is computed from these sums by projectGoalDate (domain/reports.ts), as every store does.
    const rows = this.store
      .sql(
        `WITH c AS (
           SELECT gc.goal_id, gc.amount, gc.contributed_on,
                  sum(gc.amount) OVER (PARTITION BY gc.goal_id ORDER BY gc.contributed_on, gc.id
                                       ROWS UNBOUNDED PRECEDING) AS running
           FROM goal_contribution gc JOIN savings_goal g ON g.id = gc.goal_id
           WHERE g.user_id = ? AND g.deleted = 0 AND gc.deleted = 0)
         SELECT g.id AS goal_id, g.name, g.target_amount AS target, g.target_date,
                coalesce(sum(c.amount), 0) AS saved,
                min(c.contributed_on) AS first_on,
                min(CASE WHEN c.running >= g.target_amount THEN c.contributed_on END) AS reached_on
         FROM savings_goal g LEFT JOIN c ON c.goal_id = g.id
         WHERE g.user_id = ? AND g.deleted = 0
         GROUP BY g.id, g.name, g.target_amount, g.target_date
         ORDER BY g.name COLLATE NOCASE, g.id`,
      )
      .all(userId, userId) as GoalRow[];
    return toGoalReport(asOf, currency, rows);
  }

  trend(userId: string, endMonth: string, months = 12): TrendReport {
    requireMonth('endMonth', endMonth);
    if (!Number.isInteger(months) || months < 1) {
      throw new ValidationError('months', 'must be a whole number of months, at least 1');
    }
    const currency = this.currency(userId);
    const first = addMonths(endMonth, 1 - months);
    const from = monthRange(first).from;
    const to = monthRange(endMonth).to;
    // Each side is grouped by month over one date range, then the two are merged: one statement for the
    // whole period. Months without data are absent here and filled with zeros by toTrendReport.
    const rows = this.store
      .sql(
        `SELECT month, sum(income) AS income, sum(expenses) AS expenses FROM (
           SELECT substr(income_date, 1, 7) AS month, sum(amount) AS income, 0 AS expenses FROM income
           WHERE user_id = ? AND income_date BETWEEN ? AND ? AND deleted = 0
           GROUP BY substr(income_date, 1, 7)
           UNION ALL
           SELECT substr(expense_date, 1, 7), 0, sum(amount) FROM expense
           WHERE user_id = ? AND expense_date BETWEEN ? AND ? AND deleted = 0
           GROUP BY substr(expense_date, 1, 7))
         GROUP BY month`,
      )
      .all(userId, from, to, userId, from, to) as TrendRow[];
    return toTrendReport(endMonth, months, currency, rows);
  }

  /** Each account's balance at the end of `asOf`, and the net worth (domain/accounts.ts). */
  balances(userId: string, asOf: string): AccountBalanceReport {
    requireDate('asOf', asOf);
    const currency = this.currency(userId);
    const { accounts, movements } = this.accountRows(userId, asOf);
    return toBalanceReport(asOf, currency, accounts, movements);
  }

  /** Net worth at the end of each month from `from` to `to` (YYYY-MM), per account and in total. */
  netWorth(userId: string, from: string, to: string): NetWorthReport {
    requireMonthRange(from, to);
    const currency = this.currency(userId);
    const { accounts, movements } = this.accountRows(userId, monthRange(to).to);
    return toNetWorthReport(from, to, currency, accounts, movements);
  }

  /** The accounts that count (live, or still named by live rows) and their movements by month up to `upTo`. */
  private accountRows(userId: string, upTo: string) {
    const accounts = this.store
      .sql(
        `SELECT id AS account_id, name, account_kind, archived, opening_balance, opening_date FROM account
         WHERE user_id = ? AND (deleted = 0 OR id IN (SELECT account_id FROM (${MOVEMENTS_SQL})))`,
      )
      .all(userId, ...movementParams(userId)) as AccountOpeningRow[];
    const movements = this.store
      .sql(
        `SELECT account_id, substr(date, 1, 7) AS month, sum(amount) AS amount FROM (${MOVEMENTS_SQL})
         WHERE date <= ? GROUP BY account_id, substr(date, 1, 7)`,
      )
      .all(...movementParams(userId), upTo) as MovementMonthRow[];
    return { accounts, movements };
  }

  /** Every report is in the user's own currency; an unknown user is an error, not an empty report. */
  private currency(userId: string): string {
    const row = this.store.sql('SELECT currency FROM app_user WHERE id = ? AND deleted = 0').get(userId) as
      { currency: string } | undefined;
    if (!row) throw new NotFoundError(`no user with id ${userId}`);
    return row.currency;
  }
}
