import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  contributionInput,
  goalInput,
  isoDate,
  nameText,
  positiveAmount,
  type AmountContext,
} from '../domain/schemas.js';
import { parseBody } from './http-errors.js';
import type { ServerContext } from './server-context.js';

export const goalPatch = (a: AmountContext) =>
  z
    .object({
      name: nameText('goal name').optional(),
      target: positiveAmount(a, 'target').optional(),
      by: isoDate('target date').nullable().optional(),
    })
    .strict();

const DOC: AmountContext = { currency: 'EUR' };
const goalId = (params: unknown) => (params as { id: string }).id;

export function registerGoalRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/goals',
    {
      config: {
        doc: {
          tag: 'goals',
          summary: 'Savings goals, with the saved amount (the sum of their contributions)',
          responses: { 200: '{items, currency}' },
        },
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
      config: {
        doc: {
          tag: 'goals',
          summary: 'Add a savings goal',
          body: goalInput(DOC).strict(),
          responses: { 201: '{goal, currency}' },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = parseBody(goalInput({ currency: user.currency }).strict(), request.body);
      const goal = ctx.goals.create(user.id, {
        name: input.name,
        target: input.target,
        targetDate: input.by,
      });
      return reply.code(201).send({ goal, currency: user.currency });
    },
  );

  app.patch(
    '/api/goals/:id',
    {
      config: {
        doc: {
          tag: 'goals',
          summary: 'Change a goal (by: null clears the target date)',
          body: goalPatch(DOC),
          responses: { 200: '{goal, currency}' },
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const id = goalId(request.params);
      ctx.goals.get(user.id, id);
      const patch = parseBody(goalPatch({ currency: user.currency }), request.body);
      const goal = ctx.goals.edit(user.id, id, {
        name: patch.name,
        target: patch.target,
        targetDate: patch.by,
      });
      return { goal, currency: user.currency };
    },
  );

  app.delete(
    '/api/goals/:id',
    { config: { doc: { tag: 'goals', summary: 'Delete a goal', responses: { 204: 'deleted' } } } },
    async (request, reply) => {
      const user = ctx.user(request);
      ctx.goals.delete(user.id, goalId(request.params));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/goals/:id/contributions',
    {
      config: {
        doc: {
          tag: 'goals',
          summary: "A goal's contributions, oldest first",
          responses: { 200: '{items, currency}' },
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const id = goalId(request.params);
      ctx.goals.get(user.id, id);
      return { items: ctx.goals.contributions(user.id, id), currency: user.currency };
    },
  );

  app.post(
    '/api/goals/:id/contributions',
    {
      config: {
        doc: {
          tag: 'goals',
          summary: 'Put money aside for a goal',
          body: contributionInput(DOC).strict(),
          responses: { 201: '{contribution, goal, currency}' },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const id = goalId(request.params);
      ctx.goals.get(user.id, id);
      const input = parseBody(contributionInput({ currency: user.currency }).strict(), request.body);
      const contribution = ctx.goals.contribute(user.id, id, input.amount, input.date, input.note);
      return reply
        .code(201)
        .send({ contribution, goal: ctx.goals.get(user.id, id), currency: user.currency });
    },
  );
}
