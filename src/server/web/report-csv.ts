import { toDecimalString } from '../../domain/money.js';
import type {
  BudgetReport,
  CategoryReport,
  GoalReport,
  MonthlySummary,
  ReportName,
  TrendReport,
} from '../../domain/reports.js';

export type AnyReport = MonthlySummary | CategoryReport | BudgetReport | GoalReport | TrendReport;

type Cell = string | number | boolean | null;

/** CSV of a report: one header line, money as exact decimal text in major units, the currency on every row. */
export function toCsv(name: ReportName, report: AnyReport, currency: string): string {
  const money = (minor: number) => toDecimalString(minor, currency);
  let header: string[];
  let rows: Cell[][];
  switch (name) {
    case 'monthly': {
      const r = report as MonthlySummary;
      header = [
        'month',
        'income',
        'expenses',
        'net',
        'savings_rate',
        'income_count',
        'expense_count',
        'currency',
      ];
      rows = [
        [
          r.month,
          money(r.income),
          money(r.expenses),
          money(r.net),
          r.savingsRate,
          r.incomeCount,
          r.expenseCount,
          currency,
        ],
      ];
      break;
    }
    case 'categories': {
      const r = report as CategoryReport;
      header = ['from', 'to', 'category', 'deleted', 'total', 'count', 'share', 'currency'];
      rows = r.categories.map((c) => [
        r.from,
        r.to,
        c.name,
        c.deleted,
        money(c.total),
        c.count,
        c.share,
        currency,
      ]);
      break;
    }
    case 'budgets': {
      const r = report as BudgetReport;
      header = ['month', 'category', 'limit', 'spent', 'remaining', 'percent', 'status', 'currency'];
      rows = r.budgets.map((b) => [
        r.month,
        b.category,
        money(b.limit),
        money(b.spent),
        money(b.remaining),
        b.percent,
        b.status,
        currency,
      ]);
      break;
    }
    case 'goals': {
      const r = report as GoalReport;
      header = [
        'goal',
        'target',
        'saved',
        'remaining',
        'percent',
        'target_date',
        'projected_date',
        'on_track',
        'currency',
      ];
      rows = r.goals.map((g) => [
        g.name,
        money(g.target),
        money(g.saved),
        money(g.remaining),
        g.percent,
        g.targetDate,
        g.projectedDate,
        g.onTrack,
        currency,
      ]);
      break;
    }
    case 'trend': {
      const r = report as TrendReport;
      header = ['month', 'income', 'expenses', 'net', 'currency'];
      rows = r.months.map((m) => [m.month, money(m.income), money(m.expenses), money(m.net), currency]);
      break;
    }
  }
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One CSV cell, quoted when needed. Text a person typed (category and goal names) that a spreadsheet would run as
 * a formula gets a leading apostrophe; numbers, including negative amounts, stay numbers.
 */
function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
