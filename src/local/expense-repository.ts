import type { Expense } from '../domain/entities.js';
import type { LocalStore } from './local-store.js';
import { MoneyEventRepository, moneyEventOf, type EventRow } from './money-event-repository.js';

const toExpense = (r: EventRow): Expense => ({ ...moneyEventOf(r), method: r.extra });

export class ExpenseRepository extends MoneyEventRepository<Expense> {
  constructor(store: LocalStore) {
    super(
      store,
      { table: 'expense', dateColumn: 'expense_date', extraColumn: 'payment_method', kind: 'expense' },
      toExpense,
    );
  }
}
