/**
 * Forward-only, numbered migrations of the central schema, SQLite dialect. A released migration is never
 * edited: later changes are new entries. `pfm_schema_version` holds one row per applied migration.
 *
 * The SQLite store arrived when the other dialects were at central schema 5, so its first migration is
 * version 5 and makes that schema whole; it then moves in step with the others.
 *
 * Decisions (the PostgreSQL migrations explain the shared ones):
 * - The `finance_*` tables with the same logical columns, `server_seq` and `origin`; money INTEGER minor
 *   units; dates `YYYY-MM-DD` text; SQLite's default BINARY collation is byte order, as on the device.
 * - `hlc`, `clock` and `modified_at` have defaults and `server_seq` may be NULL only so that a plain INSERT
 *   naming the business columns reaches the trigger that stamps them (sqlite-edit-triggers.ts); every row
 *   at rest has all four.
 * - One writer at a time is SQLite's own rule: the per-user lock rows exist, as elsewhere, but the write
 *   lock of the database is what serializes writers. `pfm_server_seq` is a one-row counter drawn inside the
 *   writing transaction, so seqs commit in the order they were drawn.
 * - No foreign keys, no SQL functions: the reports are statements (sqlite-sql.ts), with the projection of a
 *   goal's date computed as on the device (domain/reports.ts).
 */
import type { SyncedTable } from '../../domain/tables.js';
import type { CentralMigration } from '../central-migration.js';
import { COMPACT_CLOCK_VERSION, compactFromJsonSql } from '../compact-clock-sql.js';
import { CENTRAL_TABLE_NAMES, SCHEMA_7_TABLES, fieldsAt } from '../table-names.js';
import { EDIT_HELPER_TABLES_SQL, sqliteEditTriggersSql } from './sqlite-edit-triggers.js';

const SYNC_COLUMNS = `
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  hlc TEXT NOT NULL DEFAULT '',
  clock TEXT NOT NULL DEFAULT '{}',
  modified_at TEXT NOT NULL DEFAULT '',
  server_seq INTEGER,
  origin TEXT`;

const ID = `id TEXT PRIMARY KEY`;
const USER_ID = `user_id TEXT NOT NULL`;

/** The synced tables of schema 5, written out so that this migration's text never changes. */
const SCHEMA_5_TABLES = [
  'app_user',
  'category',
  'savings_goal',
  'expense',
  'income',
  'budget',
  'goal_contribution',
  'sync_conflict',
] as const satisfies readonly SyncedTable[];

/** The tables that gained fields with accounts (their triggers are made again, for the new columns). */
const ACCOUNT_CHANGED_TABLES = [
  'savings_goal',
  'expense',
  'income',
] as const satisfies readonly SyncedTable[];

/** The tables that gained fields with payees, tags, splits and rollover. */
const SPLIT_CHANGED_TABLES = ['expense', 'income', 'budget'] as const satisfies readonly SyncedTable[];

// The clock of the values migration 6 gives every earlier row: the same on every store, older than any edit.
const MIGRATION_CLOCK = '1970-01-01T00:00:00.000Z-0000-0000000000000000';

function dropEditTriggers(table: SyncedTable): string {
  const name = CENTRAL_TABLE_NAMES[table];
  return ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER ${name}_edit_${op};`).join('\n');
}

export const SQLITE_MIGRATIONS: readonly CentralMigration[] = [
  {
    version: 5,
    name: 'central schema on SQLite',
    sql: `
CREATE TABLE pfm_instance (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  instance_id TEXT NOT NULL
);
INSERT INTO pfm_instance (singleton, instance_id) VALUES (1, lower(hex(randomblob(16))));

CREATE TABLE pfm_server_seq (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  value INTEGER NOT NULL
);
INSERT INTO pfm_server_seq (singleton, value) VALUES (1, 0);
${EDIT_HELPER_TABLES_SQL}
CREATE TABLE finance_user (
  ${ID},
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  locale TEXT NOT NULL,
  password_hash TEXT,
  created_at TEXT NOT NULL,${SYNC_COLUMNS}
);

CREATE TABLE finance_category (
  ${ID},
  ${USER_ID},
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('expense', 'income')),${SYNC_COLUMNS}
);
CREATE INDEX finance_category_feed ON finance_category (user_id, server_seq);

CREATE TABLE finance_savings_goal (
  ${ID},
  ${USER_ID},
  name TEXT NOT NULL,
  target_amount INTEGER NOT NULL CHECK (target_amount > 0),
  target_date TEXT,
  created_on TEXT NOT NULL,${SYNC_COLUMNS}
);
CREATE INDEX finance_savings_goal_feed ON finance_savings_goal (user_id, server_seq);

CREATE TABLE finance_expense (
  ${ID},
  ${USER_ID},
  category_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  expense_date TEXT NOT NULL,
  payment_method TEXT,
  description TEXT NOT NULL DEFAULT '',${SYNC_COLUMNS}
);
CREATE INDEX finance_expense_feed ON finance_expense (user_id, server_seq);
CREATE INDEX finance_expense_user_date ON finance_expense (user_id, expense_date);

CREATE TABLE finance_income (
  ${ID},
  ${USER_ID},
  category_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  income_date TEXT NOT NULL,
  source TEXT,
  description TEXT NOT NULL DEFAULT '',${SYNC_COLUMNS}
);
CREATE INDEX finance_income_feed ON finance_income (user_id, server_seq);
CREATE INDEX finance_income_user_date ON finance_income (user_id, income_date);

CREATE TABLE finance_budget (
  ${ID},
  ${USER_ID},
  category_id TEXT NOT NULL,
  month TEXT NOT NULL,
  limit_amount INTEGER NOT NULL CHECK (limit_amount > 0),${SYNC_COLUMNS}
);
CREATE INDEX finance_budget_feed ON finance_budget (user_id, server_seq);
CREATE INDEX finance_budget_user_month ON finance_budget (user_id, month);

CREATE TABLE finance_goal_contribution (
  ${ID},
  ${USER_ID},
  goal_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  contributed_on TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',${SYNC_COLUMNS}
);
CREATE INDEX finance_goal_contribution_feed ON finance_goal_contribution (user_id, server_seq);
CREATE INDEX finance_goal_contribution_goal ON finance_goal_contribution (goal_id, contributed_on);

CREATE TABLE finance_sync_conflict (
  ${ID},
  ${USER_ID},
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field_name TEXT NOT NULL,
  kept_value TEXT,
  kept_hlc TEXT NOT NULL,
  lost_value TEXT,
  lost_hlc TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('restored', 'dismissed')),
  resolved_at TEXT,${SYNC_COLUMNS}
);
CREATE INDEX finance_sync_conflict_feed ON finance_sync_conflict (user_id, server_seq);

CREATE TABLE sync_user_lock (
  user_id TEXT PRIMARY KEY
);

CREATE TABLE sync_batch (
  user_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  conflicts TEXT,
  PRIMARY KEY (user_id, batch_id)
) WITHOUT ROWID;

CREATE TABLE sync_activity (
  id INTEGER PRIMARY KEY,
  ${USER_ID},
  device_id TEXT NOT NULL,
  sync_type TEXT NOT NULL CHECK (sync_type IN ('Manual', 'Automatic')),
  status TEXT NOT NULL CHECK (status IN ('Success', 'Partial', 'Failed')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  pushed INTEGER NOT NULL DEFAULT 0,
  pulled INTEGER NOT NULL DEFAULT 0,
  conflicts INTEGER NOT NULL DEFAULT 0,
  error_message TEXT,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX sync_activity_user_device ON sync_activity (user_id, device_id, started_at);

CREATE TABLE sync_device_token (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX sync_device_token_user ON sync_device_token (user_id, device_id);
${SCHEMA_5_TABLES.map((t) => sqliteEditTriggersSql(t, fieldsAt(t, 5), 'json')).join('')}`,
  },
  {
    version: 6,
    name: 'accounts and transfers',
    // As on the device (local migration 8): every earlier expense and income moves into its user's first
    // account, whose id is the user's own, and the new values get one fixed clock older than any edit, so the
    // device and the central store hold the same value with the same clock and nothing conflicts. The edit
    // triggers of the changed tables are dropped first (so the migration's own updates are not edits) and made
    // again for the new columns.
    sql: `
${ACCOUNT_CHANGED_TABLES.map(dropEditTriggers).join('')}
CREATE TABLE finance_account (
  ${ID},
  ${USER_ID},
  name TEXT NOT NULL,
  account_kind TEXT NOT NULL
    CHECK (account_kind IN ('checking', 'savings', 'credit_card', 'cash', 'loan', 'investment')),
  opening_balance INTEGER NOT NULL,
  opening_date TEXT,
  on_budget INTEGER NOT NULL CHECK (on_budget IN (0, 1)),
  archived INTEGER NOT NULL CHECK (archived IN (0, 1)),${SYNC_COLUMNS}
);
CREATE INDEX finance_account_feed ON finance_account (user_id, server_seq);

CREATE TABLE finance_transfer (
  ${ID},
  ${USER_ID},
  from_account_id TEXT NOT NULL,
  to_account_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  transfer_date TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  from_status TEXT NOT NULL CHECK (from_status IN ('uncleared', 'cleared', 'reconciled')),
  to_status TEXT NOT NULL CHECK (to_status IN ('uncleared', 'cleared', 'reconciled')),${SYNC_COLUMNS},
  CHECK (from_account_id <> to_account_id)
);
CREATE INDEX finance_transfer_feed ON finance_transfer (user_id, server_seq);
CREATE INDEX finance_transfer_user_date ON finance_transfer (user_id, transfer_date);

INSERT INTO finance_account (id, user_id, name, account_kind, opening_balance, opening_date, on_budget, archived,
    deleted, hlc, clock, modified_at, server_seq)
  SELECT id, id, 'Main account', 'checking', 0, NULL, 1, 0, 0, '${MIGRATION_CLOCK}',
         json_object('user_id', '${MIGRATION_CLOCK}', 'name', '${MIGRATION_CLOCK}',
           'account_kind', '${MIGRATION_CLOCK}', 'opening_balance', '${MIGRATION_CLOCK}',
           'opening_date', '${MIGRATION_CLOCK}', 'on_budget', '${MIGRATION_CLOCK}',
           'archived', '${MIGRATION_CLOCK}', 'deleted', '${MIGRATION_CLOCK}'),
         '1970-01-01T00:00:00.000Z',
         (SELECT value FROM pfm_server_seq WHERE singleton = 1) + row_number() OVER (ORDER BY id)
  FROM finance_user;
UPDATE pfm_server_seq SET value = value + (SELECT count(*) FROM finance_user) WHERE singleton = 1;
${['finance_expense', 'finance_income']
  .map(
    (t) => `
ALTER TABLE ${t} ADD COLUMN account_id TEXT;
ALTER TABLE ${t} ADD COLUMN status TEXT NOT NULL DEFAULT 'uncleared'
  CHECK (status IN ('uncleared', 'cleared', 'reconciled'));
UPDATE ${t} SET account_id = user_id,
  clock = json_set(clock, '$.account_id', '${MIGRATION_CLOCK}', '$.status', '${MIGRATION_CLOCK}');`,
  )
  .join('')}
ALTER TABLE finance_savings_goal ADD COLUMN account_id TEXT;
UPDATE finance_savings_goal SET clock = json_set(clock, '$.account_id', '${MIGRATION_CLOCK}');
${['account', 'transfer', ...ACCOUNT_CHANGED_TABLES].map((t) => sqliteEditTriggersSql(t as SyncedTable, fieldsAt(t as SyncedTable, 6), 'json')).join('')}`,
  },
  {
    version: 7,
    name: 'scheduled transactions',
    // A new table and nothing else: no earlier row changes.
    sql: `
CREATE TABLE finance_schedule (
  ${ID},
  ${USER_ID},
  schedule_kind TEXT NOT NULL CHECK (schedule_kind IN ('expense', 'income', 'transfer')),
  category_id TEXT,
  account_id TEXT NOT NULL,
  to_account_id TEXT,
  amount INTEGER NOT NULL CHECK (amount > 0),
  description TEXT NOT NULL DEFAULT '',
  payment_method TEXT,
  source TEXT,
  repeat_every INTEGER NOT NULL CHECK (repeat_every >= 1),
  repeat_unit TEXT NOT NULL CHECK (repeat_unit IN ('day', 'week', 'month', 'year')),
  start_date TEXT NOT NULL,
  day_of_month INTEGER CHECK (day_of_month = -1 OR day_of_month BETWEEN 1 AND 31),
  end_date TEXT,
  occurrence_count INTEGER CHECK (occurrence_count >= 1),
  auto_post INTEGER NOT NULL CHECK (auto_post IN (0, 1)),
  skipped TEXT NOT NULL DEFAULT '[]',${SYNC_COLUMNS}
);
CREATE INDEX finance_schedule_feed ON finance_schedule (user_id, server_seq);
${sqliteEditTriggersSql('schedule', fieldsAt('schedule', 7), 'json')}`,
  },
  {
    version: 8,
    name: 'payees, tags, split transactions and budget rollover',
    // New fields only: earlier rows take the empty value with the fixed clock of version 6, as on the device
    // (local migration 11). The edit triggers of the changed tables are made again for the new columns.
    sql: `
${SPLIT_CHANGED_TABLES.map(dropEditTriggers).join('\n')}
${['finance_expense', 'finance_income']
  .map(
    (t) => `
ALTER TABLE ${t} ADD COLUMN payee TEXT;
ALTER TABLE ${t} ADD COLUMN tags TEXT;
ALTER TABLE ${t} ADD COLUMN splits TEXT;
UPDATE ${t} SET clock = json_set(clock, '$.payee', '${MIGRATION_CLOCK}', '$.tags', '${MIGRATION_CLOCK}',
  '$.splits', '${MIGRATION_CLOCK}');`,
  )
  .join('')}
ALTER TABLE finance_budget ADD COLUMN rollover INTEGER NOT NULL DEFAULT 0 CHECK (rollover IN (0, 1));
UPDATE finance_budget SET clock = json_set(clock, '$.rollover', '${MIGRATION_CLOCK}');
${SPLIT_CHANGED_TABLES.map((t) => sqliteEditTriggersSql(t, fieldsAt(t, 8), 'json')).join('')}`,
  },
  {
    version: COMPACT_CLOCK_VERSION,
    name: 'compact field clocks',
    // A row's clock keeps only the fields whose clock differs from the row's hlc, as text
    // (src/domain/clock-codec.ts). The edit triggers are dropped first (the conversion is not an edit) and
    // made again for the compact form. The column keeps its JSON default ('{}'), which SQLite cannot change
    // in place: no row keeps it, since the insert trigger stamps every plain INSERT and the sync writes every
    // clock. The tables are those of version 7: this version adds none.
    sql: `
${SCHEMA_7_TABLES.map(dropEditTriggers).join('\n')}
${SCHEMA_7_TABLES.map(
  (t) =>
    `UPDATE ${CENTRAL_TABLE_NAMES[t]} SET clock = ${compactFromJsonSql(
      fieldsAt(t, COMPACT_CLOCK_VERSION).map((f) => f.name),
      'hlc',
      (f) => `json_extract(clock, '$.${f}')`,
    )};\n`,
).join('')}
${SCHEMA_7_TABLES.map((t) => sqliteEditTriggersSql(t, fieldsAt(t, COMPACT_CLOCK_VERSION), 'compact')).join('')}`,
  },
];
