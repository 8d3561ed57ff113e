import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RowStatus } from '../../domain/accounts.js';
import type { Category, Expense, Income, Page } from '../../domain/entities.js';
import {
  expenseInput,
  expensePatch,
  incomeInput,
  incomePatch,
  listQuery,
  nameText,
  type CategoryKind,
  type ListQuery,
  type SplitPartInput,
} from '../../domain/schemas.js';
import type { SplitPart } from '../../domain/splits.js';
import { NotFoundError } from '../../domain/validation.js';
import type { MoneyEventFilter, MoneyEventRepository } from '../../local/money-event-repository.js';
import { EXPORT_LIMIT, eventsCsv } from './events-csv.js';
import { splitPartsOf } from '../../local/split-input.js';
import { badRequest } from '../http-errors.js';
import { accountIdFor, filterAccountId, withBodyFields } from './account-refs.js';
import { answers } from './answer-schemas.js';
import { existingId } from './existing-id.js';
import { amountIn, amountText, confirmedDelete, idParams, UNDO_HEADER } from './route-schemas.js';
import type { ServerContext } from './server-context.js';

/** A new expense or income as the routes read it: `method` or `source` is its `extra`. */
interface EventBody {
  readonly amount: string | number;
  readonly date: string;
  /** Required unless the event is split: then its category is the first part's. */
  readonly category?: string | undefined;
  readonly extra: string | undefined;
  readonly note: string;
  /** An account id or name; the user's first account when left out. */
  readonly account?: string | undefined;
  readonly status?: RowStatus | undefined;
  readonly splits?: readonly SplitPartInput[] | null | undefined;
  readonly payee?: string | null | undefined;
  readonly tags?: string[] | undefined;
}

/** A change to one: a field left out stays; `extra: null` clears it. */
interface EventPatch {
  readonly amount?: string | number | undefined;
  readonly date?: string | undefined;
  readonly category?: string | undefined;
  readonly extra?: string | null | undefined;
  readonly note?: string | undefined;
  readonly account?: string | undefined;
  readonly status?: RowStatus | undefined;
  /** New parts, or null to stop splitting. */
  readonly splits?: readonly SplitPartInput[] | null | undefined;
  /** null or "" clears it. */
  readonly payee?: string | null | undefined;
  /** The whole new list; [] clears it. */
  readonly tags?: string[] | undefined;
  /** A reconciled event changes (beyond its status) only when the person confirmed it. */
  readonly confirmReconciled?: boolean | undefined;
}

type OneEvent = z.output<typeof answers.expense> | z.output<typeof answers.income>;

/**
 * Expenses and income have the same routes; they differ in `method` vs `source` and the category kind. `E` is
 * the event; the answer about one is `{expense, currency}` or `{income, currency}`.
 */
interface EventKind<E extends Expense | Income> {
  readonly path: '/api/expenses' | '/api/income';
  readonly noun: 'expense' | 'income';
  readonly tag: 'expenses' | 'income';
  readonly extra: 'method' | 'source';
  readonly kind: CategoryKind;
  readonly repo: (ctx: ServerContext) => MoneyEventRepository<E>;
  readonly body: z.ZodType<EventBody>;
  readonly patch: z.ZodType<EventPatch>;
  readonly query: z.ZodType<ListQuery>;
  readonly page: z.ZodType<Page<E> & { readonly currency: string }>;
  readonly one: typeof answers.expense | typeof answers.income;
  readonly answerOf: (event: E, currency: string) => OneEvent;
}

export const incomeListQuery = listQuery
  .omit({ method: true })
  .extend({ source: nameText('source', 80).optional() })
  .transform(({ source, ...rest }) => ({ ...rest, method: source }));

/** The repository names the account's id; the body names it `account`. */
const BODY_FIELDS = { accountId: 'account', categoryId: 'category' };

// Amounts are read in the user's currency by the handlers (see amountText); the domain schemas give the rest.
const ANY_CURRENCY = { currency: 'EUR' };
const amount = amountText();
// A split event's category is its first part's, so a new one needs `category` only when not split.
const splitCategory = { amount, category: nameText('category').optional() };

const EXPENSES: EventKind<Expense> = {
  path: '/api/expenses',
  noun: 'expense',
  tag: 'expenses',
  extra: 'method',
  kind: 'expense',
  repo: (c) => c.expenses,
  body: expenseInput(ANY_CURRENCY)
    .extend(splitCategory)
    .strict()
    .transform(({ method, ...rest }) => ({ ...rest, extra: method })),
  patch: expensePatch(ANY_CURRENCY)
    .extend({ amount: amount.optional() })
    .strict()
    .transform(({ method, ...rest }) => ({ ...rest, extra: method })),
  query: listQuery,
  page: answers.expenses,
  one: answers.expense,
  answerOf: (expense, currency) => ({ expense, currency }),
};

const INCOME: EventKind<Income> = {
  path: '/api/income',
  noun: 'income',
  tag: 'income',
  extra: 'source',
  kind: 'income',
  repo: (c) => c.income,
  body: incomeInput(ANY_CURRENCY)
    .extend(splitCategory)
    .strict()
    .transform(({ source, ...rest }) => ({ ...rest, extra: source })),
  patch: incomePatch(ANY_CURRENCY)
    .extend({ amount: amount.optional() })
    .strict()
    .transform(({ source, ...rest }) => ({ ...rest, extra: source })),
  query: incomeListQuery,
  page: answers.incomes,
  one: answers.income,
  answerOf: (income, currency) => ({ income, currency }),
};

export const expenseRoutes = eventRoutes(EXPENSES);
export const incomeRoutes = eventRoutes(INCOME);

function eventRoutes<E extends Expense | Income>(
  k: EventKind<E>,
): FastifyPluginAsyncZod<{ ctx: ServerContext }> {
  const { path, noun, extra, tag } = k;
  const tags = [tag];
  const a = noun === 'expense' ? 'an expense' : 'an income';
  return async (app, { ctx }) => {
    const repo = k.repo(ctx);

    /** A category for a new or edited event: a live one of this user, by id or name; else 400 on `category`. */
    const categoryFor = (userId: string, nameOrId: string): Category => {
      try {
        return ctx.categories.resolve(userId, nameOrId, k.kind);
      } catch (e) {
        if (e instanceof NotFoundError) throw badRequest(e.message, 'category');
        throw e;
      }
    };

    /** Typed parts as stored ones; null and undefined as given. Refusals name `splits`. */
    const partsFor = (
      user: { id: string; currency: string },
      parts: readonly SplitPartInput[] | null | undefined,
    ): SplitPart[] | null | undefined =>
      parts ? splitPartsOf(ctx.categories, user.id, k.kind, { currency: user.currency }, parts) : parts;

    /** A category to filter by: by id (deleted ones too, their events still show) or by name. */
    const filterCategory = (userId: string, nameOrId: string): string => {
      const all = ctx.categories.list(userId, k.kind, true);
      const wanted = nameOrId.trim().toLowerCase();
      const found =
        all.find((c) => c.id === nameOrId) ??
        all.find((c) => !c.deleted && c.name.toLowerCase() === wanted) ??
        all.find((c) => c.name.toLowerCase() === wanted);
      if (!found) throw badRequest(`no ${k.kind} category "${nameOrId}"`, 'category');
      return found.id;
    };

    /** What the list query keeps, as the repository's filter; 400 on a range that ends before it starts. */
    const filterOf = (userId: string, q: ListQuery): MoneyEventFilter => {
      if (q.from && q.to && q.from > q.to) throw badRequest(`to (${q.to}) is before from (${q.from})`, 'to');
      return {
        from: q.from,
        to: q.to,
        categoryId: q.category ? filterCategory(userId, q.category) : undefined,
        accountId: q.account ? filterAccountId(ctx, userId, q.account) : undefined,
        status: q.status,
        extra: q.method,
        search: q.search || undefined,
        payee: q.payee,
        tag: q.tag,
        sort: q.sort,
        order: q.order,
      };
    };

    app.get(
      path,
      {
        schema: {
          tags,
          summary: `One page of ${tag}: filtered, sorted and paginated by the server`,
          description: `Amounts are minor units of \`currency\`. \`category\` and \`account\` are ids or names; \`status\` is uncleared, cleared or reconciled; \`search\` looks in the note, category name, payee and ${extra}; \`payee\` (ignoring case) and \`tag\` keep only rows with that payee or carrying that tag.`,
          querystring: k.query,
          response: { 200: k.page.describe('{items, total, limit, offset, currency}') },
        },
      },
      async (request) => {
        const user = ctx.user(request);
        const q = request.query;
        const page = repo.list(user.id, { ...filterOf(user.id, q), limit: q.limit, offset: q.offset });
        return { ...page, currency: user.currency };
      },
    );

    app.get(
      `${path}/export`,
      {
        schema: {
          tags,
          summary: `Every ${noun} the filter keeps, as a CSV file`,
          description:
            'The list query of the list route (limit and offset are ignored: every match, up to ' +
            `${EXPORT_LIMIT.toLocaleString('en')}, in the list's order). Amounts are decimal text in the user's currency.`,
          querystring: k.query,
          response: {
            200: {
              description: 'the CSV file',
              content: {
                'text/csv': { schema: z.string().describe('one header line, then one line per row') },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const user = ctx.user(request);
        const page = repo.list(user.id, {
          ...filterOf(user.id, request.query),
          limit: EXPORT_LIMIT,
          offset: 0,
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="pfm-${tag}.csv"`)
          .send(eventsCsv(page.items, extra, user.currency));
      },
    );

    // The register names a row by its id only; its edit form needs the rest (the method or source, the category).
    app.get(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: `One ${noun}`,
          params: idParams,
          response: { 200: k.one.describe(`{${noun}, currency}`) },
        },
      },
      async (request) => {
        const user = ctx.user(request);
        return k.answerOf(repo.get(user.id, request.params.id), user.currency);
      },
    );

    app.post(
      path,
      {
        schema: {
          tags,
          summary: `Add ${noun === 'expense' ? 'an expense' : 'income'}`,
          description:
            'amount is decimal text in the user\'s currency ("12.50") or a number; category and account are ids ' +
            "or names (account defaults to the user's first account); status defaults to uncleared; payee is " +
            'who was paid (or who paid); tags is a list of words, none empty or holding a comma. splits divides it ' +
            'among categories: at least two parts {category, amount, note?} adding up to amount (then category may ' +
            "be left out: it is the first part's); any problem with them is a 400 naming splits.",
          body: k.body,
          response: { 201: k.one.describe(`{${noun}, currency}`) },
        },
      },
      async (request, reply) => {
        const user = ctx.user(request);
        const input = request.body;
        const minor = amountIn(user, input.amount);
        const splits = partsFor(user, input.splits);
        if (input.category === undefined && !splits) throw badRequest('category is required', 'category');
        // A split's category is its first part's (the repository's rule), so `category` is not read then.
        const categoryId = splits
          ? (splits[0]?.categoryId ?? '')
          : categoryFor(user.id, input.category ?? '').id;
        const accountId = input.account ? accountIdFor(ctx, user.id, input.account, 'account') : undefined;
        const created = withBodyFields(BODY_FIELDS, () =>
          repo.create(user.id, {
            categoryId,
            amount: minor,
            date: input.date,
            extra: input.extra ?? null,
            note: input.note,
            accountId,
            status: input.status,
            splits,
            payee: input.payee,
            tags: input.tags,
          }),
        );
        return reply.code(201).send(k.answerOf(created, user.currency));
      },
    );

    app.patch(
      `${path}/:id`,
      {
        preValidation: existingId(ctx, (userId, id) => repo.get(userId, id)),
        schema: {
          tags,
          summary: `Change some fields of ${a}`,
          description: `Any subset of the fields; ${extra}: null and payee: null clear them; tags replaces the whole list ([] clears it). A reconciled ${noun} changes (but for its status) only with confirmReconciled: true, else 400 naming confirmReconciled. splits: new parts adding up to the amount, or null to stop splitting; a split ${noun}'s amount or category changes only with new parts (else 400 naming amount or category).`,
          params: idParams,
          body: k.patch,
          response: { 200: k.one.describe(`{${noun}, currency}`) },
        },
      },
      async (request) => {
        const user = ctx.user(request);
        const { id } = request.params;
        const patch = request.body;
        const minor = patch.amount === undefined ? undefined : amountIn(user, patch.amount);
        const accountId =
          patch.account === undefined ? undefined : accountIdFor(ctx, user.id, patch.account, 'account');
        const edited = withBodyFields(BODY_FIELDS, () =>
          repo.edit(
            user.id,
            id,
            {
              categoryId: patch.category === undefined ? undefined : categoryFor(user.id, patch.category).id,
              amount: minor,
              date: patch.date,
              extra: patch.extra,
              note: patch.note,
              accountId,
              status: patch.status,
              splits: partsFor(user, patch.splits),
              payee: patch.payee,
              tags: patch.tags,
            },
            { confirmReconciled: patch.confirmReconciled },
          ),
        );
        return k.answerOf(edited, user.currency);
      },
    );

    app.delete(
      `${path}/:id`,
      {
        schema: confirmedDelete(tags, a),
      },
      async (request, reply) => {
        const user = ctx.user(request);
        const confirmReconciled = request.query.confirmReconciled === 'true';
        const undo = repo.delete(user.id, request.params.id, { confirmReconciled });
        return reply.code(204).header(UNDO_HEADER, undo.id).send(null);
      },
    );
  };
}
