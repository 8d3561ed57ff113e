import { addMonths, monthRange } from './dates.js';
import { byNameThenId } from './name-order.js';

/**
 * Accounts, transfers and balances: where a user's money is. Pure: the stores read the rows, these rules
 * say what they add up to. Money is minor units of the user's currency (every account of a user has it).
 */

export const ACCOUNT_KINDS = ['checking', 'savings', 'credit_card', 'cash', 'loan', 'investment'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * Where a row stands against the bank: not yet seen on a statement, seen (cleared), or agreed by a reconcile
 * (reconciled: editing it asks first).
 */
export const ROW_STATUSES = ['uncleared', 'cleared', 'reconciled'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** The name every user's first account gets. */
export const MAIN_ACCOUNT_NAME = 'Main account';

/**
 * The id of a user's first account: the user's own id. Every device (and the central store's migration)
 * derives the same row, so rows moved into it by a migration never conflict.
 */
export function mainAccountId(userId: string): string {
  return userId;
}

/** The field values of a user's first account as it is made (by the user's creation or a migration). */
export function firstAccountValues(userId: string): Record<string, string | number | null> {
  return {
    user_id: userId,
    name: MAIN_ACCOUNT_NAME,
    account_kind: 'checking',
    opening_balance: 0,
    opening_date: null,
    on_budget: 1,
    archived: 0,
  };
}

/** The clock of values a migration gives every store alike: older than any edit, so any edit wins over it. */
export const SCHEMA_CHANGE_HLC = '1970-01-01T00:00:00.000Z-0000-0000000000000000';

/** An account as the balance reports read it. */
export interface AccountOpeningRow {
  readonly account_id: string;
  readonly name: string;
  readonly account_kind: string;
  readonly archived: number | boolean | string;
  readonly opening_balance: number | string;
  /** Null: no opening date (the opening balance always counts). */
  readonly opening_date: string | null;
}

/** The sum of one account's movements in one month (money in positive, out negative). */
export interface MovementMonthRow {
  readonly account_id: string;
  readonly month: string;
  readonly amount: number | string;
}

export interface AccountBalance {
  readonly accountId: string;
  readonly name: string;
  readonly kind: AccountKind;
  readonly archived: boolean;
  readonly balance: number;
}

/**
 * Each account's balance at the end of `asOf`: the opening balance once its date is reached (always when it
 * has none) plus every live expense (out), income (in) and transfer (out of one, into the other) up to that
 * day. Accounts in name order (case-insensitive, then id); `total` is the net worth (debts count negative).
 * Live accounts count, and a deleted one while live rows still name it.
 */
export interface AccountBalanceReport {
  readonly asOf: string;
  readonly currency: string;
  readonly accounts: readonly AccountBalance[];
  readonly total: number;
}

export interface NetWorthMonth {
  readonly month: string;
  /** The balance of each account of the report (same order) at the month's last day. */
  readonly balances: readonly number[];
  readonly total: number;
}

/** Net worth at the end of each month from `from` to `to` (YYYY-MM, inclusive), per account and in total. */
export interface NetWorthReport {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly accounts: readonly {
    readonly accountId: string;
    readonly name: string;
    readonly kind: AccountKind;
  }[];
  readonly months: readonly NetWorthMonth[];
}

const int = (v: number | string | null | undefined): number =>
  v === null || v === undefined ? 0 : Number(v);
const truthy = (v: number | boolean | string): boolean => v === true || Number(v) === 1;

/** Accounts in report order: name case-insensitively, then id (as every store sorts them here). */
function ordered(accounts: readonly AccountOpeningRow[]): AccountOpeningRow[] {
  return [...accounts].sort((a, b) =>
    byNameThenId({ name: a.name, id: a.account_id }, { name: b.name, id: b.account_id }),
  );
}

/** The opening balance as it counts at the end of `date`. */
function openingOn(a: AccountOpeningRow, date: string): number {
  return a.opening_date === null || a.opening_date <= date ? int(a.opening_balance) : 0;
}

/**
 * AccountBalanceReport from rows every store reads alike: the accounts, and their movements summed by month
 * up to `asOf` (the month of `asOf` only up to that day).
 */
export function toBalanceReport(
  asOf: string,
  currency: string,
  accounts: readonly AccountOpeningRow[],
  movements: readonly MovementMonthRow[],
): AccountBalanceReport {
  const moved = new Map<string, number>();
  for (const m of movements) moved.set(m.account_id, (moved.get(m.account_id) ?? 0) + int(m.amount));
  const rows = ordered(accounts).map((a) => ({
    accountId: a.account_id,
    name: a.name,
    kind: a.account_kind as AccountKind,
    archived: truthy(a.archived),
    balance: openingOn(a, asOf) + (moved.get(a.account_id) ?? 0),
  }));
  return { asOf, currency, accounts: rows, total: rows.reduce((t, r) => t + r.balance, 0) };
}

/**
 * NetWorthReport from the accounts and their movements summed by month, for every month up to `to`
 * (earlier months count into the first month's balances).
 */
export function toNetWorthReport(
  from: string,
  to: string,
  currency: string,
  accounts: readonly AccountOpeningRow[],
  movements: readonly MovementMonthRow[],
): NetWorthReport {
  const list = ordered(accounts);
  const index = new Map(list.map((a, i) => [a.account_id, i]));
  const byMonth = [...movements].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const running = list.map(() => 0);
  const months: NetWorthMonth[] = [];
  let next = 0;
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    while (next < byMonth.length && (byMonth[next]?.month ?? '') <= month) {
      const m = byMonth[next++];
      const i = m ? index.get(m.account_id) : undefined;
      if (m && i !== undefined) running[i] = (running[i] ?? 0) + int(m.amount);
    }
    const end = monthRange(month).to;
    const balances = list.map((a, i) => openingOn(a, end) + (running[i] ?? 0));
    months.push({ month, balances, total: balances.reduce((t, b) => t + b, 0) });
  }
  return {
    from,
    to,
    currency,
    accounts: list.map((a) => ({
      accountId: a.account_id,
      name: a.name,
      kind: a.account_kind as AccountKind,
    })),
    months,
  };
}

/**
 * A reconcile: the statement's balance against the balance of the rows already cleared (or reconciled).
 * Only a difference of zero lets the cleared rows become reconciled.
 */
export interface ReconcileResult {
  readonly statementBalance: number;
  readonly clearedBalance: number;
  /** statementBalance - clearedBalance: zero means pfm and the bank agree. */
  readonly difference: number;
}

export function reconcile(clearedBalance: number, statementBalance: number): ReconcileResult {
  return { statementBalance, clearedBalance, difference: statementBalance - clearedBalance };
}
