import { z } from 'zod';
import { isCurrencyCode } from './currency.js';
import { ACCOUNT_KINDS, ROW_STATUSES } from './accounts.js';
import { isIsoDate, isIsoMonth } from './dates.js';
import { MoneyParseError, parseMoney } from './money.js';
import { normalizeTags } from './tags.js';
import { ValidationError } from './validation.js';

/** How amounts typed by a person are read: the user's currency, and a locale for grouped numbers. */
export interface AmountContext {
  readonly currency: string;
  readonly locale?: string;
}

// Control characters (line breaks included) in names would corrupt terminal tables and CSV rows;
// notes may hold line breaks and tabs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const nameText = (what: string, max = 80) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` })
    .refine((s) => !CONTROL.test(s), { error: `${what} must not contain control characters` });

const noteBase = z
  .string({ error: 'note must be text' })
  .max(500, { error: 'note must be at most 500 characters' })
  .refine((s) => !CONTROL.test(s.replace(/[\n\r\t]/g, '')), {
    error: 'note must not contain control characters',
  });

/** A note on a new row: empty when not given. Patches use `noteBase`, so leaving it out changes nothing. */
export const noteText = noteBase.default('');

export const isoDate = (what = 'date') =>
  z.string({ error: `${what} is required` }).refine(isIsoDate, {
    error: (i) => `${what} "${String(i.input)}" is not a real date written YYYY-MM-DD`,
  });

export const isoMonth = z
  .string({ error: 'month is required' })
  .refine(isIsoMonth, { error: (i) => `month "${String(i.input)}" is not a month written YYYY-MM` });

export const currencyCode = z
  .string({ error: 'currency is required' })
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, {
    error: (i) => `currency "${String(i.input)}" is not an ISO 4217 code such as EUR`,
  });

export const localeTag = z
  .string()
  .trim()
  .refine(
    (s) => {
      try {
        return Intl.getCanonicalLocales(s).length === 1;
      } catch {
        return false;
      }
    },
    { error: (i) => `locale "${String(i.input)}" is not a language tag such as en-US` },
  );

/** A positive amount of money, typed as text ("12.50") or a number of major units, stored as minor units. */
export const positiveAmount = (ctx: AmountContext, what = 'amount') =>
  z.union([z.string(), z.number()], { error: `${what} is required` }).transform((raw, issue) => {
    try {
      const minor = parseMoney(String(raw), ctx.currency, ctx.locale ? { locale: ctx.locale } : {});
      if (minor <= 0) {
        issue.addIssue({ code: 'custom', message: `${what} must be greater than zero` });
        return z.NEVER;
      }
      return minor;
    } catch (e) {
      if (!(e instanceof MoneyParseError)) throw e;
      issue.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
  });

export const categoryKind = z.enum(['expense', 'income'], { error: 'kind must be "expense" or "income"' });
export type CategoryKind = z.infer<typeof categoryKind>;

/**
 * An amount that may be negative or zero (an opening balance, a statement's balance: a credit card's is
 * usually below zero), typed as text ("-1,234.56") or a number of major units, stored as minor units.
 */
export const signedAmount = (ctx: AmountContext, what = 'amount') =>
  z.union([z.string(), z.number()], { error: `${what} is required` }).transform((raw, issue) => {
    try {
      return parseMoney(String(raw), ctx.currency, ctx.locale ? { locale: ctx.locale } : {});
    } catch (e) {
      if (!(e instanceof MoneyParseError)) throw e;
      issue.addIssue({ code: 'custom', message: `${what}: ${e.message}` });
      return z.NEVER;
    }
  });

export const accountKind = z.enum(ACCOUNT_KINDS, {
  error: `kind must be one of ${ACCOUNT_KINDS.join(', ')}`,
});
export const rowStatus = z.enum(ROW_STATUSES, { error: `status must be one of ${ROW_STATUSES.join(', ')}` });

/** An account named by a person: its id, or its name when that is unambiguous. */
export const accountRef = (what = 'account') => nameText(what, 80);

export const accountInput = (ctx: AmountContext) =>
  z.object({
    name: nameText('account name'),
    kind: accountKind.default('checking'),
    openingBalance: signedAmount(ctx, 'openingBalance').default(0),
    openingDate: isoDate('openingDate').nullable().optional(),
    onBudget: z.boolean({ error: 'onBudget must be true or false' }).default(true),
  });

export const accountPatch = (ctx: AmountContext) =>
  z.object({
    name: nameText('account name').optional(),
    kind: accountKind.optional(),
    openingBalance: signedAmount(ctx, 'openingBalance').optional(),
    openingDate: isoDate('openingDate').nullable().optional(),
    onBudget: z.boolean({ error: 'onBudget must be true or false' }).optional(),
    archived: z.boolean({ error: 'archived must be true or false' }).optional(),
  });

export const transferInput = (ctx: AmountContext) =>
  z.object({
    from: accountRef('from'),
    to: accountRef('to'),
    amount: positiveAmount(ctx),
    date: isoDate(),
    note: noteText,
  });

export const transferPatch = (ctx: AmountContext) =>
  z.object({
    from: accountRef('from').optional(),
    to: accountRef('to').optional(),
    amount: positiveAmount(ctx).optional(),
    date: isoDate().optional(),
    note: noteBase.optional(),
    confirmReconciled: z.boolean().optional(),
  });

export const reconcileInput = (ctx: AmountContext) =>
  z.object({
    balance: signedAmount(ctx, 'balance'),
    /** Only compare: mark nothing reconciled even when they agree. */
    dryRun: z.boolean().default(false),
  });

export const password = z
  .string()
  .min(8, { error: 'password must be at least 8 characters' })
  .max(200, { error: 'password must be at most 200 characters' });

export const userInput = z.object({
  name: nameText('user name', 60),
  currency: currencyCode.default('EUR'),
  locale: localeTag.default('en-US'),
  password: password.optional(),
});

export const categoryInput = z.object({ name: nameText('category name'), kind: categoryKind });

/**
 * One part of a split as typed: a category (id or name), an amount as text ("12.50") or a number in the user's
 * currency, and an optional note. Amounts and categories are read with the row (local/split-input.ts), which
 * knows the user's currency and categories; whether the parts add up is domain/splits.ts's checkSplits.
 */
export const splitPartInput = z
  .object({
    category: nameText('the category of a split part'),
    amount: z.union([z.string(), z.number()], { error: 'each split part needs an amount' }),
    note: z.string({ error: 'the note of a split part must be text' }).optional(),
  })
  .strict();
export type SplitPartInput = z.infer<typeof splitPartInput>;
/** A row's parts; null stops splitting (on a change). */
export const splitsInput = z
  .array(splitPartInput, { error: 'splits must be a list of parts {category, amount, note?} or null' })
  .nullable();

/** Who was paid or who paid: trimmed; empty or null means none. */
export const payeeText = z
  .string({ error: 'payee must be text' })
  .trim()
  .max(120, { error: 'payee must be at most 120 characters' })
  .refine((s) => !CONTROL.test(s), { error: 'payee must not contain control characters' })
  .nullable();

/** A row's whole list of tags, in canonical form (domain/tags.ts); [] is none. */
export const tagList = z
  .array(z.string({ error: 'each tag must be text' }), { error: 'tags must be a list of text' })
  .transform((tags, issue) => {
    try {
      return normalizeTags(tags);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      issue.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
  });

/** Filters of expense and income lists by payee (exact, ignoring case) and by one tag. */
export const payeeTagFilter = {
  payee: nameText('payee', 120).optional(),
  tag: nameText('tag', 40).optional(),
};

const method = nameText('payment method', 40).optional();
const source = nameText('source', 80).optional();

export const expenseInput = (ctx: AmountContext) =>
  z.object({
    amount: positiveAmount(ctx),
    date: isoDate(),
    category: nameText('category'),
    method,
    note: noteText,
    account: accountRef().optional(),
    status: rowStatus.optional(),
    splits: splitsInput.optional(),
    payee: payeeText.optional(),
    tags: tagList.optional(),
  });

export const incomeInput = (ctx: AmountContext) =>
  z.object({
    amount: positiveAmount(ctx),
    date: isoDate(),
    category: nameText('category'),
    source,
    note: noteText,
    account: accountRef().optional(),
    status: rowStatus.optional(),
    splits: splitsInput.optional(),
    payee: payeeText.optional(),
    tags: tagList.optional(),
  });

export const expensePatch = (ctx: AmountContext) =>
  z.object({
    amount: positiveAmount(ctx).optional(),
    date: isoDate().optional(),
    category: nameText('category').optional(),
    method: nameText('payment method', 40).nullable().optional(),
    note: noteBase.optional(),
    account: accountRef().optional(),
    status: rowStatus.optional(),
    splits: splitsInput.optional(),
    payee: payeeText.optional(),
    tags: tagList.optional(),
    confirmReconciled: z.boolean().optional(),
  });

export const incomePatch = (ctx: AmountContext) =>
  z.object({
    amount: positiveAmount(ctx).optional(),
    date: isoDate().optional(),
    category: nameText('category').optional(),
    source: nameText('source', 80).nullable().optional(),
    note: noteBase.optional(),
    account: accountRef().optional(),
    status: rowStatus.optional(),
    splits: splitsInput.optional(),
    payee: payeeText.optional(),
    tags: tagList.optional(),
    confirmReconciled: z.boolean().optional(),
  });

export const budgetInput = (ctx: AmountContext) =>
  z.object({ category: nameText('category'), month: isoMonth, limit: positiveAmount(ctx, 'limit') });

/** Copy one month's budgets into another: both months, and not the same one. */
export const budgetCopyInput = z
  .object({ from: isoMonth, to: isoMonth })
  .strict()
  .refine((i) => i.from !== i.to, { error: 'copy to another month than the one copied', path: ['to'] });

export const goalInput = (ctx: AmountContext) =>
  z.object({
    name: nameText('goal name'),
    target: positiveAmount(ctx, 'target'),
    by: isoDate('target date').optional(),
  });

export const contributionInput = (ctx: AmountContext) =>
  z.object({ amount: positiveAmount(ctx), date: isoDate(), note: noteText });

/** One page of a long list: up to `limit` rows (1 to 1000) after the first `offset`. */
export const pageQuery = (defaultLimit: number) =>
  z.object({
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int({ error: 'limit must be a whole number' })
      .min(1, { error: 'limit must be at least 1' })
      .max(1000, { error: 'limit must be at most 1000' })
      .default(defaultLimit),
    offset: z.coerce
      .number({ error: 'offset must be a number' })
      .int({ error: 'offset must be a whole number' })
      .min(0, { error: 'offset must not be negative' })
      .default(0),
  });

export const listQuery = z.object({
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  category: nameText('category').optional(),
  method: nameText('payment method', 40).optional(),
  account: accountRef().optional(),
  status: rowStatus.optional(),
  search: z.string().max(100, { error: 'search must be at most 100 characters' }).optional(),
  ...payeeTagFilter,
  sort: z
    .enum(['date', 'amount', 'category'], { error: 'sort must be date, amount or category' })
    .default('date'),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).default('desc'),
  ...pageQuery(50).shape,
});
export type ListQuery = z.infer<typeof listQuery>;
