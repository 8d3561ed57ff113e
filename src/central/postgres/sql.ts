import { SYNCED_TABLES, TABLES, type SyncedTable } from '../../domain/tables.js';
import { CENTRAL_TABLE_NAMES, centralColumns, ownerColumn } from '../table-names.js';

/**
 * Every statement the PostgreSQL store sends (through `pg`), built once from TABLES and CENTRAL_TABLE_NAMES: no identifier comes from input, every value is a bind parameter.
 */

/** Columns read back for a synced row, in order. */
function selectColumns(table: SyncedTable): string {
  return centralColumns(table)
    .map((c) => `t.${c}`)
    .join(', ');
}

export interface TableStatements {
  /** $1 owner, $2 ids text[] */
  readonly readByIds: string;
  /** $1 owner, $2 ids text[]: the ids of these the owner has (a push's parent check) */
  readonly existingIds: string;
  /** $1 owner, $2 after seq, $3 limit */
  readonly readChanges: string;
  /** $1 owner, $2 after seq, $3 up-to seq, $4 limit */
  readonly readChangesUpTo: string;
  /** $1 owner: every row in id (byte) order, for the digest */
  readonly readAllById: string;
  /** $1..$n one array per column (id, fields, hlc, clock, modified_at), $n+1 origin, $n+2 owner */
  readonly write: string;
  /**
   * `write`, also returning (as `head`, on every row) the owner's highest server_seq in this table before the
   * write: every statement of a WITH sees one snapshot, taken after the caller took the user's lock.
   */
  readonly writeWithHead: string;
  /** The array type of each column of `write`, in parameter order. */
  readonly writeArrayTypes: readonly string[];
}

function tableStatements(table: SyncedTable): TableStatements {
  const name = CENTRAL_TABLE_NAMES[table];
  const owner = ownerColumn(table);
  const cols = selectColumns(table);
  const fields = TABLES[table].fields;
  const writeCols = ['id', ...fields.map((f) => f.name), 'hlc', 'clock', 'modified_at'];
  const writeArrayTypes = [
    'text',
    ...fields.map((f) => (f.type === 'integer' ? 'bigint' : 'text')),
    'text',
    'text',
    'text',
  ];
  const n = writeCols.length;
  const unnest = writeArrayTypes.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  const values = writeCols.map((c) => `u.${c}`).join(', ');
  const updates = [...writeCols.slice(1), 'server_seq', 'origin']
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  // One statement per batch: the arrays are zipped by unnest; each row takes the next global sequence value.
  // Both WHEREs refuse rows of another user (a row naming another owner, or an id another user already has):
  // such a row is simply not returned, and the store turns the short count into an error (rolling back).
  const write =
    `INSERT INTO ${name} AS t (${writeCols.join(', ')}, server_seq, origin) ` +
    `SELECT ${values}, nextval('pfm_server_seq'), $${n + 1} ` +
    `FROM unnest(${unnest}) AS u(${writeCols.join(', ')}) WHERE u.${owner} = $${n + 2} ` +
    `ON CONFLICT (id) DO UPDATE SET ${updates} WHERE t.${owner} = $${n + 2} ` +
    `RETURNING t.id, t.server_seq`;
  return {
    // Found by primary key alone: OFFSET 0 keeps the owner test out of the scan, so that the planner can never
    // AND a bitmap of all of the owner's rows into every batch's read (it did, with stale statistics after a
    // large first push: a cost that grew with the owner's data). Same rows as `owner = $1 AND id = ANY($2)`.
    readByIds:
      `SELECT * FROM (SELECT ${cols} FROM ${name} t WHERE t.id = ANY($2::text[]) OFFSET 0) AS t ` +
      `WHERE t.${owner} = $1`,
    existingIds:
      `SELECT t.id FROM (SELECT id, ${owner} FROM ${name} t WHERE t.id = ANY($2::text[]) OFFSET 0) AS t ` +
      `WHERE t.${owner} = $1`,
    readChanges:
      `SELECT ${cols} FROM ${name} t WHERE t.${owner} = $1 AND t.server_seq > $2 ` +
      `ORDER BY t.server_seq LIMIT $3`,
    readChangesUpTo:
      `SELECT ${cols} FROM ${name} t WHERE t.${owner} = $1 AND t.server_seq > $2 AND t.server_seq <= $3 ` +
      `ORDER BY t.server_seq LIMIT $4`,
    readAllById: `SELECT ${cols} FROM ${name} t WHERE t.${owner} = $1 ORDER BY t.id`,
    write,
    writeWithHead:
      `WITH head AS (SELECT coalesce(max(server_seq), 0) AS h FROM ${name} WHERE ${owner} = $${n + 2}) ` +
      write +
      ', (SELECT h FROM head) AS head',
    writeArrayTypes,
  };
}

export const TABLE_SQL: Readonly<Record<SyncedTable, TableStatements>> = Object.fromEntries(
  SYNCED_TABLES.map((t) => [t, tableStatements(t)]),
) as Record<SyncedTable, TableStatements>;

/** $1 owner: the highest server_seq of the user's rows over every table (each probe walks the feed index). */
export const MAX_SEQ_SQL =
  'SELECT coalesce(greatest(' +
  SYNCED_TABLES.map(
    (t) => `(SELECT max(server_seq) FROM ${CENTRAL_TABLE_NAMES[t]} WHERE ${ownerColumn(t)} = $1)`,
  ).join(', ') +
  '), 0) AS max_seq';

const FEED_HEAD_COLUMNS = SYNCED_TABLES.map(
  (t) =>
    `coalesce((SELECT max(server_seq) FROM ${CENTRAL_TABLE_NAMES[t]} WHERE ${ownerColumn(t)} = $1), 0) AS ${t}`,
).join(', ');

/** $1 owner: the highest server_seq of the user's rows in each table (0 when none), one column per table. */
export const FEED_HEADS_SQL = 'SELECT ' + FEED_HEAD_COLUMNS;

/** What a sync reads before it starts, in one statement: schema version, instance id, central clock. */
export const HANDSHAKE_SQL =
  'SELECT (SELECT coalesce(max(version), 0) FROM pfm_schema_version) AS version, ' +
  '(SELECT instance_id FROM pfm_instance WHERE singleton = 1) AS instance_id, clock_timestamp() AS now';
/** HANDSHAKE_SQL plus the feed heads of the user $1 (FEED_HEADS_SQL's columns). */
export const HANDSHAKE_HEADS_SQL = `${HANDSHAKE_SQL}, ${FEED_HEAD_COLUMNS}`;

export const LOCK_INSERT_SQL = 'INSERT INTO sync_user_lock (user_id) VALUES ($1) ON CONFLICT DO NOTHING';
export const LOCK_SELECT_SQL = 'SELECT user_id FROM sync_user_lock WHERE user_id = $1 FOR UPDATE';
/**
 * LOCK_INSERT_SQL and LOCK_SELECT_SQL in one round trip: the insert of a new lock row, or the no-op update of
 * the existing one, holds that row's lock to the end of the transaction, queueing every other writer.
 */
export const LOCK_UPSERT_SQL =
  'INSERT INTO sync_user_lock (user_id) VALUES ($1) ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id';
export const RECORD_BATCH_SQL =
  'INSERT INTO sync_batch (user_id, batch_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING batch_id';
/**
 * LOCK_UPSERT_SQL, then RECORD_BATCH_SQL, in one statement: the batch row is made from the lock's RETURNING,
 * so the lock is held first. Only the lock is taken in this statement's snapshot; a batch row of a concurrent
 * writer is found by the unique index (which waits for it), never through the snapshot.
 */
export const LOCK_AND_RECORD_BATCH_SQL =
  'WITH locked AS (INSERT INTO sync_user_lock (user_id) VALUES ($1) ON CONFLICT (user_id) ' +
  'DO UPDATE SET user_id = EXCLUDED.user_id RETURNING user_id) ' +
  'INSERT INTO sync_batch (user_id, batch_id) SELECT user_id, $2 FROM locked ON CONFLICT DO NOTHING ' +
  'RETURNING batch_id';

export const SAVE_BATCH_CONFLICTS_SQL =
  'UPDATE sync_batch SET conflicts = $3 WHERE user_id = $1 AND batch_id = $2';
export const BATCH_CONFLICTS_SQL = 'SELECT conflicts FROM sync_batch WHERE user_id = $1 AND batch_id = $2';
export const CENTRAL_NOW_SQL = 'SELECT clock_timestamp() AS now';

/**
 * The activity log is a report, written once at the end of every sync: its statement commits without waiting
 * for the WAL flush (synchronous_commit off for this one statement's transaction, set by the statement
 * itself). A server crash within a fraction of a second may lose that line, never anything else; every sync
 * saves the flush's wait (a fsync: the largest share of this statement's time).
 */
export const RECORD_ACTIVITY_SQL =
  "WITH async AS (SELECT set_config('synchronous_commit', 'off', true)) " +
  'INSERT INTO sync_activity (user_id, device_id, sync_type, status, started_at, finished_at, pushed, pulled, ' +
  'conflicts, error_message) ' +
  'SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::integer, $8::integer, $9::integer, ' +
  '$10::text FROM async';

/** Any arbitrary constant: the advisory lock that serializes concurrent migrations. */
export const MIGRATION_LOCK_SQL = 'SELECT pg_advisory_xact_lock(7270013351)';
export const SCHEMA_TABLE_SQL = `CREATE TABLE IF NOT EXISTS pfm_schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;
export const SCHEMA_VERSION_SQL = 'SELECT coalesce(max(version), 0) AS version FROM pfm_schema_version';
export const INSERT_SCHEMA_VERSION_SQL = 'INSERT INTO pfm_schema_version (version, name) VALUES ($1, $2)';

export const INSTANCE_ID_SQL = 'SELECT instance_id FROM pfm_instance WHERE singleton = 1';
export const USER_CURRENCY_SQL = 'SELECT currency FROM finance_user WHERE id = $1 AND deleted = 0';

export const REPORT_SQL = {
  monthly: 'SELECT income, income_count, expenses, expense_count FROM pfm_report_monthly($1, $2)',
  categories:
    'SELECT category_id, name, deleted, total, n, grand_total FROM pfm_report_categories($1, $2, $3) ORDER BY pos',
  budgets:
    'SELECT budget_id, category_id, name, limit_amount, spent FROM pfm_report_budgets($1, $2) ORDER BY pos',
  // A plain query (no report function): the rolling-over budgets up to a month, each with its month's
  // spending in its category, split parts counted in theirs (pfm_expense_parts).
  budgetHistory:
    'SELECT b.category_id, b.month, b.limit_amount, ' +
    "  (SELECT coalesce(sum(x.amount), 0) FROM pfm_expense_parts(b.user_id, b.month || '-01', b.month || '-31') x " +
    '   WHERE x.category_id = b.category_id)::BIGINT AS spent ' +
    'FROM finance_budget b WHERE b.user_id = $1 AND b.month <= $2 AND b.deleted = 0 AND b.rollover = 1',
  goals:
    // Only the sums: the function's own projected_on follows the rule of its release, not today's.
    'SELECT goal_id, name, target, target_date, saved, first_on, reached_on FROM pfm_report_goals($1, $2) ORDER BY pos',
  trend: 'SELECT month, income, expenses FROM pfm_report_trend($1, $2, $3)',
  tags: 'SELECT tag, expenses, income, n FROM pfm_report_tags($1, $2, $3) ORDER BY pos',
  accounts:
    'SELECT account_id, name, account_kind, archived, opening_balance, opening_date FROM pfm_report_accounts($1)',
  accountMonths: 'SELECT account_id, month, amount FROM pfm_report_account_months($1, $2)',
  syncActivity: 'SELECT * FROM pfm_report_sync_activity($1) ORDER BY user_id, last_sync_at DESC, device_id',
  recordCounts: 'SELECT * FROM pfm_report_record_counts($1) ORDER BY user_id, table_name',
} as const;
