import type { Income } from '../domain/entities.js';
import type { LocalStore } from './local-store.js';
import { MoneyEventRepository, type EventRow } from './money-event-repository.js';

const toIncome = (r: EventRow): Income => ({
  id: r.id,
  userId: r.user_id,
  categoryId: r.category_id,
  categoryName: r.category_name,
  categoryDeleted: r.category_deleted === 1,
  amount: r.amount,
  date: r.event_date,
  source: r.extra,
  note: r.description,
  modifiedAt: r.modified_at,
});

export class IncomeRepository extends MoneyEventRepository<Income> {
  constructor(store: LocalStore) {
    super(
      store,
      { table: 'income', dateColumn: 'income_date', extraColumn: 'source', kind: 'income' },
      toIncome,
    );
  }
}
