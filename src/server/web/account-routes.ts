import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { User } from '../../domain/entities.js';
import { accountInput, accountPatch, pageQuery, reconcileInput, rowStatus } from '../../domain/schemas.js';
import { notFound } from '../http-errors.js';
import { accountAnswers } from './account-answers.js';
import { existingId } from './existing-id.js';
import { amountText, idParams, noContent, signedAmountIn, UNDO_HEADER } from './route-schemas.js';
import type { ServerContext } from './server-context.js';

// Balances are read in the user's currency by the handlers (see amountText); the domain schemas give the rest.
const ANY_CURRENCY = { currency: 'EUR' };
export const accountBody = accountInput(ANY_CURRENCY)
  .extend({ openingBalance: amountText('openingBalance').optional() })
  .strict();
export const accountPatchBody = accountPatch(ANY_CURRENCY)
  .extend({ openingBalance: amountText('openingBalance').optional() })
  .strict();
export const reconcileBody = reconcileInput(ANY_CURRENCY)
  .extend({ balance: amountText('balance') })
  .strict();
export const statusBody = z
  .object({
    kind: z.enum(['expense', 'income', 'transfer'], { error: 'kind must be expense, income or transfer' }),
    rowId: z.string({ error: 'rowId is required' }).min(1, { error: 'rowId is required' }),
    status: rowStatus,
  })
  .strict();
export const accountListQuery = z.object({
  all: z.enum(['true', 'false'], { error: 'all must be true or false' }).optional(),
});
export const registerQuery = pageQuery(100);

const tags = ['accounts'];

/** The answer of `GET /api/accounts`: the accounts with their balances (archived ones too when asked), and the net worth. */
export function accountList(ctx: ServerContext, user: User, includeArchived: boolean) {
  const items = ctx.accounts.list(user.id, { includeArchived });
  const netWorth = ctx.reports.balances(user.id, ctx.today()).total;
  return { items, netWorth, currency: user.currency };
}

/** Accounts: list with balances, add, change, archive, delete; an account's register, row statuses, reconcile. */
export const accountRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  /** A live account of the user, else 404 (deleted on another device counts as gone for changes). */
  const live = (userId: string, id: string) => {
    const account = ctx.accounts.get(userId, id);
    if (account.deleted) throw notFound(`no account with id ${id}`);
    return account;
  };
  const accountExists = existingId(ctx, live);
  const amount = (user: User, raw: string | number | undefined, field: string) =>
    raw === undefined ? undefined : signedAmountIn(user, raw, field);

  app.get(
    '/api/accounts',
    {
      schema: {
        tags,
        summary: 'Accounts with their balances, archived ones with all=true; and the net worth',
        querystring: accountListQuery,
        response: { 200: accountAnswers.accounts.describe('{items, netWorth, currency}') },
      },
    },
    async (request) => accountList(ctx, ctx.user(request), request.query.all === 'true'),
  );

  app.post(
    '/api/accounts',
    {
      schema: {
        tags,
        summary: 'Add an account',
        description:
          'openingBalance is decimal text in the user\'s currency ("-120.50" for a card that owes) or a number.',
        body: accountBody,
        response: { 201: accountAnswers.account.describe('{account, currency}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = request.body;
      const account = ctx.accounts.create(user.id, {
        name: input.name,
        kind: input.kind,
        openingBalance: amount(user, input.openingBalance, 'openingBalance'),
        openingDate: input.openingDate,
        onBudget: input.onBudget,
      });
      return reply.code(201).send({ account, currency: user.currency });
    },
  );

  app.get(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: 'One account with its balance and cleared balance',
        params: idParams,
        response: { 200: accountAnswers.account.describe('{account, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return { account: live(user.id, request.params.id), currency: user.currency };
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      preValidation: accountExists,
      schema: {
        tags,
        summary: 'Change an account; archived: true archives it (false brings it back)',
        description: "An opening date after the account's first row is refused (400 on openingDate).",
        params: idParams,
        body: accountPatchBody,
        response: { 200: accountAnswers.account.describe('{account, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const patch = request.body;
      const account = ctx.accounts.edit(user.id, request.params.id, {
        ...patch,
        openingBalance: amount(user, patch.openingBalance, 'openingBalance'),
      });
      return { account, currency: user.currency };
    },
  );

  app.delete(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Delete an account that holds no rows (archive one that does)',
        params: idParams,
        response: { 204: noContent(`deleted; the ${UNDO_HEADER} header names its undo operation`) },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const undo = ctx.accounts.delete(user.id, request.params.id);
      return reply.code(204).header(UNDO_HEADER, undo.id).send(null);
    },
  );

  app.get(
    '/api/accounts/:id/register',
    {
      schema: {
        tags,
        summary: "An account's rows, newest first, each with the balance after it",
        description: 'The opening balance is a row of its own (kind "opening") when it is not zero.',
        params: idParams,
        querystring: registerQuery,
        response: {
          200: accountAnswers.register.describe('{account, items, total, limit, offset, currency}'),
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { id } = request.params;
      const account = ctx.accounts.get(user.id, id);
      const page = ctx.accounts.register(user.id, id, request.query);
      return { account, ...page, currency: user.currency };
    },
  );

  app.put(
    '/api/accounts/:id/status',
    {
      preValidation: accountExists,
      schema: {
        tags,
        summary: "Mark this account's side of a row uncleared, cleared or reconciled",
        description: 'kind and rowId name the row (an expense, an income or a transfer of this account).',
        params: idParams,
        body: statusBody,
        response: { 200: accountAnswers.account.describe('{account, currency} after the change') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { id } = request.params;
      const { kind, rowId, status } = request.body;
      ctx.accounts.setStatus(user.id, id, kind, rowId, status);
      return { account: ctx.accounts.get(user.id, id), currency: user.currency };
    },
  );

  app.post(
    '/api/accounts/:id/reconcile',
    {
      preValidation: accountExists,
      schema: {
        tags,
        summary: "Compare a statement's balance with the cleared balance; when they agree, reconcile",
        description:
          'A difference of zero marks every cleared row reconciled (unless dryRun); any other difference ' +
          'changes nothing and is answered so the person can look for the missing row.',
        params: idParams,
        body: reconcileBody,
        response: { 200: accountAnswers.reconcile.describe('{reconcile, account, currency}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { id } = request.params;
      const { balance, dryRun } = request.body;
      const statement = signedAmountIn(user, balance, 'balance');
      const reconcile = ctx.accounts.reconcile(user.id, id, statement, !dryRun);
      return { reconcile, account: ctx.accounts.get(user.id, id), currency: user.currency };
    },
  );
};
