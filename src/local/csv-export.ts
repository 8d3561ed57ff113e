import { toDecimalString } from '../domain/money.js';
import { csvLine } from '../import/csv-writer.js';
import type { LocalStore } from './local-store.js';

interface ExportRow {
  id: string;
  kind: 'expense' | 'income';
  event_date: string;
  category: string;
  amount: number;
  extra: string | null;
  description: string;
}

export const CSV_EXPORT_HEADER = [
  'Date',
  'Type',
  'Category',
  'Amount',
  'Currency',
  'Method or source',
  'Description',
  'Id',
];

/**
 * A user's live expenses and income as one CSV, oldest first, for spreadsheets and other apps. Amounts are
 * signed (money out is negative) with "." decimals, the shape `pfm import` reads back.
 */
export function exportCsv(store: LocalStore, userId: string, currency: string): string {
  const rows = store
    .sql(
      `SELECT x.id AS id, 'expense' AS kind, x.expense_date AS event_date, c.name AS category, x.amount,
              x.payment_method AS extra, x.description
         FROM expense x JOIN category c ON c.id = x.category_id WHERE x.user_id = ? AND x.deleted = 0
       UNION ALL
       SELECT x.id, 'income', x.income_date, c.name, x.amount, x.source, x.description
         FROM income x JOIN category c ON c.id = x.category_id WHERE x.user_id = ? AND x.deleted = 0
       ORDER BY event_date, id`,
    )
    .all(userId, userId) as ExportRow[];
  const lines = [csvLine(CSV_EXPORT_HEADER)];
  for (const r of rows) {
    const signed = r.kind === 'expense' ? -r.amount : r.amount;
    lines.push(
      csvLine([
        r.event_date,
        r.kind,
        r.category,
        toDecimalString(signed, currency),
        currency,
        r.extra,
        r.description,
        r.id,
      ]),
    );
  }
  return lines.join('');
}
