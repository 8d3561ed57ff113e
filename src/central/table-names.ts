import { FIRST_SYNCED_TABLES, TABLES, type SyncedTable } from '../domain/tables.js';

/**
 * The one fixed map from synced table names to central table names (the `finance_*` names of the original
 * specification), shared by every dialect. Central SQL identifiers come only from here and from TABLES.
 */
export const CENTRAL_TABLE_NAMES: Readonly<Record<SyncedTable, string>> = {
  app_user: 'finance_user',
  category: 'finance_category',
  account: 'finance_account',
  savings_goal: 'finance_savings_goal',
  expense: 'finance_expense',
  income: 'finance_income',
  transfer: 'finance_transfer',
  budget: 'finance_budget',
  goal_contribution: 'finance_goal_contribution',
  sync_conflict: 'finance_sync_conflict',
};

/** The synced tables of central schema 1 (the first schema's, on every store). */
export const SCHEMA_1_TABLES = FIRST_SYNCED_TABLES;

/** The column that says which user a row belongs to (the rule lives in domain/tables.ts). */
export { ownerColumn } from '../domain/tables.js';

/** The columns of a synced central row, in order: id, the table's fields, then the sync columns. */
export function centralColumns(table: SyncedTable): string[] {
  return [
    'id',
    ...TABLES[table].fields.map((f) => f.name),
    'hlc',
    'clock',
    'modified_at',
    'server_seq',
    'origin',
  ];
}
