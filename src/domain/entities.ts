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
}

export interface GoalContribution {
  readonly id: string;
  readonly goalId: string;
  readonly amount: number;
  readonly date: string;
  readonly note: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
