import {
  FIRST_SYNCED_TABLES,
  TABLES,
  ownerColumn,
  type FieldSpec,
  type SyncedTable,
} from '../domain/tables.js';

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
  schedule: 'finance_schedule',
  budget: 'finance_budget',
  goal_contribution: 'finance_goal_contribution',
  sync_conflict: 'finance_sync_conflict',
};

/** The synced tables of central schema 1 (the first schema's, on every store). */
export const SCHEMA_1_TABLES = FIRST_SYNCED_TABLES;

/**
 * The synced tables of central schema 6, written out: the record counts of that version name exactly these,
 * whatever tables later versions add.
 */
export const SCHEMA_6_TABLES = [
  'app_user',
  'category',
  'account',
  'savings_goal',
  'expense',
  'income',
  'transfer',
  'budget',
  'goal_contribution',
  'sync_conflict',
] as const satisfies readonly SyncedTable[];

/** The synced tables of central schema 7 (schedules), written out as SCHEMA_6_TABLES is. */
export const SCHEMA_7_TABLES = [
  'app_user',
  'category',
  'account',
  'savings_goal',
  'expense',
  'income',
  'transfer',
  'schedule',
  'budget',
  'goal_contribution',
  'sync_conflict',
] as const satisfies readonly SyncedTable[];

/**
 * The fields each central schema version added to a table that existed before it (a new table brings all of
 * its own). Written out once per version, never changed.
 */
const FIELDS_ADDED: Readonly<Record<number, Partial<Record<SyncedTable, readonly string[]>>>> = {
  6: { savings_goal: ['account_id'], expense: ['account_id', 'status'], income: ['account_id', 'status'] },
  8: {
    expense: ['payee', 'tags', 'splits'],
    income: ['payee', 'tags', 'splits'],
    budget: ['rollover'],
  },
};

/**
 * A table's fields as central schema `version` had them. Released migrations build their statements from
 * these rather than from today's TABLES, so their text (and what they do on an empty database) never changes.
 */
export function fieldsAt(table: SyncedTable, version: number): readonly FieldSpec[] {
  const later = Object.entries(FIELDS_ADDED)
    .filter(([v]) => Number(v) > version)
    .flatMap(([, tables]) => tables[table] ?? []);
  return TABLES[table].fields.filter((f) => !later.includes(f.name));
}

/**
 * What a plain INSERT on a central table (an admin's, a job's) may leave out, with the column whose value it
 * then takes: a money row's account defaults to its user's first account, whose id is the user's own.
 */
export function insertDefaults(table: SyncedTable, fields: readonly FieldSpec[]): [string, string][] {
  return fields.some((f) => f.name === 'account_id' && !f.nullable)
    ? [['account_id', ownerColumn(table)]]
    : [];
}

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
