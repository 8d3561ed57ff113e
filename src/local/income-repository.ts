import type { Income } from '../domain/entities.js';
import type { LocalStore } from './local-store.js';
import { MoneyEventRepository, moneyEventOf, type EventRow } from './money-event-repository.js';

const toIncome = (r: EventRow): Income => ({ ...moneyEventOf(r), source: r.extra });

export class IncomeRepository extends MoneyEventRepository<Income> {
  constructor(store: LocalStore) {
    super(
      store,
      { table: 'income', dateColumn: 'income_date', extraColumn: 'source', kind: 'income' },
      toIncome,
    );
  }
}
