import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { monthRange, toIsoMonth } from '../../domain/dates.js';
import { REPORT_NAMES, type ReportName } from '../../domain/reports.js';
import { isoDate, isoMonth } from '../../domain/schemas.js';
import { badRequest } from '../http-errors.js';
import { toCsv, type AnyReport } from './report-csv.js';
import { reportAnswer } from './report-answers.js';
import type { ServerContext } from './server-context.js';

export const reportQuery = z.object({
  month: isoMonth.optional(),
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  /** goals: progress as of this date (default today). */
  date: isoDate('date').optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
});

/** An unknown report name is a 404, as an unknown URL would be. */
export const reportParams = z.object({
  name: z.enum(REPORT_NAMES, {
    error: (issue) =>
      `no report named "${String(issue.input).slice(0, 40)}": there are ${REPORT_NAMES.join(', ')}`,
  }),
});

/** The reports, as JSON or as a CSV download. */
export const reportRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.get(
    '/api/reports/:name',
    {
      schema: {
        tags: ['reports'],
        summary: `One of the reports: ${REPORT_NAMES.join(', ')}`,
        description:
          'month (YYYY-MM, default this month) for monthly, budgets and trend (the 12 months ending with it); ' +
          'from/to (default the month) for categories and tags; date (default today) for goals. format=csv downloads ' +
          'the report as CSV with amounts in major units.',
        params: reportParams,
        querystring: reportQuery,
        response: {
          200: {
            description: 'the report; with format=csv, the report as a CSV file',
            content: {
              'application/json': { schema: reportAnswer },
              'text/csv': { schema: z.string().describe('one header line, then one line per row') },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const { name } = request.params;
      const q = request.query;
      const month = q.month ?? toIsoMonth(ctx.now());
      const report = build(ctx, user.id, name, month, q);
      if (q.format === 'json') return report;
      const csv = toCsv(name, report, user.currency);
      const suffix = 'from' in report ? `${report.from}_${report.to}` : month;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pfm-${name}-${suffix}.csv"`)
        .send(csv);
    },
  );
};

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
    case 'categories':
    case 'tags': {
      const range = monthRange(month);
      const from = q.from ?? range.from;
      const to = q.to ?? range.to;
      if (from > to) throw badRequest(`to (${to}) is before from (${from})`, 'to');
      return name === 'tags' ? ctx.reports.tags(userId, from, to) : ctx.reports.categories(userId, from, to);
    }
    case 'budgets':
      return ctx.reports.budgets(userId, month);
    case 'goals':
      return ctx.reports.goals(userId, q.date ?? ctx.today());
    case 'trend':
      return ctx.reports.trend(userId, month);
  }
}
