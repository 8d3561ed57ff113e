/**
 * The synced tables and their fields: the one fixed list that SQL identifiers come from, on every store. Each
 * field carries its own clock (field-level last-modified-wins: docs/architecture.md), `deleted` included.
 */
export type FieldType = 'text' | 'integer';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly nullable: boolean;
}

export interface TableSpec {
  readonly name: SyncedTable;
  /** Every synced field, in column order; `id` and the sync columns are not fields. */
  readonly fields: readonly FieldSpec[];
  /** Foreign keys: field -> parent table. Parents always sync before children. */
  readonly references: Readonly<Record<string, SyncedTable>>;
}

export const SYNCED_TABLES = [
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
] as const;

/**
 * The synced tables of the first schema, in push order, written out (not derived from SYNCED_TABLES):
 * migrations written before a later table existed name exactly these, so that a released migration means the
 * same thing whatever tables come later, wherever they go in the push order.
 */
export const FIRST_SYNCED_TABLES = [
  'app_user',
  'category',
  'savings_goal',
  'expense',
  'income',
  'budget',
  'goal_contribution',
] as const satisfies readonly SyncedTable[];

/** Parent-before-child order, the order of pushes and pulls. */
export type SyncedTable = (typeof SYNCED_TABLES)[number];

const text = (name: string, nullable = false): FieldSpec => ({ name, type: 'text', nullable });
const int = (name: string, nullable = false): FieldSpec => ({ name, type: 'integer', nullable });

export const TABLES: Readonly<Record<SyncedTable, TableSpec>> = {
  app_user: {
    name: 'app_user',
    fields: [
      text('name'),
      text('currency'),
      text('locale'),
      text('password_hash', true),
      text('created_at'),
      int('deleted'),
    ],
    references: {},
  },
  category: {
    name: 'category',
    fields: [text('user_id'), text('name'), text('kind'), int('deleted')],
    references: { user_id: 'app_user' },
  },
  // Where money is: every expense and income belongs to one. A user's first account (made with the user, or
  // by the migration that brought accounts for earlier users) has the user's own id, so every store derives
  // the same row. No currency of its own: all of a user's accounts are in the user's currency.
  account: {
    name: 'account',
    fields: [
      text('user_id'),
      text('name'),
      text('account_kind'),
      int('opening_balance'),
      // Null: no opening date, every row of the account counts (the first account of an earlier user).
      text('opening_date', true),
      int('on_budget'),
      int('archived'),
      int('deleted'),
    ],
    references: { user_id: 'app_user' },
  },
  savings_goal: {
    name: 'savings_goal',
    fields: [
      text('user_id'),
      text('name'),
      int('target_amount'),
      text('target_date', true),
      text('created_on'),
      int('deleted'),
      // The account that holds the goal's money: the goal has saved what the account holds, and a
      // contribution is a transfer into it.
      text('account_id', true),
    ],
    references: { user_id: 'app_user', account_id: 'account' },
  },
  expense: {
    name: 'expense',
    fields: [
      text('user_id'),
      text('category_id'),
      int('amount'),
      text('expense_date'),
      text('payment_method', true),
      text('description'),
      int('deleted'),
      text('account_id'),
      // uncleared, cleared (seen on the bank's statement) or reconciled (a reconcile agreed on it).
      text('status'),
      // Who was paid (or paid): filled by imports, suggested as one types; null when not given.
      text('payee', true),
      // JSON array of the row's tags, trimmed, unique ignoring case, sorted; null when it has none.
      text('tags', true),
      // JSON array of {category_id, amount, note} parts summing to the amount; null when the row is not split.
      // The parts, the amount and the category (the first part's) merge as one value (merge.ts).
      text('splits', true),
    ],
    references: { user_id: 'app_user', category_id: 'category', account_id: 'account' },
  },
  income: {
    name: 'income',
    fields: [
      text('user_id'),
      text('category_id'),
      int('amount'),
      text('income_date'),
      text('source', true),
      text('description'),
      int('deleted'),
      text('account_id'),
      // uncleared, cleared (seen on the bank's statement) or reconciled (a reconcile agreed on it).
      text('status'),
      // Who was paid (or paid): filled by imports, suggested as one types; null when not given.
      text('payee', true),
      // JSON array of the row's tags, trimmed, unique ignoring case, sorted; null when it has none.
      text('tags', true),
      // JSON array of {category_id, amount, note} parts summing to the amount; null when the row is not split.
      // The parts, the amount and the category (the first part's) merge as one value (merge.ts).
      text('splits', true),
    ],
    references: { user_id: 'app_user', category_id: 'category', account_id: 'account' },
  },
  // Money moved between two of a user's accounts: one row, so it can never arrive half. Never spending or
  // income. Each side has its own status: each account's statement clears it on its own.
  transfer: {
    name: 'transfer',
    fields: [
      text('user_id'),
      text('from_account_id'),
      text('to_account_id'),
      int('amount'),
      text('transfer_date'),
      text('description'),
      text('from_status'),
      text('to_status'),
      int('deleted'),
    ],
    references: { user_id: 'app_user', from_account_id: 'account', to_account_id: 'account' },
  },
  // A repeating expense, income or transfer: a template and a rule. Each occurrence is posted as an ordinary
  // row whose id derives from (schedule, date), so devices posting the same occurrence offline keep one row.
  schedule: {
    name: 'schedule',
    fields: [
      text('user_id'),
      // expense, income or transfer: which kind of row an occurrence becomes.
      text('schedule_kind'),
      // Null for a transfer.
      text('category_id', true),
      // The account of an expense or income; the account a transfer leaves.
      text('account_id'),
      // The account a transfer reaches; null otherwise.
      text('to_account_id', true),
      int('amount'),
      text('description'),
      text('payment_method', true),
      text('source', true),
      int('repeat_every'),
      text('repeat_unit'),
      text('start_date'),
      // 1-31, or -1 for the month's last day; null: the start date's day (months and years only).
      int('day_of_month', true),
      // An end date, a count of occurrences, or neither (no end).
      text('end_date', true),
      int('occurrence_count', true),
      // 1: posted when due; 0: listed as due, posted by hand.
      int('auto_post'),
      // JSON array of the skipped occurrence dates: one value, merged as a whole.
      text('skipped'),
      int('deleted'),
    ],
    references: {
      user_id: 'app_user',
      category_id: 'category',
      account_id: 'account',
      to_account_id: 'account',
    },
  },
  budget: {
    name: 'budget',
    fields: [
      text('user_id'),
      text('category_id'),
      text('month'),
      int('limit_amount'),
      int('deleted'),
      // 1: what was left (or overspent) carries into the next month's budget of the category.
      int('rollover'),
    ],
    references: { user_id: 'app_user', category_id: 'category' },
  },
  goal_contribution: {
    name: 'goal_contribution',
    fields: [
      text('user_id'),
      text('goal_id'),
      int('amount'),
      text('contributed_on'),
      text('description'),
      int('deleted'),
    ],
    references: { user_id: 'app_user', goal_id: 'savings_goal' },
  },
  // A value that lost a merge, kept so it can be seen and restored. Synced like the rest, so every device of
  // the user sees it (the one whose value lost included) and settling it on one settles it on all. Its id
  // derives from (row, field, lost clock, lost value): devices that find the same loss keep one row.
  sync_conflict: {
    name: 'sync_conflict',
    fields: [
      text('user_id'),
      text('table_name'),
      text('row_id'),
      text('field_name'),
      // Values as JSON text (a number, a string or null), so each keeps its type on every store.
      text('kept_value', true),
      text('kept_hlc'),
      text('lost_value', true),
      text('lost_hlc'),
      text('detected_at'),
      text('resolution', true),
      text('resolved_at', true),
      int('deleted'),
    ],
    references: { user_id: 'app_user' },
  },
};

/** The tables that hold a user's data, as opposed to the record of their sync (conflicts). */
export const DATA_TABLES = SYNCED_TABLES.filter(
  (t): t is Exclude<SyncedTable, 'sync_conflict'> => t !== 'sync_conflict',
);

export type FieldValue = string | number | null;

/** A synced row as it travels between stores: id, field values, and the sync metadata. */
export interface SyncRow {
  readonly id: string;
  readonly values: Readonly<Record<string, FieldValue>>;
  /** HLC of the row's latest change. */
  readonly hlc: string;
  /** HLC of each field's latest change. */
  readonly clock: Readonly<Record<string, string>>;
  readonly modifiedAt: string;
}

export function fieldNames(table: SyncedTable): string[] {
  return TABLES[table].fields.map((f) => f.name);
}

/**
 * Every synced row belongs to one user: an `app_user` row to itself, every other row to its `user_id`. The one
 * statement of that rule; `ownerColumn` names the column (for SQL), `rowOwner` reads it from a row.
 */
export function ownerColumn(table: SyncedTable): 'id' | 'user_id' {
  return table === 'app_user' ? 'id' : 'user_id';
}

/** The owner a row claims (its own id for a user row, else its user_id), unchecked: the caller compares it. */
export function rowOwner(
  table: SyncedTable,
  row: { readonly id: string; readonly values: Readonly<Record<string, unknown>> },
): unknown {
  return ownerColumn(table) === 'id' ? row.id : row.values.user_id;
}
