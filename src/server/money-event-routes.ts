import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Category, Expense, Income, User } from '../domain/entities.js';
import {
  expenseInput,
  expensePatch,
  incomeInput,
  incomePatch,
  listQuery,
  nameText,
  type AmountContext,
  type CategoryKind,
} from '../domain/schemas.js';
import { NotFoundError } from '../domain/validation.js';
import type { MoneyEventRepository } from '../local/money-event-repository.js';
import { badRequest, parseBody, parseQuery } from './http-errors.js';
import type { ServerContext } from './server-context.js';

/** Expenses and income have the same routes; they differ in `method` vs `source` and the category kind. */
interface EventKind {
  readonly path: '/api/expenses' | '/api/income';
  readonly noun: 'expense' | 'income';
  readonly extra: 'method' | 'source';
  readonly kind: CategoryKind;
  readonly repo: (ctx: ServerContext) => MoneyEventRepository<Expense> | MoneyEventRepository<Income>;
  readonly input: (ctx: AmountContext) => z.ZodType;
  readonly patch: (ctx: AmountContext) => z.ZodType;
  readonly query: z.ZodType<z.output<typeof listQuery>>;
}

export const incomeListQuery = listQuery
  .omit({ method: true })
  .extend({ source: nameText('source', 80).optional() })
  .transform(({ source, ...rest }) => ({ ...rest, method: source }));

const KINDS: readonly EventKind[] = [
  {
    path: '/api/expenses',
    noun: 'expense',
    extra: 'method',
    kind: 'expense',
    repo: (c) => c.expenses,
    input: (a) => expenseInput(a).strict(),
    patch: (a) => expensePatch(a).strict(),
    query: listQuery,
  },
  {
    path: '/api/income',
    noun: 'income',
    extra: 'source',
    kind: 'income',
    repo: (c) => c.income,
    input: (a) => incomeInput(a).strict(),
    patch: (a) => incomePatch(a).strict(),
    query: incomeListQuery as unknown as z.ZodType<z.output<typeof listQuery>>,
  },
];

/** Amounts arrive as plain decimal text ("1234.50") or a JSON number, in the user's currency. */
const amountContext = (user: User): AmountContext => ({ currency: user.currency });
/** The schemas with a placeholder currency, for the OpenAPI description. */
const DOC_CONTEXT: AmountContext = { currency: 'EUR' };

export function registerExpenseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  registerEventRoutes(app, ctx, KINDS[0] as EventKind);
}

export function registerIncomeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  registerEventRoutes(app, ctx, KINDS[1] as EventKind);
}

function registerEventRoutes(app: FastifyInstance, ctx: ServerContext, k: EventKind): void {
  const { path, noun, extra } = k;
  const tag = noun === 'expense' ? 'expenses' : 'income';
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

  app.get(
    path,
    {
      config: {
        doc: {
          tag,
          summary: `One page of ${tag}: filtered, sorted and paginated by the server`,
          description: `Amounts are minor units of \`currency\`. \`category\` is an id or a name; \`search\` looks in the note, category name and ${extra}.`,
          query: k.query,
          responses: { 200: '{items, total, limit, offset, currency}' },
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const q = parseQuery(k.query, request.query);
      if (q.from && q.to && q.from > q.to) throw badRequest(`to (${q.to}) is before from (${q.from})`, 'to');
      const page = repo.list(user.id, {
        from: q.from,
        to: q.to,
        categoryId: q.category ? filterCategory(user.id, q.category) : undefined,
        extra: q.method,
        search: q.search || undefined,
        sort: q.sort,
        order: q.order,
        limit: q.limit,
        offset: q.offset,
      });
      return { ...page, currency: user.currency };
    },
  );

  app.post(
    path,
    {
      config: {
        doc: {
          tag,
          summary: `Add ${noun === 'expense' ? 'an expense' : 'income'}`,
          description:
            'amount is decimal text in the user\'s currency ("12.50") or a number; category is an id or a name.',
          body: k.input(DOC_CONTEXT),
          responses: { 201: `{${noun}, currency}` },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = parseBody(k.input(amountContext(user)), request.body) as Record<string, unknown> & {
        amount: number;
        date: string;
        category: string;
        note: string;
      };
      const category = categoryFor(user.id, input.category);
      const created = repo.create(user.id, {
        categoryId: category.id,
        amount: input.amount,
        date: input.date,
        extra: (input[extra] as string | undefined) ?? null,
        note: input.note,
      });
      return reply.code(201).send({ [noun]: created, currency: user.currency });
    },
  );

  app.patch(
    `${path}/:id`,
    {
      config: {
        doc: {
          tag,
          summary: `Change some fields of ${noun === 'expense' ? 'an expense' : 'an income'}`,
          description: `Any subset of the fields; ${extra}: null clears it.`,
          body: k.patch(DOC_CONTEXT),
          responses: { 200: `{${noun}, currency}` },
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const id = (request.params as { id: string }).id;
      repo.get(user.id, id); // 404 first: another user's id is never told apart from a missing one
      const patch = parseBody(k.patch(amountContext(user)), request.body) as Record<string, unknown> & {
        amount?: number;
        date?: string;
        category?: string;
        note?: string;
      };
      const edited = repo.edit(user.id, id, {
        categoryId: patch.category === undefined ? undefined : categoryFor(user.id, patch.category).id,
        amount: patch.amount,
        date: patch.date,
        extra: patch[extra] as string | null | undefined,
        note: patch.note,
      });
      return { [noun]: edited, currency: user.currency };
    },
  );

  app.delete(
    `${path}/:id`,
    {
      config: {
        doc: {
          tag,
          summary: `Delete ${noun === 'expense' ? 'an expense' : 'an income'}`,
          responses: { 204: 'deleted' },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      repo.delete(user.id, (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
}
