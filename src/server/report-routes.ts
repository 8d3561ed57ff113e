import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { monthRange, toIsoMonth } from '../domain/dates.js';
import { toDecimalString } from '../domain/money.js';
import {
  REPORT_NAMES,
  type BudgetReport,
  type CategoryReport,
  type GoalReport,
  type MonthlySummary,
  type ReportName,
  type TrendReport,
} from '../domain/reports.js';
import { isoDate, isoMonth } from '../domain/schemas.js';
import { csvText, type CsvCell } from '../import/csv-writer.js';
import { badRequest, notFound, parseQuery } from './http-errors.js';
import type { ServerContext } from './server-context.js';

export const reportQuery = z.object({
  month: isoMonth.optional(),
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  /** goals: progress as of this date (default today). */
  date: isoDate('date').optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
});

type AnyReport = MonthlySummary | CategoryReport | BudgetReport | GoalReport | TrendReport;

export function registerReportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/reports/:name',
    {
      config: {
        doc: {
          tag: 'reports',
          summary: `One of the reports: ${REPORT_NAMES.join(', ')}`,
          description:
            'month (YYYY-MM, default this month) for monthly, budgets and trend (the 12 months ending with it); ' +
            'from/to (default the month) for categories; date (default today) for goals. format=csv downloads ' +
            'the report as CSV with amounts in major units.',
          query: reportQuery,
          responses: { 200: 'the report (see src/domain/reports.ts), or text/csv' },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const name = (request.params as { name: string }).name;
      if (!(REPORT_NAMES as readonly string[]).includes(name)) {
        throw notFound(`no report named "${name.slice(0, 40)}": there are ${REPORT_NAMES.join(', ')}`);
      }
      const q = parseQuery(reportQuery, request.query);
      const month = q.month ?? toIsoMonth(ctx.now());
      const report = build(ctx, user.id, name as ReportName, month, q);
      if (q.format === 'json') return report;
      const csv = toCsv(name as ReportName, report, user.currency);
      const suffix =
        name === 'categories' ? `${(report as CategoryReport).from}_${(report as CategoryReport).to}` : month;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pfm-${name}-${suffix}.csv"`)
        .send(csv);
    },
  );
}

function build(
  ctx: ServerContext,
  userId: string,
  name: ReportName,
  month: string,
  q: z.output<typeof reportQuery>,
): AnyReport {
  switch (name) {
    case 'monthly':
      return ctx.reports.monthly(userId, month);
    case 'categories': {
      const range = monthRange(month);
      const from = q.from ?? range.from;
      const to = q.to ?? range.to;
      if (from > to) throw badRequest(`to (${to}) is before from (${from})`, 'to');
      return ctx.reports.categories(userId, from, to);
    }
    case 'budgets':
      return ctx.reports.budgets(userId, month);
    case 'goals':
      return ctx.reports.goals(userId, q.date ?? ctx.today());
    case 'trend':
      return ctx.reports.trend(userId, month);
  }
}

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
