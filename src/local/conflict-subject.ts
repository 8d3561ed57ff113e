import type { DATA_TABLES } from '../domain/tables.js';
import type { LocalStore } from './local-store.js';

/** What a conflict is about, as its row is now: a day, an amount and a name or note, where the row has them. */
export interface ConflictSubject {
  readonly date: string | null;
  readonly amount: number | null;
  readonly text: string;
}

type DataTable = (typeof DATA_TABLES)[number];

// Per table, the statement that reads a row's subject: fixed text, so identifiers never come from input.
const SUBJECT_SQL: Readonly<Record<DataTable, string>> = {
  app_user: 'SELECT NULL AS date, NULL AS amount, name AS text FROM app_user WHERE id = ?',
  category: 'SELECT NULL AS date, NULL AS amount, name AS text FROM category WHERE id = ?',
  account: 'SELECT NULL AS date, NULL AS amount, name AS text FROM account WHERE id = ?',
  savings_goal:
    'SELECT target_date AS date, target_amount AS amount, name AS text FROM savings_goal WHERE id = ?',
  expense:
    "SELECT x.expense_date AS date, x.amount, coalesce(nullif(x.payee, ''), nullif(x.description, ''), c.name) AS text " +
    'FROM expense x LEFT JOIN category c ON c.id = x.category_id WHERE x.id = ?',
  income:
    "SELECT x.income_date AS date, x.amount, coalesce(nullif(x.payee, ''), nullif(x.description, ''), c.name) AS text " +
    'FROM income x LEFT JOIN category c ON c.id = x.category_id WHERE x.id = ?',
  transfer:
    "SELECT t.transfer_date AS date, t.amount, coalesce(nullif(t.description, ''), f.name || ' → ' || o.name) AS text " +
    'FROM transfer t LEFT JOIN account f ON f.id = t.from_account_id LEFT JOIN account o ON o.id = t.to_account_id ' +
    'WHERE t.id = ?',
  schedule:
    "SELECT s.start_date AS date, s.amount, coalesce(nullif(s.description, ''), c.name, '') AS text " +
    'FROM schedule s LEFT JOIN category c ON c.id = s.category_id WHERE s.id = ?',
  budget:
    "SELECT b.month || '-01' AS date, b.limit_amount AS amount, coalesce(c.name, '') AS text " +
    'FROM budget b LEFT JOIN category c ON c.id = b.category_id WHERE b.id = ?',
  goal_contribution:
    "SELECT gc.contributed_on AS date, gc.amount, coalesce(nullif(gc.description, ''), g.name, '') AS text " +
    'FROM goal_contribution gc LEFT JOIN savings_goal g ON g.id = gc.goal_id WHERE gc.id = ?',
};

/** The subject of a conflict's row; null when the row is not on this device (yet). */
export function conflictSubject(store: LocalStore, table: DataTable, rowId: string): ConflictSubject | null {
  const row = store.sql(SUBJECT_SQL[table]).get(rowId) as ConflictSubject | undefined;
  return row ? { date: row.date, amount: row.amount, text: row.text } : null;
}
