import type { AccountKind, RowStatus } from './accounts.js';
import type { CategoryKind } from './schemas.js';

/** What the app shows and returns: camelCase views of the stored rows. Amounts are minor units. */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  readonly createdAt: string;
  readonly hasPassword: boolean;
}

export interface Category {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly kind: CategoryKind;
  readonly deleted: boolean;
}

/** An expense or an income: a dated amount in a category. */
export interface MoneyEvent {
  readonly id: string;
  readonly userId: string;
  readonly categoryId: string;
  readonly categoryName: string;
  /** True when the category was deleted: the event still counts, under the deleted category. */
  readonly categoryDeleted: boolean;
  readonly amount: number;
  readonly date: string;
  readonly note: string;
  readonly modifiedAt: string;
  readonly accountId: string;
  readonly accountName: string;
  /** True when the account was deleted on another device: the event still shows, under it. */
  readonly accountDeleted: boolean;
  readonly status: RowStatus;
  /** Who was paid (or paid); null when not given. */
  readonly payee: string | null;
  /** Canonical tags (domain/tags.ts); empty when none. */
  readonly tags: readonly string[];
  /** The parts of a split row, summing to `amount`, the first in `categoryId`; null when not split. */
  readonly splits: readonly SplitPartView[] | null;
}

/** One part of a split, with its category's name for display. */
export interface SplitPartView {
  readonly categoryId: string;
  readonly categoryName: string;
  readonly amount: number;
  readonly note: string;
}

export interface Expense extends MoneyEvent {
  readonly method: string | null;
}

export interface Income extends MoneyEvent {
  readonly source: string | null;
}

export interface Budget {
  readonly id: string;
  readonly userId: string;
  readonly categoryId: string;
  readonly categoryName: string;
  readonly month: string;
  readonly limit: number;
  /** What is left at the month's end carries into the next month. */
  readonly rollover: boolean;
}

export interface SavingsGoal {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly target: number;
  readonly targetDate: string | null;
  readonly createdOn: string;
  /** The sum of the goal's contributions (append-only rows, so offline additions on two devices both count). */
  readonly saved: number;
  /** The account that holds the goal's money (its contributions are transfers into it); null for none. */
  readonly accountId: string | null;
  readonly accountName: string | null;
}

export interface GoalContribution {
  readonly id: string;
  readonly goalId: string;
  readonly amount: number;
  readonly date: string;
  readonly note: string;
}

/** Where money is. Every account of a user is in the user's currency. */
export interface Account {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly kind: AccountKind;
  readonly openingBalance: number;
  /** Null: no opening date (every row of the account counts). */
  readonly openingDate: string | null;
  /** On budget: its spending is what budgets watch. */
  readonly onBudget: boolean;
  readonly archived: boolean;
  /** Deleted on another device while rows still named it: shown so those rows stay visible. */
  readonly deleted: boolean;
  /** The balance at the end of today. */
  readonly balance: number;
  /** The balance of the rows cleared or reconciled, with the opening balance: what a statement shows. */
  readonly clearedBalance: number;
}

/** Money moved between two of a user's accounts; never spending or income. */
export interface Transfer {
  readonly id: string;
  readonly userId: string;
  readonly fromAccountId: string;
  readonly fromAccountName: string;
  readonly toAccountId: string;
  readonly toAccountName: string;
  readonly amount: number;
  readonly date: string;
  readonly note: string;
  readonly fromStatus: RowStatus;
  readonly toStatus: RowStatus;
  readonly modifiedAt: string;
}

/** One line of an account's register: a row that moved the account's money, with the balance after it. */
export interface RegisterEntry {
  /** "opening": the account's opening balance, on its opening date ('' when it has none). */
  readonly kind: 'opening' | 'expense' | 'income' | 'transfer';
  readonly id: string;
  readonly date: string;
  /** Signed: money in is positive, money out negative. */
  readonly amount: number;
  /** The category, or for a transfer the other account. */
  readonly counterpart: string;
  readonly note: string;
  /** This account's side of the row. */
  readonly status: RowStatus;
  /** The account's balance after this row. */
  readonly balance: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** A repeating expense, income or transfer: a template and when it repeats (src/domain/schedules.ts). */
export interface Schedule {
  readonly id: string;
  readonly userId: string;
  readonly kind: 'expense' | 'income' | 'transfer';
  /** Null for a transfer. */
  readonly categoryId: string | null;
  /** The account of an expense or income; the account a transfer leaves. */
  readonly accountId: string;
  /** The account a transfer reaches; null otherwise. */
  readonly toAccountId: string | null;
  readonly amount: number;
  readonly note: string;
  /** An expense's payment method. */
  readonly method: string | null;
  /** An income's source. */
  readonly source: string | null;
  readonly every: number;
  readonly unit: 'day' | 'week' | 'month' | 'year';
  readonly startDate: string;
  /** 1-31 or -1 (the last day); null: the start date's day. */
  readonly dayOfMonth: number | null;
  readonly endDate: string | null;
  readonly count: number | null;
  readonly autoPost: boolean;
  readonly skipped: readonly string[];
  readonly modifiedAt: string;
}
