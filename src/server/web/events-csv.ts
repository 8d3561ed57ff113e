import type { Expense, Income } from '../../domain/entities.js';
import { toDecimalString } from '../../domain/money.js';
import { csvLine, type CsvCell } from '../../import/csv-writer.js';

/** The most rows one export writes: far above a person's list, low enough to answer in a moment. */
export const EXPORT_LIMIT = 100_000;

/**
 * A list of expenses or income as a spreadsheet reads it: one header line, then a line per row, amounts as
 * decimal text of the currency, a split's parts in its category cell ("Food 12.00; Household 7.50").
 */
export function eventsCsv(
  items: readonly (Expense | Income)[],
  extra: 'method' | 'source',
  currency: string,
): string {
  const header = [
    'Date',
    'Category',
    'Amount',
    'Currency',
    'Payee',
    extra === 'method' ? 'Payment method' : 'Source',
    'Note',
    'Tags',
    'Account',
    'Status',
    'Id',
  ];
  const lines = items.map((e): CsvCell[] => [
    e.date,
    e.splits
      ? e.splits.map((p) => `${p.categoryName} ${toDecimalString(p.amount, currency)}`).join('; ')
      : e.categoryName,
    toDecimalString(e.amount, currency),
    currency,
    e.payee,
    'method' in e ? e.method : e.source,
    e.note,
    e.tags.join(', '),
    e.accountName,
    e.status,
    e.id,
  ]);
  return [header, ...lines].map(csvLine).join('');
}
