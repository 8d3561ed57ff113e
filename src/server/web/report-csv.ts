import { toDecimalString } from '../../domain/money.js';
import { csvText, type CsvCell } from '../../import/csv-writer.js';
import type {
  BudgetReport,
  CategoryReport,
  GoalReport,
  MonthlySummary,
  ReportName,
  TagReport,
  TrendReport,
} from '../../domain/reports.js';

export type AnyReport = MonthlySummary | CategoryReport | TagReport | BudgetReport | GoalReport | TrendReport;

/** CSV of a report: one header line, money as exact decimal text in major units, the currency on every row. */
export function toCsv(name: ReportName, report: AnyReport, currency: string): string {
  const money = (minor: number) => toDecimalString(minor, currency);
  let header: string[];
  let rows: CsvCell[][];
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
    case 'tags': {
      const r = report as TagReport;
      header = ['from', 'to', 'tag', 'expenses', 'income', 'count', 'currency'];
      rows = r.tags.map((t) => [r.from, r.to, t.tag, money(t.expenses), money(t.income), t.count, currency]);
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
  return csvText([header, ...rows]);
}
