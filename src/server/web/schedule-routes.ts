import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPEAT_UNITS, SCHEDULE_KINDS } from '../../domain/schedules.js';
import { isoDate, noteText } from '../../domain/schemas.js';
import { accountIdFor } from './account-refs.js';
import { existingId } from './existing-id.js';
import { badRequest } from '../http-errors.js';
import { toIsoDate } from '../../domain/dates.js';
import { amountIn, amountText, idParams, noContent, UNDO_HEADER } from './route-schemas.js';
import { scheduleAnswers } from './schedule-answers.js';
import type { ServerContext } from './server-context.js';

const whole = (what: string) => z.number({ error: `${what} must be a whole number` }).int();

export const scheduleBody = z
  .object({
    kind: z.enum(SCHEDULE_KINDS),
    amount: amountText(),
    categoryId: z.string().max(80).optional(),
    account: z.string().max(80).optional(),
    to: z.string().max(80).optional(),
    note: noteText,
    method: z.string().max(40).nullable().optional(),
    source: z.string().max(80).nullable().optional(),
    every: whole('every').default(1),
    unit: z.enum(REPEAT_UNITS),
    startDate: isoDate('startDate'),
    dayOfMonth: whole('dayOfMonth').nullable().optional(),
    endDate: isoDate('endDate').nullable().optional(),
    count: whole('count').nullable().optional(),
    autoPost: z.boolean().default(true),
  })
  .strict();
export const schedulePatchBody = z
  .object({
    amount: amountText().optional(),
    categoryId: z.string().max(80).optional(),
    account: z.string().max(80).optional(),
    to: z.string().max(80).optional(),
    note: noteText.optional(),
    method: z.string().max(40).nullable().optional(),
    source: z.string().max(80).nullable().optional(),
    every: whole('every').optional(),
    unit: z.enum(REPEAT_UNITS).optional(),
    startDate: isoDate('startDate').optional(),
    dayOfMonth: whole('dayOfMonth').nullable().optional(),
    endDate: isoDate('endDate').nullable().optional(),
    count: whole('count').nullable().optional(),
    autoPost: z.boolean().optional(),
  })
  .strict();
export const upcomingQuery = z.object({ days: z.coerce.number().int().min(1).max(3660).default(30) });
export const skipBody = z.object({ date: isoDate('date') }).strict();
export const postBody = z.object({ asOf: isoDate('asOf').optional() }).strict();
export const postOccurrenceBody = z
  .object({
    date: isoDate('date').optional().describe('which occurrence; the next one not yet posted when left out'),
    amount: amountText('amount').optional().describe("this row's amount; the schedule's when left out"),
    on: isoDate('on').optional().describe("this row's day; the occurrence's own when left out"),
    note: noteText.optional().describe("this row's note; the schedule's when left out"),
  })
  .strict();

const tags = ['schedules'];

/** Scheduled transactions: list, add, delete, skip, what is coming, and posting what is due. */
export const scheduleRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.get(
    '/api/schedules',
    {
      schema: {
        tags,
        summary: 'Schedules',
        response: { 200: scheduleAnswers.schedules.describe('{items, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return { items: ctx.schedules.list(user.id), currency: user.currency };
    },
  );

  app.post(
    '/api/schedules',
    {
      schema: {
        tags,
        summary: 'Add a schedule',
        description:
          'account and to are account ids or names (account: the first account when left out); categoryId for ' +
          'expenses and income, to for transfers. A schedule with no endDate and no count must not start in ' +
          'the past (400 naming startDate).',
        body: scheduleBody,
        response: { 201: scheduleAnswers.schedule.describe('{schedule, currency}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const b = request.body;
      const schedule = ctx.schedules.create(user.id, {
        ...b,
        amount: amountIn(user, b.amount),
        accountId: b.account === undefined ? user.id : accountIdFor(ctx, user.id, b.account, 'account'),
        toAccountId: b.to === undefined ? null : accountIdFor(ctx, user.id, b.to, 'to'),
      });
      return reply.code(201).send({ schedule, currency: user.currency });
    },
  );

  app.get(
    '/api/schedules/upcoming',
    {
      schema: {
        tags,
        summary: 'Occurrences from today through the next days (30 by default), posted or not',
        querystring: upcomingQuery,
        response: { 200: scheduleAnswers.occurrences.describe('{items, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return { items: ctx.schedules.upcoming(user.id, request.query.days), currency: user.currency };
    },
  );

  app.post(
    '/api/schedules/post',
    {
      schema: {
        tags,
        summary: 'Post every occurrence due by today (or asOf, not after today), automatic or not',
        body: postBody,
        response: { 200: scheduleAnswers.posted.describe('{posted, refused, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const today = toIsoDate(ctx.store.now());
      const asOf = request.body.asOf ?? today;
      if (asOf > today) throw badRequest(`asOf ${asOf} is after today: only what is due posts`, 'asOf');
      return { ...ctx.schedules.post(user.id, { asOf }), currency: user.currency };
    },
  );

  app.post(
    '/api/schedules/:id/post',
    {
      preValidation: existingId(ctx, (userId, id) => ctx.schedules.get(userId, id)),
      schema: {
        tags,
        summary: 'Post one occurrence now, automatic or manual, due or not yet',
        description:
          'Posted under the id derived from the schedule and the occurrence date, so the same occurrence posted ' +
          'on two devices is one row. amount, on and note change this row alone; the schedule stays as it is. ' +
          '400 naming date when it is no occurrence, is skipped or already posted.',
        params: idParams,
        body: postOccurrenceBody,
        response: { 201: scheduleAnswers.occurrence.describe('{occurrence, currency}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const { amount, ...rest } = request.body;
      const occurrence = ctx.schedules.postOccurrence(user.id, request.params.id, {
        ...rest,
        amount: amount === undefined ? undefined : amountIn(user, amount, 'amount'),
      });
      return reply.code(201).send({ occurrence, currency: user.currency });
    },
  );

  app.patch(
    '/api/schedules/:id',
    {
      preValidation: existingId(ctx, (userId, id) => ctx.schedules.get(userId, id)),
      schema: {
        tags,
        summary: 'Change a schedule from now on',
        description:
          'Rows already posted stay as they are. A change of when it repeats (every, unit, startDate, dayOfMonth, ' +
          'endDate, count) keeps the past: the schedule then starts at its next occurrence from today.',
        params: idParams,
        body: schedulePatchBody,
        response: { 200: scheduleAnswers.schedule.describe('{schedule, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { account, to, amount, ...rest } = request.body;
      const schedule = ctx.schedules.edit(user.id, request.params.id, {
        ...rest,
        amount: amount === undefined ? undefined : amountIn(user, amount),
        accountId: account === undefined ? undefined : accountIdFor(ctx, user.id, account, 'account'),
        toAccountId: to === undefined ? undefined : accountIdFor(ctx, user.id, to, 'to'),
      });
      return { schedule, currency: user.currency };
    },
  );

  app.post(
    '/api/schedules/:id/skip',
    {
      preValidation: existingId(ctx, (userId, id) => ctx.schedules.get(userId, id)),
      schema: {
        tags,
        summary: 'Leave one occurrence out',
        params: idParams,
        body: skipBody,
        response: { 200: scheduleAnswers.schedule.describe('{schedule, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const schedule = ctx.schedules.skip(user.id, request.params.id, request.body.date);
      return { schedule, currency: user.currency };
    },
  );

  app.delete(
    '/api/schedules/:id',
    {
      schema: {
        tags,
        summary: 'Delete a schedule; the rows it posted stay',
        params: idParams,
        response: { 204: noContent(`deleted; the ${UNDO_HEADER} header names its undo operation`) },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const undo = ctx.schedules.delete(user.id, request.params.id);
      return reply.code(204).header(UNDO_HEADER, undo.id).send(null);
    },
  );
};
