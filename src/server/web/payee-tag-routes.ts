import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { categoryKind } from '../../domain/schemas.js';
import { answers } from './answer-schemas.js';
import type { ServerContext } from './server-context.js';

export const payeeQuery = z.object({
  prefix: z.string().max(120, { error: 'prefix must be at most 120 characters' }).default(''),
  kind: categoryKind.default('expense'),
});
export const tagQuery = z.object({ kind: categoryKind.optional() });

/** What the forms suggest: the payees and tags a user already wrote. */
export const payeeTagRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.get(
    '/api/payees',
    {
      schema: {
        tags: ['payees and tags'],
        summary: 'Payees of expenses (or income) starting with a prefix, most used first',
        description: 'prefix is compared ignoring case; kind is expense (the default) or income. At most 20.',
        querystring: payeeQuery,
        response: { 200: answers.payees.describe('{items}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { prefix, kind } = request.query;
      const repo = kind === 'expense' ? ctx.expenses : ctx.income;
      return { items: repo.payees(user.id, prefix.trim()) };
    },
  );

  app.get(
    '/api/tags',
    {
      schema: {
        tags: ['payees and tags'],
        summary: 'Every tag on live expenses and income, with how many rows carry it, most used first',
        description: 'kind=expense or kind=income counts only that kind.',
        querystring: tagQuery,
        response: { 200: answers.tags.describe('{items}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { kind } = request.query;
      const counts = new Map<string, number>();
      for (const repo of [kind !== 'income' && ctx.expenses, kind !== 'expense' && ctx.income]) {
        if (!repo) continue;
        for (const { tag, count } of repo.tagCounts(user.id)) counts.set(tag, (counts.get(tag) ?? 0) + count);
      }
      const items = [...counts].map(([tag, n]) => ({ tag, count: n }));
      items.sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
      return { items };
    },
  );
};
