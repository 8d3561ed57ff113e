import { FIRST_SYNCED_TABLES } from '../domain/tables.js';

/**
 * Forward-only, numbered schema migrations of the device database, run on open. A migration, once
 * released, is never edited: later changes are new entries. `PRAGMA user_version` holds the last applied.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

// Sync columns (docs/architecture.md), shared by every synced table. `base_hlc` is the row's hlc when this
// device last agreed with the central store; conflicts are changes on both sides since then.
const SYNC_COLUMNS = `
  hlc TEXT NOT NULL,
  clock TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  is_synced INTEGER NOT NULL DEFAULT 0 CHECK (is_synced IN (0, 1)),
  sync_timestamp TEXT,
  base_hlc TEXT`;

// The clock of the values migration 8 gives every earlier row: the same on every store, older than any edit.
const MIGRATION_CLOCK = '1970-01-01T00:00:00.000Z-0000-0000000000000000';

const DELETED = `deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE device (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  device_id TEXT NOT NULL,
  last_hlc TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE app_user (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  locale TEXT NOT NULL,
  password_hash TEXT,
  created_at TEXT NOT NULL,
  ${DELETED},${SYNC_COLUMNS}
);

CREATE TABLE category (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('expense', 'income')),
  ${DELETED},${SYNC_COLUMNS}
);
CREATE INDEX category_user ON category (user_id, kind);

CREATE TABLE savings_goal (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  name TEXT NOT NULL,
  target_amount INTEGER NOT NULL CHECK (target_amount > 0),
  target_date TEXT,
  created_on TEXT NOT NULL,
  ${DELETED},${SYNC_COLUMNS}
);
CREATE INDEX savings_goal_user ON savings_goal (user_id);

CREATE TABLE expense (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  category_id TEXT NOT NULL REFERENCES category (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  expense_date TEXT NOT NULL,
  payment_method TEXT,
  description TEXT NOT NULL DEFAULT '',
  ${DELETED},${SYNC_COLUMNS}
);
CREATE INDEX expense_user_date ON expense (user_id, expense_date);
CREATE INDEX expense_category_date ON expense (category_id, expense_date);

CREATE TABLE income (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  category_id TEXT NOT NULL REFERENCES category (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  income_date TEXT NOT NULL,
  source TEXT,
  description TEXT NOT NULL DEFAULT '',
  ${DELETED},${SYNC_COLUMNS}
);
CREATE INDEX income_user_date ON income (user_id, income_date);
CREATE INDEX income_category_date ON income (category_id, income_date);

CREATE TABLE budget (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  category_id TEXT NOT NULL REFERENCES category (id),
  month TEXT NOT NULL,
  limit_amount INTEGER NOT NULL CHECK (limit_amount > 0),
  ${DELETED},${SYNC_COLUMNS}
);
CREATE INDEX budget_user_month ON budget (user_id, month);

CREATE TABLE goal_contribution (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  goal_id TEXT NOT NULL REFERENCES savings_goal (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  contributed_on TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  ${DELETED},${SYNC_COLUMNS}
);
CREATE INDEX goal_contribution_goal ON goal_contribution (goal_id, contributed_on);

-- The push reads only changed rows: one small partial index per table keeps a no-op sync constant-time.
CREATE INDEX app_user_dirty ON app_user (id) WHERE is_synced = 0;
CREATE INDEX category_dirty ON category (user_id) WHERE is_synced = 0;
CREATE INDEX savings_goal_dirty ON savings_goal (user_id) WHERE is_synced = 0;
CREATE INDEX expense_dirty ON expense (user_id) WHERE is_synced = 0;
CREATE INDEX income_dirty ON income (user_id) WHERE is_synced = 0;
CREATE INDEX budget_dirty ON budget (user_id) WHERE is_synced = 0;
CREATE INDEX goal_contribution_dirty ON goal_contribution (user_id) WHERE is_synced = 0;

-- The original specification's sync log, plus a Running state and the counts of each direction.
CREATE TABLE sync_log (
  sync_log_id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  sync_start_time TEXT NOT NULL,
  sync_end_time TEXT,
  records_synced INTEGER NOT NULL DEFAULT 0,
  sync_status TEXT NOT NULL CHECK (sync_status IN ('Running', 'Success', 'Failed', 'Partial')),
  error_message TEXT,
  sync_type TEXT NOT NULL CHECK (sync_type IN ('Manual', 'Automatic')),
  pushed_count INTEGER NOT NULL DEFAULT 0,
  pulled_count INTEGER NOT NULL DEFAULT 0,
  conflict_count INTEGER NOT NULL DEFAULT 0,
  remote TEXT
);
CREATE INDEX sync_log_user ON sync_log (user_id, sync_start_time);

-- Per user, central store and table: how far the pull got (a central server_seq).
CREATE TABLE sync_state (
  user_id TEXT NOT NULL,
  remote TEXT NOT NULL,
  table_name TEXT NOT NULL,
  pull_cursor INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, remote, table_name)
);

-- Every losing version of a field, so that nothing a user entered is lost silently.
CREATE TABLE sync_conflict (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  kept_value TEXT,
  kept_hlc TEXT NOT NULL,
  lost_value TEXT,
  lost_hlc TEXT NOT NULL,
  -- 'local' when this device's value lost, 'central' when the central store's did.
  lost_side TEXT NOT NULL CHECK (lost_side IN ('local', 'central')),
  detected_at TEXT NOT NULL,
  resolved_at TEXT,
  resolution TEXT CHECK (resolution IN ('restored', 'dismissed'))
);
CREATE INDEX sync_conflict_user ON sync_conflict (user_id, resolved_at);
`,
  },
  {
    version: 2,
    name: 'covering indexes for live money events',
    // Lists, counts and report sums filter on (user, deleted, date) and read amount and category: with these
    // they never touch the table rows (100,000 expenses: list 237 -> 37 ms, trend 74 -> 14 ms).
    sql: `
CREATE INDEX expense_user_live ON expense (user_id, deleted, expense_date, id, amount, category_id);
CREATE INDEX income_user_live ON income (user_id, deleted, income_date, id, amount, category_id);
`,
  },
  {
    version: 3,
    name: 'covering indexes carry the searchable text',
    // Text search and the method/source filter count every live row of the user: with the text in the
    // index that count reads the index, not the wide rows (100,000 expenses: search 115 -> 25 ms, method
    // 90 -> 10 ms).
    sql: `
DROP INDEX expense_user_live;
CREATE INDEX expense_user_live
  ON expense (user_id, deleted, expense_date, id, amount, category_id, payment_method, description);
DROP INDEX income_user_live;
CREATE INDEX income_user_live ON income (user_id, deleted, income_date, id, amount, category_id, source, description);
`,
  },
  {
    version: 4,
    name: 'device settings per user',
    // This device's own choices (the automatic sync interval): never synced, since each device decides.
    sql: `
CREATE TABLE device_setting (
  user_id TEXT NOT NULL REFERENCES app_user (id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (user_id, name)
) WITHOUT ROWID;
`,
  },
  {
    version: 5,
    name: "statement imports: category rules, import batches, each imported row's source",
    // Local to the device (docs/imports.md): the duplicate key of an imported row travels as its id,
    // derived from the key, so these tables are the user's record of where rows came from, not sync state.
    sql: `
CREATE TABLE import_rule (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  pattern TEXT NOT NULL CHECK (length(pattern) BETWEEN 1 AND 200),
  category_id TEXT NOT NULL REFERENCES category (id),
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX import_rule_user ON import_rule (user_id, position);

CREATE TABLE import_batch (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  file_name TEXT NOT NULL,
  -- SHA-256 of the file's bytes: the same file imported again is recognized as such in the history.
  fingerprint TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'ofx')),
  imported_at TEXT NOT NULL,
  added INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  skipped_bad INTEGER NOT NULL
);
CREATE INDEX import_batch_user ON import_batch (user_id, imported_at);

CREATE TABLE import_source (
  row_id TEXT PRIMARY KEY,
  row_table TEXT NOT NULL CHECK (row_table IN ('expense', 'income')),
  user_id TEXT NOT NULL REFERENCES app_user (id),
  batch_id TEXT NOT NULL REFERENCES import_batch (id),
  line INTEGER NOT NULL,
  fitid TEXT,
  import_key TEXT NOT NULL
);
CREATE INDEX import_source_batch ON import_source (batch_id);
`,
  },
  {
    version: 6,
    name: 'conflicts travel between devices',
    // Kept conflicts become a synced table (every device of the user sees each one, and settling it on one
    // settles it on all). Whose value lost is no longer stored: the lost clock names the device that wrote it.
    // Conflicts kept before are stamped at the time they were found, by this device, and wait to be pushed.
    sql: `
CREATE TABLE sync_conflict_synced (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field_name TEXT NOT NULL,
  kept_value TEXT,
  kept_hlc TEXT NOT NULL,
  lost_value TEXT,
  lost_hlc TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('restored', 'dismissed')),
  resolved_at TEXT,
  ${DELETED},${SYNC_COLUMNS}
);
INSERT INTO sync_conflict_synced (id, user_id, table_name, row_id, field_name, kept_value, kept_hlc, lost_value,
    lost_hlc, detected_at, resolution, resolved_at, deleted, hlc, clock, modified_at, is_synced)
  SELECT c.id, c.user_id, c.table_name, c.row_id, c.field, c.kept_value, c.kept_hlc, c.lost_value, c.lost_hlc,
         c.detected_at, c.resolution, c.resolved_at, 0, s.hlc,
         json_object('user_id', s.hlc, 'table_name', s.hlc, 'row_id', s.hlc, 'field_name', s.hlc,
           'kept_value', s.hlc, 'kept_hlc', s.hlc, 'lost_value', s.hlc, 'lost_hlc', s.hlc, 'detected_at', s.hlc,
           'resolution', s.hlc, 'resolved_at', s.hlc, 'deleted', s.hlc),
         c.detected_at, 0
  FROM sync_conflict c
  JOIN (SELECT id, detected_at || '-0000-' || (SELECT device_id FROM device) AS hlc FROM sync_conflict) s
    ON s.id = c.id
  WHERE c.user_id IN (SELECT id FROM app_user);
DROP TABLE sync_conflict;
ALTER TABLE sync_conflict_synced RENAME TO sync_conflict;
CREATE INDEX sync_conflict_user ON sync_conflict (user_id, detected_at);
CREATE INDEX sync_conflict_dirty ON sync_conflict (user_id) WHERE is_synced = 0;
UPDATE device SET last_hlc = (SELECT max(hlc) FROM sync_conflict)
  WHERE (SELECT max(hlc) FROM sync_conflict) > last_hlc;
`,
  },
  {
    version: 7,
    name: 'the version agreed on, field by field',
    // Each field's clock in the central version this device last agreed with: a change since then is a clock
    // that differs from it, which a single row clock cannot tell when a device's clock ran behind. Rows agreed
    // on before this have none (null) until their next sync.
    sql: [...FIRST_SYNCED_TABLES, 'sync_conflict']
      .map((t) => `ALTER TABLE ${t} ADD COLUMN base_clock TEXT;`)
      .join('\n'),
  },
  {
    version: 8,
    name: 'accounts and transfers',
    // Every expense and income now belongs to an account. Each user gets a first account whose id is the
    // user's own, and every earlier row moves into it. The new values get one fixed clock, older than any
    // edit (MIGRATION_CLOCK): every store (the central one's migration does the same) then holds the same
    // value with the same clock, so nothing conflicts and nothing needs to move. The first accounts still
    // wait to be pushed, for a central store that never had the user.
    sql: `
CREATE TABLE account (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  name TEXT NOT NULL,
  account_kind TEXT NOT NULL
    CHECK (account_kind IN ('checking', 'savings', 'credit_card', 'cash', 'loan', 'investment')),
  opening_balance INTEGER NOT NULL,
  opening_date TEXT,
  on_budget INTEGER NOT NULL CHECK (on_budget IN (0, 1)),
  archived INTEGER NOT NULL CHECK (archived IN (0, 1)),
  ${DELETED},${SYNC_COLUMNS},
  base_clock TEXT
);
CREATE INDEX account_user ON account (user_id);
CREATE INDEX account_dirty ON account (user_id) WHERE is_synced = 0;

CREATE TABLE transfer (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  from_account_id TEXT NOT NULL REFERENCES account (id),
  to_account_id TEXT NOT NULL REFERENCES account (id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  transfer_date TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  from_status TEXT NOT NULL CHECK (from_status IN ('uncleared', 'cleared', 'reconciled')),
  to_status TEXT NOT NULL CHECK (to_status IN ('uncleared', 'cleared', 'reconciled')),
  ${DELETED},${SYNC_COLUMNS},
  base_clock TEXT
);
CREATE INDEX transfer_user_date ON transfer (user_id, transfer_date);
CREATE INDEX transfer_from ON transfer (from_account_id, transfer_date);
CREATE INDEX transfer_to ON transfer (to_account_id, transfer_date);
CREATE INDEX transfer_dirty ON transfer (user_id) WHERE is_synced = 0;

INSERT INTO account (id, user_id, name, account_kind, opening_balance, opening_date, on_budget, archived,
    deleted, hlc, clock, modified_at, is_synced)
  SELECT id, id, 'Main account', 'checking', 0, NULL, 1, 0, 0, '${MIGRATION_CLOCK}',
         json_object('user_id', '${MIGRATION_CLOCK}', 'name', '${MIGRATION_CLOCK}',
           'account_kind', '${MIGRATION_CLOCK}', 'opening_balance', '${MIGRATION_CLOCK}',
           'opening_date', '${MIGRATION_CLOCK}', 'on_budget', '${MIGRATION_CLOCK}',
           'archived', '${MIGRATION_CLOCK}', 'deleted', '${MIGRATION_CLOCK}'),
         '1970-01-01T00:00:00.000Z', 0
  FROM app_user;

ALTER TABLE expense ADD COLUMN account_id TEXT REFERENCES account (id);
ALTER TABLE expense ADD COLUMN status TEXT NOT NULL DEFAULT 'uncleared'
  CHECK (status IN ('uncleared', 'cleared', 'reconciled'));
ALTER TABLE income ADD COLUMN account_id TEXT REFERENCES account (id);
ALTER TABLE income ADD COLUMN status TEXT NOT NULL DEFAULT 'uncleared'
  CHECK (status IN ('uncleared', 'cleared', 'reconciled'));
ALTER TABLE savings_goal ADD COLUMN account_id TEXT REFERENCES account (id);
${['expense', 'income']
  .map(
    (t) => `
UPDATE ${t} SET account_id = user_id,
  clock = json_set(clock, '$.account_id', '${MIGRATION_CLOCK}', '$.status', '${MIGRATION_CLOCK}'),
  base_clock = CASE WHEN base_clock IS NULL THEN NULL
    ELSE json_set(base_clock, '$.account_id', '${MIGRATION_CLOCK}', '$.status', '${MIGRATION_CLOCK}') END;
CREATE INDEX ${t}_account_date ON ${t} (account_id, ${t}_date);`,
  )
  .join('')}
UPDATE savings_goal SET clock = json_set(clock, '$.account_id', '${MIGRATION_CLOCK}'),
  base_clock = CASE WHEN base_clock IS NULL THEN NULL
    ELSE json_set(base_clock, '$.account_id', '${MIGRATION_CLOCK}') END;
`,
  },
  {
    version: 9,
    name: "statement accounts: which pfm account an OFX file's account goes to",
    // Local to the device, like the import history: asked once per bank account, then remembered.
    sql: `
CREATE TABLE import_account (
  user_id TEXT NOT NULL REFERENCES app_user (id),
  source_account TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES account (id),
  PRIMARY KEY (user_id, source_account)
) WITHOUT ROWID;
`,
  },
  {
    version: 10,
    name: 'scheduled transactions',
    // A new table and nothing else: no earlier row changes, so no fixed clock is needed.
    sql: `
CREATE TABLE schedule (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  schedule_kind TEXT NOT NULL CHECK (schedule_kind IN ('expense', 'income', 'transfer')),
  category_id TEXT REFERENCES category (id),
  account_id TEXT NOT NULL REFERENCES account (id),
  to_account_id TEXT REFERENCES account (id),
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
  skipped TEXT NOT NULL DEFAULT '[]',
  ${DELETED},${SYNC_COLUMNS},
  base_clock TEXT
);
CREATE INDEX schedule_user ON schedule (user_id);
CREATE INDEX schedule_dirty ON schedule (user_id) WHERE is_synced = 0;
`,
  },
  {
    version: 11,
    name: 'payees, tags, split transactions and budget rollover',
    // New fields only. Earlier rows take the empty value (no payee, no tags, not split, no rollover) with the
    // fixed clock of migration 8, as the central store's migration gives them, so nothing conflicts.
    sql: `
${['expense', 'income']
  .map(
    (t) => `
ALTER TABLE ${t} ADD COLUMN payee TEXT;
ALTER TABLE ${t} ADD COLUMN tags TEXT;
ALTER TABLE ${t} ADD COLUMN splits TEXT;
UPDATE ${t} SET
  clock = json_set(clock, '$.payee', '${MIGRATION_CLOCK}', '$.tags', '${MIGRATION_CLOCK}',
    '$.splits', '${MIGRATION_CLOCK}'),
  base_clock = CASE WHEN base_clock IS NULL THEN NULL
    ELSE json_set(base_clock, '$.payee', '${MIGRATION_CLOCK}', '$.tags', '${MIGRATION_CLOCK}',
      '$.splits', '${MIGRATION_CLOCK}') END;`,
  )
  .join('')}
ALTER TABLE budget ADD COLUMN rollover INTEGER NOT NULL DEFAULT 0 CHECK (rollover IN (0, 1));
UPDATE budget SET clock = json_set(clock, '$.rollover', '${MIGRATION_CLOCK}'),
  base_clock = CASE WHEN base_clock IS NULL THEN NULL
    ELSE json_set(base_clock, '$.rollover', '${MIGRATION_CLOCK}') END;
`,
  },
  {
    version: 12,
    name: 'undo journal',
    // Local to the device and never synced: what a bulk edit or a delete changed here, to undo it from here.
    // `seq` orders a user's operations; each row keeps the prior values of the fields the operation changed
    // and the clocks it gave them, so an undo can tell whether anything changed them since.
    sql: `
CREATE TABLE undo_operation (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES app_user (id),
  label TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  undone_at TEXT
);
CREATE INDEX undo_operation_user ON undo_operation (user_id, seq);
CREATE TABLE undo_row (
  operation_id TEXT NOT NULL REFERENCES undo_operation (id),
  row_table TEXT NOT NULL,
  row_id TEXT NOT NULL,
  prior TEXT NOT NULL,
  written TEXT NOT NULL,
  PRIMARY KEY (operation_id, row_table, row_id)
) WITHOUT ROWID;
`,
  },
];

/** The newest schema this build knows. */
export const LOCAL_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
