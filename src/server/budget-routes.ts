import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { budgetInput, isoMonth } from '../domain/schemas.js';
import { NotFoundError } from '../domain/validation.js';
import { badRequest, parseBody, parseQuery } from './http-errors.js';
import type { ServerContext } from './server-context.js';

export const budgetQuery = z.object({ month: isoMonth.optional() });

export function registerBudgetRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/budgets',
    {
      config: {
        doc: {
          tag: 'budgets',
          summary: 'Budgets (of one month with ?month=YYYY-MM), newest month first',
          query: budgetQuery,
          responses: { 200: '{items, currency}' },
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const q = parseQuery(budgetQuery, request.query);
      return { items: ctx.budgets.list(user.id, q.month), currency: user.currency };
    },
  );

  app.post(
    '/api/budgets',
    {
      config: {
        doc: {
          tag: 'budgets',
          summary: "Set (or change) one expense category's limit for one month",
          body: budgetInput({ currency: 'EUR' }).strict(),
          responses: { 201: '{budget, currency}' },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = parseBody(budgetInput({ currency: user.currency }).strict(), request.body);
      let categoryId: string;
      try {
        categoryId = ctx.categories.resolve(user.id, input.category, 'expense').id;
      } catch (e) {
        if (e instanceof NotFoundError) throw badRequest(e.message, 'category');
        throw e;
      }
      const budget = ctx.budgets.set(user.id, categoryId, input.month, input.limit);
      return reply.code(201).send({ budget, currency: user.currency });
    },
  );

  app.delete(
    '/api/budgets/:id',
    { config: { doc: { tag: 'budgets', summary: 'Delete a budget', responses: { 204: 'deleted' } } } },
    async (request, reply) => {
      const user = ctx.user(request);
      ctx.budgets.delete(user.id, (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
}
