import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { budgetCopyInput, budgetInput, isoMonth } from '../../domain/schemas.js';
import { NotFoundError } from '../../domain/validation.js';
import { badRequest } from '../http-errors.js';
import { amountIn, amountText, idParams, noContent, UNDO_HEADER } from './route-schemas.js';
import { answers } from './answer-schemas.js';
import type { ServerContext } from './server-context.js';

export const budgetQuery = z.object({ month: isoMonth.optional() });
// The limit is read in the user's currency by the handler (see amountText); the domain schema is reused for the rest.
export const budgetBody = budgetInput({ currency: 'EUR' })
  .extend({
    limit: amountText('limit'),
    rollover: z
      .boolean({ error: 'rollover must be true or false' })
      .optional()
      .describe("carry what is left (or overspent) at the month's end into the next month; left out, kept"),
  })
  .strict();

const tags = ['budgets'];

/** Monthly limits per expense category. */
export const budgetRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.get(
    '/api/budgets',
    {
      schema: {
        tags,
        summary: 'Budgets (of one month with ?month=YYYY-MM), newest month first',
        querystring: budgetQuery,
        response: { 200: answers.budgets.describe('{items, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return { items: ctx.budgets.list(user.id, request.query.month), currency: user.currency };
    },
  );

  app.post(
    '/api/budgets',
    {
      schema: {
        tags,
        summary: "Set (or change) one expense category's limit for one month",
        body: budgetBody,
        response: { 201: answers.budget.describe('{budget, currency}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = request.body;
      const limit = amountIn(user, input.limit, 'limit');
      let categoryId: string;
      try {
        categoryId = ctx.categories.resolve(user.id, input.category, 'expense').id;
      } catch (e) {
        if (e instanceof NotFoundError) throw badRequest(e.message, 'category');
        throw e;
      }
      const budget = ctx.budgets.set(user.id, categoryId, input.month, limit, { rollover: input.rollover });
      return reply.code(201).send({ budget, currency: user.currency });
    },
  );

  app.post(
    '/api/budgets/copy',
    {
      schema: {
        tags,
        summary:
          "Give month `to` the budgets of month `from` (a category's limit already set in `to` is kept); answers the budgets made",
        body: budgetCopyInput,
        response: { 200: answers.budgets.describe('{items, currency}: the budgets made') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { from, to } = request.body;
      return { items: ctx.budgets.copyMonth(user.id, from, to), currency: user.currency };
    },
  );

  app.delete(
    '/api/budgets/:id',
    {
      schema: {
        tags,
        summary: 'Delete a budget',
        params: idParams,
        response: { 204: noContent(`deleted; the ${UNDO_HEADER} header names its undo operation`) },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const undo = ctx.budgets.delete(user.id, request.params.id);
      return reply.code(204).header(UNDO_HEADER, undo.id).send(null);
    },
  );
};
