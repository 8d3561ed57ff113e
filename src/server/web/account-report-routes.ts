import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addMonths, toIsoMonth } from '../../domain/dates.js';
import { isoDate, isoMonth } from '../../domain/schemas.js';
import { accountAnswers } from './account-answers.js';
import { balancesCsv, netWorthCsv } from './account-report-csv.js';
import type { ServerContext } from './server-context.js';

const format = z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json');
export const balancesQuery = z.object({ asOf: isoDate('asOf').optional(), format });
export const netWorthQuery = z.object({ from: isoMonth.optional(), to: isoMonth.optional(), format });

/** The answer of a report route: its JSON, or with format=csv the same as a CSV file. */
const reportOrCsv = <T extends z.ZodType>(schema: T, lines: string) => ({
  description: 'the report; with format=csv, the report as a CSV file',
  content: {
    'application/json': { schema },
    'text/csv': { schema: z.string().describe(`one header line, then ${lines}`) },
  },
});

/**
 * The account reports beside the others under /api/reports: balances (on a day) and net worth (by month).
 * Their own routes, since their arguments are not the other reports' (a day `asOf`, a span of months).
 */
export const accountReportRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.get(
    '/api/reports/balances',
    {
      schema: {
        tags: ['reports'],
        summary: "Each account's balance at the end of a day (asOf, default today), and the net worth",
        description: 'format=csv downloads it as CSV with amounts in major units.',
        querystring: balancesQuery,
        response: {
          200: reportOrCsv(accountAnswers.balances, 'one line per account and one for the net worth'),
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const asOf = request.query.asOf ?? ctx.today();
      const report = ctx.reports.balances(user.id, asOf);
      if (request.query.format === 'json') return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pfm-balances-${asOf}.csv"`)
        .send(balancesCsv(report));
    },
  );

  app.get(
    '/api/reports/networth',
    {
      schema: {
        tags: ['reports'],
        summary: 'Net worth at the end of each month from `from` to `to` (YYYY-MM), per account and in total',
        description:
          'Default: the 12 months ending with this one (to defaults to this month, from to 11 months before ' +
          'to). format=csv downloads it as CSV with amounts in major units.',
        querystring: netWorthQuery,
        response: {
          200: reportOrCsv(accountAnswers.netWorth, 'one line per month'),
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const to = request.query.to ?? toIsoMonth(ctx.now());
      const from = request.query.from ?? addMonths(to, -11);
      const report = ctx.reports.netWorth(user.id, from, to);
      if (request.query.format === 'json') return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pfm-networth-${from}_${to}.csv"`)
        .send(netWorthCsv(report));
    },
  );
};
