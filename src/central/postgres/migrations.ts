/**
 * Forward-only, numbered migrations of the central schema, PostgreSQL dialect. A released migration is never edited: later changes are new entries. `pfm_schema_version`
 * holds one row per applied migration; the highest is the schema version a device checks before it syncs.
 *
 * Decisions:
 * - Same logical columns as the device tables (`src/local/migrations.ts`), under the original specification's
 *   `finance_*` names (CENTRAL_TABLE_NAMES), plus `server_seq` (one global sequence, set on every write) and
 *   `origin`. Money is BIGINT minor units; dates stay `YYYY-MM-DD` text and timestamps ISO-8601 text, so rows
 *   round-trip to the device byte for byte and reports compare dates as text ranges, as the device does.
 * - Ids, owner ids, dates and clocks are `COLLATE "C"`: byte order, the same order SQLite uses, so digests,
 *   report tie-breaks and "running total by (date, id)" agree with the device whatever the server's locale.
 * - No foreign keys. Rows are created (with their parents) on devices, where SQLite enforces the keys; the
 *   central store is a merge target that must accept whatever order a retried or partial sync delivers
 *   (parents are pushed first, but a sync may stop between a parent batch and its children and resume on
 *   another device), deletes are tombstones so nothing cascades, and per-user partitioning (a distributed
 *   Postgres-compatible engine) does not mix with cross-table keys. The reports join children to parents
 *   and so never show a child whose parent has not arrived yet.
 * - The per-user lock row (`sync_user_lock`) serializes one user's writes; `sync_batch` makes a retried
 *   batch a no-op; `sync_activity` is the central log of every device's syncs.
 * - Reports are SQL functions (the original specification's "advanced queries"): they sum and count;
 *   TypeScript applies `percent()` (src/central/report-rows.ts) so percentages round exactly as on the
 *   device.
 */
import type { CentralMigration } from '../central-migration.js';
import type { SyncedTable } from '../../domain/tables.js';
import {
  CENTRAL_TABLE_NAMES,
  SCHEMA_1_TABLES,
  SCHEMA_6_TABLES,
  SCHEMA_7_TABLES,
  fieldsAt,
  ownerColumn,
} from '../table-names.js';
import { COMPACT_CLOCK_VERSION, compactFromJsonSql } from '../compact-clock-sql.js';
import { centralEditHelpersSql, centralEditTriggersSql } from './central-edit-triggers.js';
// Per goal: saved (live contributions), the first contribution's date and the date the running total (by
// date, then id) reached the target. Shared by the goal report of versions 1 and 3, whose text it is part of:
// never change it (a change would edit a released migration).
const GOAL_SUMS = `  WITH c AS (
    SELECT gc.goal_id, gc.amount, gc.contributed_on,
           sum(gc.amount) OVER (PARTITION BY gc.goal_id ORDER BY gc.contributed_on, gc.id
                                ROWS UNBOUNDED PRECEDING) AS running
    FROM finance_goal_contribution gc JOIN finance_savings_goal g ON g.id = gc.goal_id
    WHERE g.user_id = p_user AND g.deleted = 0 AND gc.deleted = 0),
  s AS (
    SELECT g.id, g.name, g.target_amount, g.target_date,
           coalesce(sum(c.amount), 0)::BIGINT AS saved,
           min(c.contributed_on) AS first_on,
           min(CASE WHEN c.running >= g.target_amount THEN c.contributed_on END) AS reached_on
    FROM finance_savings_goal g LEFT JOIN c ON c.goal_id = g.id
    WHERE g.user_id = p_user AND g.deleted = 0
    GROUP BY g.id, g.name, g.target_amount, g.target_date)`;

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
  return ['insert', 'update', 'delete']
    .map((op) => `DROP TRIGGER ${name}_edit_${op} ON ${name};\nDROP FUNCTION ${name}_edit_${op}();\n`)
    .join('');
}

// Sync columns of every synced table (docs/architecture.md), central flavour.
/** Record counts over `tables`: each version that adds a table installs it again over its own list. */
function recordCountsSql(tables: readonly SyncedTable[]): string {
  return `CREATE OR REPLACE FUNCTION pfm_report_record_counts(p_user TEXT)
RETURNS TABLE (user_id TEXT, name TEXT, table_name TEXT, live BIGINT, deleted BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT t.user_id, u.name, t.table_name,
         count(*) FILTER (WHERE t.deleted = 0), count(*) FILTER (WHERE t.deleted <> 0)
  FROM (
    ${tables
      .map(
        (t, i) =>
          `SELECT '${t}'${i === 0 ? ' AS table_name' : ''}, ${ownerColumn(t)}${i === 0 ? ' AS user_id' : ''}, ` +
          `deleted FROM ${CENTRAL_TABLE_NAMES[t]}`,
      )
      .join('\n    UNION ALL ')}) t
  LEFT JOIN finance_user u ON u.id = t.user_id
  WHERE p_user IS NULL OR t.user_id = p_user
  GROUP BY t.user_id, u.name, t.table_name
$$;
`;
}

const SYNC_COLUMNS = `
  deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  hlc TEXT COLLATE "C" NOT NULL,
  clock JSONB NOT NULL,
  modified_at TEXT NOT NULL,
  server_seq BIGINT NOT NULL,
  origin TEXT`;

const ID = `id TEXT COLLATE "C" PRIMARY KEY`;
const USER_ID = `user_id TEXT COLLATE "C" NOT NULL`;

// Case-insensitive order as SQLite's NOCASE: ASCII letters folded, then bytes.
const NOCASE = (expr: string) =>
  `translate(${expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C"`;

export const POSTGRES_MIGRATIONS: readonly CentralMigration[] = [
  {
    version: 1,
    name: 'initial central schema',
    sql: `
CREATE SEQUENCE pfm_server_seq AS BIGINT;

-- Who this central store is: devices key their cursors by it, so a store rebuilt at the same URL is seen
-- as new (its rows are re-sent and re-pulled) rather than silently missing what devices think it has.
CREATE TABLE pfm_instance (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  instance_id TEXT NOT NULL
);
INSERT INTO pfm_instance (singleton, instance_id) VALUES (1, gen_random_uuid()::text);

CREATE TABLE finance_user (
  ${ID},
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  locale TEXT NOT NULL,
  password_hash TEXT,
  created_at TEXT NOT NULL,${SYNC_COLUMNS}
);
-- The user's own feed is one row: the primary key already serves "id = ? AND server_seq > ?".

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
  target_amount BIGINT NOT NULL CHECK (target_amount > 0),
  target_date TEXT COLLATE "C",
  created_on TEXT COLLATE "C" NOT NULL,${SYNC_COLUMNS}
);
CREATE INDEX finance_savings_goal_feed ON finance_savings_goal (user_id, server_seq);

CREATE TABLE finance_expense (
  ${ID},
  ${USER_ID},
  category_id TEXT COLLATE "C" NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  expense_date TEXT COLLATE "C" NOT NULL,
  payment_method TEXT,
  description TEXT NOT NULL DEFAULT '',${SYNC_COLUMNS}
);
CREATE INDEX finance_expense_feed ON finance_expense (user_id, server_seq);
CREATE INDEX finance_expense_user_date ON finance_expense (user_id, expense_date);

CREATE TABLE finance_income (
  ${ID},
  ${USER_ID},
  category_id TEXT COLLATE "C" NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  income_date TEXT COLLATE "C" NOT NULL,
  source TEXT,
  description TEXT NOT NULL DEFAULT '',${SYNC_COLUMNS}
);
CREATE INDEX finance_income_feed ON finance_income (user_id, server_seq);
CREATE INDEX finance_income_user_date ON finance_income (user_id, income_date);

CREATE TABLE finance_budget (
  ${ID},
  ${USER_ID},
  category_id TEXT COLLATE "C" NOT NULL,
  month TEXT COLLATE "C" NOT NULL,
  limit_amount BIGINT NOT NULL CHECK (limit_amount > 0),${SYNC_COLUMNS}
);
CREATE INDEX finance_budget_feed ON finance_budget (user_id, server_seq);
CREATE INDEX finance_budget_user_month ON finance_budget (user_id, month);

CREATE TABLE finance_goal_contribution (
  ${ID},
  ${USER_ID},
  goal_id TEXT COLLATE "C" NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  contributed_on TEXT COLLATE "C" NOT NULL,
  description TEXT NOT NULL DEFAULT '',${SYNC_COLUMNS}
);
CREATE INDEX finance_goal_contribution_feed ON finance_goal_contribution (user_id, server_seq);
CREATE INDEX finance_goal_contribution_goal ON finance_goal_contribution (goal_id, contributed_on);

-- One row per user, locked FOR UPDATE by every write unit of that user.
CREATE TABLE sync_user_lock (
  user_id TEXT COLLATE "C" PRIMARY KEY
);

-- Batches already applied: a retried push of the same batch id changes nothing.
CREATE TABLE sync_batch (
  user_id TEXT COLLATE "C" NOT NULL,
  batch_id TEXT COLLATE "C" NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- The values that lost the batch's merge (JSON), returned again when a device retries a batch whose reply
  -- it never received, so the loss is still recorded on the device.
  conflicts TEXT,
  PRIMARY KEY (user_id, batch_id)
);

-- Every device's sync runs, for the cross-device report.
CREATE TABLE sync_activity (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ${USER_ID},
  device_id TEXT COLLATE "C" NOT NULL,
  sync_type TEXT NOT NULL CHECK (sync_type IN ('Manual', 'Automatic')),
  status TEXT NOT NULL CHECK (status IN ('Success', 'Partial', 'Failed')),
  started_at TEXT COLLATE "C" NOT NULL,
  finished_at TEXT COLLATE "C",
  pushed INTEGER NOT NULL DEFAULT 0,
  pulled INTEGER NOT NULL DEFAULT 0,
  conflicts INTEGER NOT NULL DEFAULT 0,
  error_message TEXT,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sync_activity_user_device ON sync_activity (user_id, device_id, started_at);

-- Reports. Month ranges are text ranges 'YYYY-MM-01' .. 'YYYY-MM-31' (every real date of the month is
-- inside, nothing else is). Only live rows count; an expense in a deleted category still counts.

CREATE FUNCTION pfm_report_monthly(p_user TEXT, p_month TEXT)
RETURNS TABLE (income BIGINT, income_count BIGINT, expenses BIGINT, expense_count BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT i.total, i.n, e.total, e.n
  FROM (SELECT coalesce(sum(amount), 0)::BIGINT AS total, count(*) AS n FROM finance_income
        WHERE user_id = p_user AND income_date BETWEEN p_month || '-01' AND p_month || '-31' AND deleted = 0) i,
       (SELECT coalesce(sum(amount), 0)::BIGINT AS total, count(*) AS n FROM finance_expense
        WHERE user_id = p_user AND expense_date BETWEEN p_month || '-01' AND p_month || '-31' AND deleted = 0) e
$$;

-- Largest total first, then name, then id (byte order, as on the device).
CREATE FUNCTION pfm_report_categories(p_user TEXT, p_from TEXT, p_to TEXT)
RETURNS TABLE (pos BIGINT, category_id TEXT, name TEXT, deleted SMALLINT, total BIGINT, n BIGINT,
               grand_total BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT row_number() OVER (ORDER BY t.total DESC, c.name COLLATE "C", c.id),
         c.id, c.name, c.deleted, t.total, t.n, (sum(t.total) OVER ())::BIGINT
  FROM (SELECT e.category_id, sum(e.amount)::BIGINT AS total, count(*) AS n FROM finance_expense e
        WHERE e.user_id = p_user AND e.expense_date BETWEEN p_from AND p_to AND e.deleted = 0
        GROUP BY e.category_id) t
  JOIN finance_category c ON c.id = t.category_id
$$;

-- Ordered by category name, case-insensitively (ASCII, as SQLite's NOCASE), then budget id.
CREATE FUNCTION pfm_report_budgets(p_user TEXT, p_month TEXT)
RETURNS TABLE (pos BIGINT, budget_id TEXT, category_id TEXT, name TEXT, limit_amount BIGINT, spent BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT row_number() OVER (ORDER BY ${NOCASE('c.name')}, b.id),
         b.id, b.category_id, c.name, b.limit_amount, coalesce(s.spent, 0)::BIGINT
  FROM finance_budget b
  JOIN finance_category c ON c.id = b.category_id
  LEFT JOIN (SELECT category_id, sum(amount) AS spent FROM finance_expense
             WHERE user_id = p_user AND expense_date BETWEEN p_month || '-01' AND p_month || '-31'
               AND deleted = 0
             GROUP BY category_id) s ON s.category_id = b.category_id
  WHERE b.user_id = p_user AND b.month = p_month AND b.deleted = 0
$$;

-- saved: every live contribution. projected_on (reports.ts): the date of the contribution whose running
-- total (by date, then id) reached the target; else, with contributions, as_of + ceil(remaining * days /
-- saved) where days = (as_of - first contribution) + 1, at least 1; else null.
CREATE FUNCTION pfm_report_goals(p_user TEXT, p_as_of TEXT)
RETURNS TABLE (pos BIGINT, goal_id TEXT, name TEXT, target BIGINT, target_date TEXT, saved BIGINT,
               first_on TEXT, reached_on TEXT, projected_on TEXT)
LANGUAGE sql STABLE AS $$
${GOAL_SUMS}
  SELECT row_number() OVER (ORDER BY ${NOCASE('s.name')}, s.id),
         s.id, s.name, s.target_amount, s.target_date, s.saved, s.first_on, s.reached_on,
         CASE
           WHEN s.reached_on IS NOT NULL THEN s.reached_on
           WHEN s.first_on IS NULL OR s.saved = 0 THEN NULL
           ELSE to_char(p_as_of::DATE + ((greatest(s.target_amount - s.saved, 0)
                          * greatest(p_as_of::DATE - s.first_on::DATE + 1, 1) + s.saved - 1) / s.saved)::INTEGER,
                        'YYYY-MM-DD')
         END
  FROM s
$$;

-- Income and expenses per month from p_first_month through p_end_month; months without data are absent.
CREATE FUNCTION pfm_report_trend(p_user TEXT, p_first_month TEXT, p_end_month TEXT)
RETURNS TABLE (month TEXT, income BIGINT, expenses BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT m.month, sum(m.income)::BIGINT, sum(m.expenses)::BIGINT FROM (
    SELECT substr(income_date, 1, 7) AS month, sum(amount) AS income, 0 AS expenses FROM finance_income
    WHERE user_id = p_user AND income_date BETWEEN p_first_month || '-01' AND p_end_month || '-31'
      AND deleted = 0
    GROUP BY substr(income_date, 1, 7)
    UNION ALL
    SELECT substr(expense_date, 1, 7), 0, sum(amount) FROM finance_expense
    WHERE user_id = p_user AND expense_date BETWEEN p_first_month || '-01' AND p_end_month || '-31'
      AND deleted = 0
    GROUP BY substr(expense_date, 1, 7)) m
  GROUP BY m.month
$$;

-- Cross-device: each device's sync runs for one user (p_user) or every user (NULL).
CREATE FUNCTION pfm_report_sync_activity(p_user TEXT)
RETURNS TABLE (user_id TEXT, device_id TEXT, syncs BIGINT, succeeded BIGINT, partial BIGINT, failed BIGINT,
               pushed BIGINT, pulled BIGINT, conflicts BIGINT, first_sync_at TEXT, last_sync_at TEXT,
               last_status TEXT)
LANGUAGE sql STABLE AS $$
  SELECT a.user_id, a.device_id, count(*),
         count(*) FILTER (WHERE a.status = 'Success'),
         count(*) FILTER (WHERE a.status = 'Partial'),
         count(*) FILTER (WHERE a.status = 'Failed'),
         coalesce(sum(a.pushed), 0)::BIGINT, coalesce(sum(a.pulled), 0)::BIGINT,
         coalesce(sum(a.conflicts), 0)::BIGINT,
         min(a.started_at), max(a.started_at),
         (array_agg(a.status ORDER BY a.started_at DESC, a.id DESC))[1]
  FROM sync_activity a
  WHERE p_user IS NULL OR a.user_id = p_user
  GROUP BY a.user_id, a.device_id
$$;

-- Cross-device: rows per user and table, live and tombstones, for one user (p_user) or every user (NULL).
CREATE FUNCTION pfm_report_record_counts(p_user TEXT)
RETURNS TABLE (user_id TEXT, name TEXT, table_name TEXT, live BIGINT, deleted BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT t.user_id, u.name, t.table_name,
         count(*) FILTER (WHERE t.deleted = 0), count(*) FILTER (WHERE t.deleted <> 0)
  FROM (
    SELECT 'app_user' AS table_name, id AS user_id, deleted FROM finance_user
    UNION ALL SELECT 'category', user_id, deleted FROM finance_category
    UNION ALL SELECT 'savings_goal', user_id, deleted FROM finance_savings_goal
    UNION ALL SELECT 'expense', user_id, deleted FROM finance_expense
    UNION ALL SELECT 'income', user_id, deleted FROM finance_income
    UNION ALL SELECT 'budget', user_id, deleted FROM finance_budget
    UNION ALL SELECT 'goal_contribution', user_id, deleted FROM finance_goal_contribution) t
  LEFT JOIN finance_user u ON u.id = t.user_id
  WHERE p_user IS NULL OR t.user_id = p_user
  GROUP BY t.user_id, u.name, t.table_name
$$;
`,
  },
  {
    version: 2,
    name: 'device tokens of the hub',
    // Only the SHA-256 of a token is kept: a copy of this table lets no one sync as anybody. Rows are kept
    // after revocation (revoked_at set) so `pfm hub tokens list` shows what was cut off and when.
    sql: `
CREATE TABLE sync_device_token (
  id TEXT COLLATE "C" PRIMARY KEY,
  token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
  user_id TEXT COLLATE "C" NOT NULL,
  device_id TEXT COLLATE "C" NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX sync_device_token_user ON sync_device_token (user_id, device_id);
`,
  },
  {
    version: 3,
    name: 'plain SQL writes on synced tables reach devices',
    // An admin's or a job's UPDATE, INSERT or DELETE gets clocks and a server_seq (central-edit-triggers.ts).
    sql:
      centralEditHelpersSql() +
      SCHEMA_1_TABLES.map((t) => centralEditTriggersSql(t, fieldsAt(t, 3), 'json')).join(''),
  },
  {
    version: 4,
    name: 'conflicts travel between devices',
    // Kept conflicts become a synced table, so every device of the user sees each one and settles it once.
    // Values are JSON text (a number, a string or null), as on the device.
    sql: `
CREATE TABLE finance_sync_conflict (
  ${ID},
  ${USER_ID},
  table_name TEXT COLLATE "C" NOT NULL,
  row_id TEXT COLLATE "C" NOT NULL,
  field_name TEXT COLLATE "C" NOT NULL,
  kept_value TEXT,
  kept_hlc TEXT COLLATE "C" NOT NULL,
  lost_value TEXT,
  lost_hlc TEXT COLLATE "C" NOT NULL,
  detected_at TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('restored', 'dismissed')),
  resolved_at TEXT,${SYNC_COLUMNS}
);
CREATE INDEX finance_sync_conflict_feed ON finance_sync_conflict (user_id, server_seq);
${centralEditTriggersSql('sync_conflict', fieldsAt('sync_conflict', 4), 'json')}`,
  },
  {
    version: 5,
    name: 'goal projections past 100 years are null',
    // The projection is computed in NUMERIC (remaining * days can pass BIGINT) and is null beyond
    // GOAL_PROJECTION_HORIZON_DAYS (src/domain/reports.ts; the number is written out so this text never
    // changes): past it the date overflowed INTEGER or came out as a five-digit year.
    sql: `
CREATE OR REPLACE FUNCTION pfm_report_goals(p_user TEXT, p_as_of TEXT)
RETURNS TABLE (pos BIGINT, goal_id TEXT, name TEXT, target BIGINT, target_date TEXT, saved BIGINT,
               first_on TEXT, reached_on TEXT, projected_on TEXT)
LANGUAGE sql STABLE AS $$
${GOAL_SUMS},
  p AS (
    SELECT s.*,
           CASE WHEN s.reached_on IS NULL AND s.first_on IS NOT NULL AND s.saved > 0
                THEN div(greatest(s.target_amount - s.saved, 0)::NUMERIC
                           * greatest(p_as_of::DATE - s.first_on::DATE + 1, 1) + s.saved - 1, s.saved)
           END AS ahead
    FROM s)
  SELECT row_number() OVER (ORDER BY ${NOCASE('p.name')}, p.id),
         p.id, p.name, p.target_amount, p.target_date, p.saved, p.first_on, p.reached_on,
         CASE
           WHEN p.reached_on IS NOT NULL THEN p.reached_on
           WHEN p.ahead IS NULL OR p.ahead > 36525 THEN NULL
           ELSE to_char(p_as_of::DATE + p.ahead::INTEGER, 'YYYY-MM-DD')
         END
  FROM p
$$;
`,
  },
  {
    version: 6,
    name: 'accounts and transfers',
    // As on the device (local migration 8): every earlier expense and income moves into its user's first
    // account, whose id is the user's own, and the new values get one fixed clock older than any edit, so the
    // device and the central store hold the same value with the same clock and nothing conflicts. The edit
    // triggers of the changed tables are dropped first (the migration's own updates are not edits) and made
    // again for the new columns. Two report functions give what balances and net worth are computed from.
    sql: `
${ACCOUNT_CHANGED_TABLES.map(dropEditTriggers).join('')}
CREATE TABLE finance_account (
  ${ID},
  ${USER_ID},
  name TEXT NOT NULL,
  account_kind TEXT COLLATE "C" NOT NULL
    CHECK (account_kind IN ('checking', 'savings', 'credit_card', 'cash', 'loan', 'investment')),
  opening_balance BIGINT NOT NULL,
  opening_date TEXT COLLATE "C",
  on_budget SMALLINT NOT NULL CHECK (on_budget IN (0, 1)),
  archived SMALLINT NOT NULL CHECK (archived IN (0, 1)),${SYNC_COLUMNS}
);
CREATE INDEX finance_account_feed ON finance_account (user_id, server_seq);

CREATE TABLE finance_transfer (
  ${ID},
  ${USER_ID},
  from_account_id TEXT COLLATE "C" NOT NULL,
  to_account_id TEXT COLLATE "C" NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  transfer_date TEXT COLLATE "C" NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  from_status TEXT COLLATE "C" NOT NULL CHECK (from_status IN ('uncleared', 'cleared', 'reconciled')),
  to_status TEXT COLLATE "C" NOT NULL CHECK (to_status IN ('uncleared', 'cleared', 'reconciled')),${SYNC_COLUMNS},
  CHECK (from_account_id <> to_account_id)
);
CREATE INDEX finance_transfer_feed ON finance_transfer (user_id, server_seq);
CREATE INDEX finance_transfer_user_date ON finance_transfer (user_id, transfer_date);

INSERT INTO finance_account (id, user_id, name, account_kind, opening_balance, opening_date, on_budget, archived,
    deleted, hlc, clock, modified_at, server_seq)
  SELECT id, id, 'Main account', 'checking', 0, NULL, 1, 0, 0, '${MIGRATION_CLOCK}',
         jsonb_build_object('user_id', '${MIGRATION_CLOCK}', 'name', '${MIGRATION_CLOCK}',
           'account_kind', '${MIGRATION_CLOCK}', 'opening_balance', '${MIGRATION_CLOCK}',
           'opening_date', '${MIGRATION_CLOCK}', 'on_budget', '${MIGRATION_CLOCK}',
           'archived', '${MIGRATION_CLOCK}', 'deleted', '${MIGRATION_CLOCK}'),
         '1970-01-01T00:00:00.000Z', nextval('pfm_server_seq')
  FROM (SELECT id FROM finance_user ORDER BY id) u;
${['finance_expense', 'finance_income']
  .map(
    (t) => `
ALTER TABLE ${t} ADD COLUMN account_id TEXT COLLATE "C",
  ADD COLUMN status TEXT COLLATE "C" NOT NULL DEFAULT 'uncleared'
    CHECK (status IN ('uncleared', 'cleared', 'reconciled'));
UPDATE ${t} SET account_id = user_id,
  clock = clock || jsonb_build_object('account_id', '${MIGRATION_CLOCK}', 'status', '${MIGRATION_CLOCK}');
ALTER TABLE ${t} ALTER COLUMN account_id SET NOT NULL;`,
  )
  .join('')}
ALTER TABLE finance_savings_goal ADD COLUMN account_id TEXT COLLATE "C";
UPDATE finance_savings_goal SET clock = clock || jsonb_build_object('account_id', '${MIGRATION_CLOCK}');
${['account', 'transfer', ...ACCOUNT_CHANGED_TABLES].map((t) => centralEditTriggersSql(t as SyncedTable, fieldsAt(t as SyncedTable, 6), 'json')).join('')}
-- Every live movement of a user's accounts: expenses out, income in, each transfer out of one account
-- and into the other.
CREATE FUNCTION pfm_account_movements(p_user TEXT)
RETURNS TABLE (account_id TEXT, day TEXT, amount BIGINT, status TEXT)
LANGUAGE sql STABLE AS $$
  SELECT account_id, expense_date, -amount, status FROM finance_expense WHERE user_id = p_user AND deleted = 0
  UNION ALL
  SELECT account_id, income_date, amount, status FROM finance_income WHERE user_id = p_user AND deleted = 0
  UNION ALL
  SELECT from_account_id, transfer_date, -amount, from_status FROM finance_transfer
    WHERE user_id = p_user AND deleted = 0
  UNION ALL
  SELECT to_account_id, transfer_date, amount, to_status FROM finance_transfer
    WHERE user_id = p_user AND deleted = 0
$$;

-- Movements summed per account and month, up to a day: what balances and net worth add up.
CREATE FUNCTION pfm_report_account_months(p_user TEXT, p_up_to TEXT)
RETURNS TABLE (account_id TEXT, month TEXT, amount BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT m.account_id, substr(m.day, 1, 7), sum(m.amount)::BIGINT
  FROM pfm_account_movements(p_user) m
  WHERE m.day <= p_up_to
  GROUP BY m.account_id, substr(m.day, 1, 7)
$$;

-- The accounts that count for a user's balances: the live ones, and a deleted one that live rows still name.
CREATE FUNCTION pfm_report_accounts(p_user TEXT)
RETURNS TABLE (account_id TEXT, name TEXT, account_kind TEXT, archived SMALLINT, opening_balance BIGINT,
               opening_date TEXT)
LANGUAGE sql STABLE AS $$
  SELECT a.id, a.name, a.account_kind, a.archived, a.opening_balance, a.opening_date
  FROM finance_account a
  WHERE a.user_id = p_user
    AND (a.deleted = 0 OR a.id IN (SELECT m.account_id FROM pfm_account_movements(p_user) m))
$$;

-- Record counts over every synced table (those of version 1 counted neither conflicts nor the new tables).
${recordCountsSql(SCHEMA_6_TABLES)}`,
  },
  {
    version: 7,
    name: 'scheduled transactions',
    // A new table: no earlier row changes. Record counts count it too.
    sql: `
CREATE TABLE finance_schedule (
  ${ID},
  ${USER_ID},
  schedule_kind TEXT COLLATE "C" NOT NULL CHECK (schedule_kind IN ('expense', 'income', 'transfer')),
  category_id TEXT COLLATE "C",
  account_id TEXT COLLATE "C" NOT NULL,
  to_account_id TEXT COLLATE "C",
  amount BIGINT NOT NULL CHECK (amount > 0),
  description TEXT NOT NULL DEFAULT '',
  payment_method TEXT,
  source TEXT,
  repeat_every INTEGER NOT NULL CHECK (repeat_every >= 1),
  repeat_unit TEXT COLLATE "C" NOT NULL CHECK (repeat_unit IN ('day', 'week', 'month', 'year')),
  start_date TEXT COLLATE "C" NOT NULL,
  day_of_month INTEGER CHECK (day_of_month = -1 OR day_of_month BETWEEN 1 AND 31),
  end_date TEXT COLLATE "C",
  occurrence_count INTEGER CHECK (occurrence_count >= 1),
  auto_post SMALLINT NOT NULL CHECK (auto_post IN (0, 1)),
  skipped TEXT COLLATE "C" NOT NULL DEFAULT '[]',${SYNC_COLUMNS}
);
CREATE INDEX finance_schedule_feed ON finance_schedule (user_id, server_seq);
${centralEditTriggersSql('schedule', fieldsAt('schedule', 7), 'json')}
${recordCountsSql(SCHEMA_7_TABLES)}`,
  },
  {
    version: 8,
    name: 'payees, tags, split transactions and budget rollover',
    // New fields only: earlier rows take the empty value with the fixed clock of version 6, as on the device
    // (local migration 11). The edit triggers of the changed tables are made again for the new columns. The
    // category and budget reports now count each part of a split in its own category, and a report by tag
    // joins them.
    sql: `
${SPLIT_CHANGED_TABLES.map(dropEditTriggers).join('')}
${['finance_expense', 'finance_income']
  .map(
    (t) => `
ALTER TABLE ${t} ADD COLUMN payee TEXT,
  ADD COLUMN tags TEXT,
  ADD COLUMN splits TEXT;
UPDATE ${t} SET clock = clock || jsonb_build_object('payee', '${MIGRATION_CLOCK}', 'tags', '${MIGRATION_CLOCK}',
  'splits', '${MIGRATION_CLOCK}');`,
  )
  .join('')}
ALTER TABLE finance_budget ADD COLUMN rollover SMALLINT NOT NULL DEFAULT 0 CHECK (rollover IN (0, 1));
UPDATE finance_budget SET clock = clock || jsonb_build_object('rollover', '${MIGRATION_CLOCK}');
${SPLIT_CHANGED_TABLES.map((t) => centralEditTriggersSql(t, fieldsAt(t, 8), 'json')).join('')}
-- Spending per category between two days: a split expense counts each part in its own category.
CREATE FUNCTION pfm_expense_parts(p_user TEXT, p_from TEXT, p_to TEXT)
RETURNS TABLE (category_id TEXT, amount BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT e.category_id, e.amount FROM finance_expense e
  WHERE e.user_id = p_user AND e.expense_date BETWEEN p_from AND p_to AND e.deleted = 0 AND e.splits IS NULL
  UNION ALL
  SELECT p.part ->> 'category_id', (p.part ->> 'amount')::BIGINT
  FROM finance_expense e CROSS JOIN LATERAL jsonb_array_elements(e.splits::jsonb) AS p(part)
  WHERE e.user_id = p_user AND e.expense_date BETWEEN p_from AND p_to AND e.deleted = 0
    AND e.splits IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION pfm_report_categories(p_user TEXT, p_from TEXT, p_to TEXT)
RETURNS TABLE (pos BIGINT, category_id TEXT, name TEXT, deleted SMALLINT, total BIGINT, n BIGINT,
               grand_total BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT row_number() OVER (ORDER BY t.total DESC, c.name COLLATE "C", c.id),
         c.id, c.name, c.deleted, t.total, t.n, (sum(t.total) OVER ())::BIGINT
  FROM (SELECT x.category_id, sum(x.amount)::BIGINT AS total, count(*) AS n
        FROM pfm_expense_parts(p_user, p_from, p_to) x
        GROUP BY x.category_id) t
  JOIN finance_category c ON c.id = t.category_id
$$;

CREATE OR REPLACE FUNCTION pfm_report_budgets(p_user TEXT, p_month TEXT)
RETURNS TABLE (pos BIGINT, budget_id TEXT, category_id TEXT, name TEXT, limit_amount BIGINT, spent BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT row_number() OVER (ORDER BY ${NOCASE('c.name')}, b.id),
         b.id, b.category_id, c.name, b.limit_amount, coalesce(s.spent, 0)::BIGINT
  FROM finance_budget b
  JOIN finance_category c ON c.id = b.category_id
  LEFT JOIN (SELECT x.category_id, sum(x.amount) AS spent
             FROM pfm_expense_parts(p_user, p_month || '-01', p_month || '-31') x
             GROUP BY x.category_id) s ON s.category_id = b.category_id
  WHERE b.user_id = p_user AND b.month = p_month AND b.deleted = 0
$$;

-- Expenses and income per tag between two days: a row with several tags counts under each. Ordered by
-- spending, then income, then tag (byte order, as on the device).
CREATE FUNCTION pfm_report_tags(p_user TEXT, p_from TEXT, p_to TEXT)
RETURNS TABLE (pos BIGINT, tag TEXT, expenses BIGINT, income BIGINT, n BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT row_number() OVER (ORDER BY sum(t.expenses) DESC, sum(t.income) DESC, t.tag COLLATE "C"),
         t.tag, sum(t.expenses)::BIGINT, sum(t.income)::BIGINT, count(*)
  FROM (SELECT g.tag, e.amount AS expenses, 0 AS income
        FROM finance_expense e CROSS JOIN LATERAL jsonb_array_elements_text(e.tags::jsonb) AS g(tag)
        WHERE e.user_id = p_user AND e.expense_date BETWEEN p_from AND p_to AND e.deleted = 0
          AND e.tags IS NOT NULL
        UNION ALL
        SELECT g.tag, 0, i.amount
        FROM finance_income i CROSS JOIN LATERAL jsonb_array_elements_text(i.tags::jsonb) AS g(tag)
        WHERE i.user_id = p_user AND i.income_date BETWEEN p_from AND p_to AND i.deleted = 0
          AND i.tags IS NOT NULL) t
  GROUP BY t.tag
$$;
`,
  },
  {
    version: COMPACT_CLOCK_VERSION,
    name: 'compact field clocks',
    // A row's clock keeps only the fields whose clock differs from the row's hlc, as text
    // (src/domain/clock-codec.ts): most rows were last changed whole and store the empty text, and the server
    // no longer parses JSON on every write. Every table's column is rewritten once by ALTER ... TYPE, which
    // fires no trigger; the edit triggers are made again for the compact form. The tables are those of
    // version 7: this version adds none.
    sql: `
${SCHEMA_7_TABLES.map(dropEditTriggers).join('')}
${SCHEMA_7_TABLES.map(
  (t) =>
    `ALTER TABLE ${CENTRAL_TABLE_NAMES[t]} ALTER COLUMN clock TYPE TEXT USING ${compactFromJsonSql(
      fieldsAt(t, COMPACT_CLOCK_VERSION).map((f) => f.name),
      'hlc',
      (f) => `(clock ->> '${f}')`,
    )};\n`,
).join('')}
${SCHEMA_7_TABLES.map((t) => centralEditTriggersSql(t, fieldsAt(t, COMPACT_CLOCK_VERSION), 'compact')).join('')}`,
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]?.version ?? 0;
