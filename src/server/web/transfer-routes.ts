import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate, pageQuery, transferInput, transferPatch } from '../../domain/schemas.js';
import { badRequest } from '../http-errors.js';
import { accountAnswers } from './account-answers.js';
import { accountIdFor, filterAccountId, withBodyFields } from './account-refs.js';
import { existingId } from './existing-id.js';
import { amountIn, amountText, confirmedDelete, idParams, UNDO_HEADER } from './route-schemas.js';
import type { ServerContext } from './server-context.js';

// Amounts are read in the user's currency by the handlers (see amountText); the domain schemas give the rest.
const ANY_CURRENCY = { currency: 'EUR' };
export const transferBody = transferInput(ANY_CURRENCY).extend({ amount: amountText() }).strict();
export const transferPatchBody = transferPatch(ANY_CURRENCY)
  .extend({ amount: amountText().optional() })
  .strict();
export const transferQuery = pageQuery(50).extend({
  account: z.string().max(80, { error: 'account must be at most 80 characters' }).optional(),
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
});

/** The repository names the accounts' ids; the body names them `from` and `to`. */
const BODY_FIELDS = { fromAccountId: 'from', toAccountId: 'to' };
const tags = ['transfers'];

/** Money moved between two of the user's accounts. */
export const transferRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.get(
    '/api/transfers',
    {
      schema: {
        tags,
        summary: 'Transfers, newest first; account (id or name) keeps those out of or into it',
        querystring: transferQuery,
        response: { 200: accountAnswers.transfers.describe('{items, total, limit, offset, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const q = request.query;
      if (q.from && q.to && q.from > q.to) throw badRequest(`to (${q.to}) is before from (${q.from})`, 'to');
      const page = ctx.transfers.list(user.id, {
        accountId: q.account ? filterAccountId(ctx, user.id, q.account) : undefined,
        from: q.from,
        to: q.to,
        limit: q.limit,
        offset: q.offset,
      });
      return { ...page, currency: user.currency };
    },
  );

  app.post(
    '/api/transfers',
    {
      schema: {
        tags,
        summary: 'Move money from one account to another',
        description: 'from and to are account ids or names; amount is decimal text or a number, above zero.',
        body: transferBody,
        response: { 201: accountAnswers.transfer.describe('{transfer, currency}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = request.body;
      const amount = amountIn(user, input.amount);
      const transfer = withBodyFields(BODY_FIELDS, () =>
        ctx.transfers.create(user.id, {
          fromAccountId: accountIdFor(ctx, user.id, input.from, 'from'),
          toAccountId: accountIdFor(ctx, user.id, input.to, 'to'),
          amount,
          date: input.date,
          note: input.note,
        }),
      );
      return reply.code(201).send({ transfer, currency: user.currency });
    },
  );

  app.get(
    '/api/transfers/:id',
    {
      schema: {
        tags,
        summary: 'One transfer',
        params: idParams,
        response: { 200: accountAnswers.transfer.describe('{transfer, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return { transfer: ctx.transfers.get(user.id, request.params.id), currency: user.currency };
    },
  );

  app.patch(
    '/api/transfers/:id',
    {
      preValidation: existingId(ctx, (userId, id) => ctx.transfers.get(userId, id)),
      schema: {
        tags,
        summary: 'Change a transfer',
        description:
          'A transfer reconciled on either side changes only with confirmReconciled: true (else 400 naming it).',
        params: idParams,
        body: transferPatchBody,
        response: { 200: accountAnswers.transfer.describe('{transfer, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { confirmReconciled, ...patch } = request.body;
      const amount = patch.amount === undefined ? undefined : amountIn(user, patch.amount);
      const transfer = withBodyFields(BODY_FIELDS, () =>
        ctx.transfers.edit(
          user.id,
          request.params.id,
          {
            fromAccountId:
              patch.from === undefined ? undefined : accountIdFor(ctx, user.id, patch.from, 'from'),
            toAccountId: patch.to === undefined ? undefined : accountIdFor(ctx, user.id, patch.to, 'to'),
            amount,
            date: patch.date,
            note: patch.note,
          },
          { confirmReconciled },
        ),
      );
      return { transfer, currency: user.currency };
    },
  );

  app.delete(
    '/api/transfers/:id',
    { schema: confirmedDelete(tags, 'a transfer') },
    async (request, reply) => {
      const user = ctx.user(request);
      const confirmReconciled = request.query.confirmReconciled === 'true';
      const undo = ctx.transfers.delete(user.id, request.params.id, { confirmReconciled });
      return reply.code(204).header(UNDO_HEADER, undo.id).send(null);
    },
  );
};
