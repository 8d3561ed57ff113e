import { z } from 'zod';
import type {
  Budget,
  Category,
  Expense,
  GoalContribution,
  Income,
  SavingsGoal,
  User,
} from '../../domain/entities.js';
import { categoryKind, rowStatus } from '../../domain/schemas.js';
import type { SameFields } from './same-fields.js';

// The answers of the web API, after src/domain/entities.ts. An answer is written with the fields named here
// only, so each entity's schema must name all of its fields: `sameFields` below fails to compile otherwise.
// Amounts are integer minor units of `currency`.

export const text = z.string();
export const minor = z.number().int();
export const count = z.number().int();
export const currency = text.describe("the user's currency (ISO 4217)");
/** A list the domain hands out read-only. */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const userAnswer = z.object({
  id: text,
  name: text,
  currency: text,
  locale: text,
  createdAt: text,
  hasPassword: z.boolean(),
});

const category = z.object({
  id: text,
  userId: text,
  name: text,
  kind: categoryKind,
  deleted: z.boolean(),
});

const moneyEvent = {
  id: text,
  userId: text,
  categoryId: text,
  categoryName: text,
  categoryDeleted: z.boolean(),
  amount: minor,
  date: text,
  note: text,
  modifiedAt: text,
  accountId: text,
  accountName: text,
  accountDeleted: z.boolean(),
  status: rowStatus,
  payee: text.nullable(),
  tags: z.array(text).readonly(),
  splits: z
    .array(z.object({ categoryId: text, categoryName: text, amount: minor, note: text }).readonly())
    .readonly()
    .nullable()
    .describe('the parts of a split row, adding up to amount; null when not split'),
};
const expense = z.object({ ...moneyEvent, method: text.nullable() });
const income = z.object({ ...moneyEvent, source: text.nullable() });

const budget = z.object({
  id: text,
  userId: text,
  categoryId: text,
  categoryName: text,
  month: text,
  limit: minor,
  rollover: z.boolean().describe("what is left at the month's end carries into the next month"),
});

const goal = z.object({
  id: text,
  userId: text,
  name: text,
  target: minor,
  targetDate: text.nullable(),
  createdOn: text,
  saved: minor,
  accountId: text.nullable(),
  accountName: text.nullable(),
});

const contribution = z.object({ id: text, goalId: text, amount: minor, date: text, note: text });

/** One page of a list the server filters, sorts and paginates. */
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: count,
    limit: count,
    offset: count,
    currency,
  });

export const answers = {
  user: z.object({ user: userAnswer }),
  session: z.object({ user: userAnswer, csrfToken: text.optional() }),
  categories: z.object({ items: z.array(category) }),
  category: z.object({ category }),
  expenses: page(expense).extend({
    sum: minor.describe('the amounts of every match added up, not only this page'),
  }),
  incomes: page(income).extend({
    sum: minor.describe('the amounts of every match added up, not only this page'),
  }),
  expense: z.object({ expense, currency }),
  income: z.object({ income, currency }),
  budgets: z.object({ items: z.array(budget), currency }),
  budget: z.object({ budget, currency }),
  goals: z.object({ items: z.array(goal), currency }),
  goal: z.object({ goal, currency }),
  contributions: z.object({ items: z.array(contribution), currency }),
  contribution: z.object({ contribution, goal, currency }),
  settings: z.object({ autoSyncMinutes: count, central: text, syncRunning: z.boolean() }),
  payees: z.object({ items: z.array(text).describe('payees, most used first') }),
  tags: z.object({
    items: z.array(z.object({ tag: text, count: count.describe('live rows carrying it') })),
  }),
};

export const sameFields: [
  SameFields<typeof userAnswer, User>,
  SameFields<typeof category, Category>,
  SameFields<typeof expense, Expense>,
  SameFields<typeof income, Income>,
  SameFields<typeof budget, Budget>,
  SameFields<typeof goal, SavingsGoal>,
  SameFields<typeof contribution, GoalContribution>,
] = [true, true, true, true, true, true, true];
