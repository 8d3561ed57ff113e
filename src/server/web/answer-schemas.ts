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
import { categoryKind } from '../../domain/schemas.js';

// The answers of the web API, after src/domain/entities.ts. An answer is written with the fields named here
// only, so each entity's schema must name all of its fields: `sameFields` below fails to compile otherwise.
// Amounts are integer minor units of `currency`.

const text = z.string();
const minor = z.number().int();
const currency = text.describe("the user's currency (ISO 4217)");

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
});

const goal = z.object({
  id: text,
  userId: text,
  name: text,
  target: minor,
  targetDate: text.nullable(),
  createdOn: text,
  saved: minor,
});

const contribution = z.object({ id: text, goalId: text, amount: minor, date: text, note: text });

/** One page of a list the server filters, sorts and paginates. */
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    currency,
  });

export const answers = {
  user: z.object({ user: userAnswer }),
  session: z.object({ user: userAnswer, csrfToken: text.optional() }),
  categories: z.object({ items: z.array(category) }),
  category: z.object({ category }),
  expenses: page(expense),
  incomes: page(income),
  budgets: z.object({ items: z.array(budget), currency }),
  budget: z.object({ budget, currency }),
  goals: z.object({ items: z.array(goal), currency }),
  goal: z.object({ goal, currency }),
  contributions: z.object({ items: z.array(contribution), currency }),
  contribution: z.object({ contribution, goal, currency }),
  settings: z.object({ autoSyncMinutes: z.number().int(), central: text, syncRunning: z.boolean() }),
};

/** True when an entity and its answer schema name the same fields. */
type SameFields<S extends z.ZodType, E> = [keyof z.output<S>] extends [keyof E]
  ? [keyof E] extends [keyof z.output<S>]
    ? true
    : false
  : false;
export const sameFields: [
  SameFields<typeof userAnswer, User>,
  SameFields<typeof category, Category>,
  SameFields<typeof expense, Expense>,
  SameFields<typeof income, Income>,
  SameFields<typeof budget, Budget>,
  SameFields<typeof goal, SavingsGoal>,
  SameFields<typeof contribution, GoalContribution>,
] = [true, true, true, true, true, true, true];
