import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contributionInput, goalInput, isoDate, nameText } from '../../domain/schemas.js';
import { amountIn, amountText, idParams, noContent, UNDO_HEADER } from './route-schemas.js';
import { answers } from './answer-schemas.js';
import { existingId } from './existing-id.js';
import type { ServerContext } from './server-context.js';

// Amounts are read in the user's currency by the handlers (see amountText); the domain schemas give the rest.
const ANY_CURRENCY = { currency: 'EUR' };
export const goalBody = goalInput(ANY_CURRENCY)
  .extend({ target: amountText('target') })
  .strict();
export const goalPatch = z
  .object({
    name: nameText('goal name').optional(),
    target: amountText('target').optional(),
    by: isoDate('target date').nullable().optional(),
  })
  .strict();
export const contributionBody = contributionInput(ANY_CURRENCY).extend({ amount: amountText() }).strict();

const tags = ['goals'];

/** Savings goals and the money put aside for them. */
export const goalRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  const goalExists = existingId(ctx, (userId, id) => ctx.goals.get(userId, id));
  app.get(
    '/api/goals',
    {
      schema: {
        tags,
        summary: 'Savings goals, with the saved amount (the sum of their contributions)',
        response: { 200: answers.goals.describe('{items, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return { items: ctx.goals.list(user.id), currency: user.currency };
    },
  );

  app.post(
    '/api/goals',
    {
      schema: {
        tags,
        summary: 'Add a savings goal',
        body: goalBody,
        response: { 201: answers.goal.describe('{goal, currency}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = request.body;
      const goal = ctx.goals.create(user.id, {
        name: input.name,
        target: amountIn(user, input.target, 'target'),
        targetDate: input.by,
      });
      return reply.code(201).send({ goal, currency: user.currency });
    },
  );

  app.patch(
    '/api/goals/:id',
    {
      preValidation: goalExists,
      schema: {
        tags,
        summary: 'Change a goal (by: null clears the target date)',
        params: idParams,
        body: goalPatch,
        response: { 200: answers.goal.describe('{goal, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { id } = request.params;
      const patch = request.body;
      const goal = ctx.goals.edit(user.id, id, {
        name: patch.name,
        target: patch.target === undefined ? undefined : amountIn(user, patch.target, 'target'),
        targetDate: patch.by,
      });
      return { goal, currency: user.currency };
    },
  );

  app.delete(
    '/api/goals/:id',
    {
      schema: {
        tags,
        summary: 'Delete a goal',
        params: idParams,
        response: { 204: noContent(`deleted; the ${UNDO_HEADER} header names its undo operation`) },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const undo = ctx.goals.delete(user.id, request.params.id);
      return reply.code(204).header(UNDO_HEADER, undo.id).send(null);
    },
  );

  app.get(
    '/api/goals/:id/contributions',
    {
      schema: {
        tags,
        summary: "A goal's contributions, oldest first",
        params: idParams,
        response: { 200: answers.contributions.describe('{items, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { id } = request.params;
      ctx.goals.get(user.id, id);
      return { items: ctx.goals.contributions(user.id, id), currency: user.currency };
    },
  );

  app.post(
    '/api/goals/:id/contributions',
    {
      preValidation: goalExists,
      schema: {
        tags,
        summary: 'Put money aside for a goal',
        params: idParams,
        body: contributionBody,
        response: { 201: answers.contribution.describe('{contribution, goal, currency}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const { id } = request.params;
      const input = request.body;
      const amount = amountIn(user, input.amount);
      const contribution = ctx.goals.contribute(user.id, id, amount, input.date, input.note);
      return reply
        .code(201)
        .send({ contribution, goal: ctx.goals.get(user.id, id), currency: user.currency });
    },
  );
};
