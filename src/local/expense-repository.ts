import type { Expense } from '../domain/entities.js';
import type { LocalStore } from './local-store.js';
import { MoneyEventRepository, type EventRow } from './money-event-repository.js';

const toExpense = (r: EventRow): Expense => ({
  id: r.id,
  userId: r.user_id,
  categoryId: r.category_id,
  categoryName: r.category_name,
  categoryDeleted: r.category_deleted === 1,
  amount: r.amount,
  date: r.event_date,
  method: r.extra,
  note: r.description,
  modifiedAt: r.modified_at,
});

export class ExpenseRepository extends MoneyEventRepository<Expense> {
  constructor(store: LocalStore) {
    super(
      store,
      { table: 'expense', dateColumn: 'expense_date', extraColumn: 'payment_method', kind: 'expense' },
      toExpense,
    );
  }
}
