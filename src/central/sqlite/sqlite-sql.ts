import { SYNCED_TABLES, type SyncedTable } from '../../domain/tables.js';
import { CENTRAL_TABLE_NAMES, centralColumns, ownerColumn } from '../table-names.js';

/**
 * Every statement the SQLite central store sends, built once from TABLES and CENTRAL_TABLE_NAMES: no
 * identifier comes from input, every value is a bind parameter (`?`, or `?1` where one value is used twice).
 */

function selectColumns(table: SyncedTable): string {
  return centralColumns(table)
    .map((c) => `t.${c}`)
    .join(', ');
}

export interface SqliteTableStatements {
  /** owner, ids as a JSON array */
  readonly readByIds: string;
  /** owner, after seq, limit */
  readonly readChanges: string;
  /** owner, after seq, up-to seq, limit */
  readonly readChangesUpTo: string;
  /** owner: every row in id (byte) order, for the digest */
  readonly readAllById: string;
  /** owner: the highest server_seq of the owner's rows (0 when none) */
  readonly head: string;
  /**
   * One row: id, each field, hlc, clock text, modified_at, server_seq, origin, then the owner; run once per row
   * of a batch (SqliteSession.many). Changes no row when the id is another user's (the update's WHERE refuses it).
   */
  readonly write: string;
}

function tableStatements(table: SyncedTable): SqliteTableStatements {
  const name = CENTRAL_TABLE_NAMES[table];
  const owner = ownerColumn(table);
  const cols = selectColumns(table);
  const writeCols = centralColumns(table);
  const updates = writeCols
    .slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return {
    // Found by primary key alone: the unary + keeps the owner's index out of the plan (SQLite chose it, and
    // then walked all of the owner's rows for every batch: a cost that grew with the owner's data).
    readByIds: `SELECT ${cols} FROM ${name} t WHERE t.id IN (SELECT value FROM json_each(?2)) AND +t.${owner} = ?1`,
    readChanges:
      `SELECT ${cols} FROM ${name} t WHERE t.${owner} = ? AND t.server_seq > ? ` +
      `ORDER BY t.server_seq LIMIT ?`,
    readChangesUpTo:
      `SELECT ${cols} FROM ${name} t WHERE t.${owner} = ? AND t.server_seq > ? AND t.server_seq <= ? ` +
      `ORDER BY t.server_seq LIMIT ?`,
    readAllById: `SELECT ${cols} FROM ${name} t WHERE t.${owner} = ? ORDER BY t.id`,
    head: `SELECT coalesce(max(server_seq), 0) AS head FROM ${name} WHERE ${owner} = ?`,
    write:
      `INSERT INTO ${name} (${writeCols.join(', ')}) VALUES (${writeCols.map(() => '?').join(', ')}) ` +
      `ON CONFLICT (id) DO UPDATE SET ${updates} WHERE ${name}.${owner} = ?`,
  };
}

export const SQLITE_TABLE_SQL: Readonly<Record<SyncedTable, SqliteTableStatements>> = Object.fromEntries(
  SYNCED_TABLES.map((t) => [t, tableStatements(t)]),
) as Record<SyncedTable, SqliteTableStatements>;

const FEED_HEAD_COLUMNS = SYNCED_TABLES.map(
  (t) =>
    `coalesce((SELECT max(server_seq) FROM ${CENTRAL_TABLE_NAMES[t]} WHERE ${ownerColumn(t)} = ?1), 0) AS ${t}`,
).join(', ');

/** ?1 owner: the highest server_seq of the user's rows in each table (0 when none), one column per table. */
export const FEED_HEADS_SQL = `SELECT ${FEED_HEAD_COLUMNS}`;

export const SCHEMA_TABLE_SQL = `CREATE TABLE IF NOT EXISTS pfm_schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;
export const SCHEMA_VERSION_SQL = 'SELECT coalesce(max(version), 0) AS version FROM pfm_schema_version';
export const HAS_SCHEMA_TABLE_SQL =
  "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'pfm_schema_version'";
export const INSERT_SCHEMA_VERSION_SQL = 'INSERT INTO pfm_schema_version (version, name) VALUES (?, ?)';
export const INSTANCE_ID_SQL = 'SELECT instance_id FROM pfm_instance WHERE singleton = 1';

/** n: draws n seqs; returns the last one (the first is last - n + 1). */
export const DRAW_SEQS_SQL =
  'UPDATE pfm_server_seq SET value = value + ? WHERE singleton = 1 RETURNING value';
export const RECORD_BATCH_SQL =
  'INSERT INTO sync_batch (user_id, batch_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING batch_id';
export const SAVE_BATCH_CONFLICTS_SQL =
  'UPDATE sync_batch SET conflicts = ? WHERE user_id = ? AND batch_id = ?';
export const BATCH_CONFLICTS_SQL = 'SELECT conflicts FROM sync_batch WHERE user_id = ? AND batch_id = ?';
export const RECORD_ACTIVITY_SQL =
  'INSERT INTO sync_activity (user_id, device_id, sync_type, status, started_at, finished_at, pushed, pulled, ' +
  'conflicts, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
export const USER_CURRENCY_SQL = 'SELECT currency FROM finance_user WHERE id = ? AND deleted = 0';

/**
 * ?1 user: every live movement of the user's accounts (the device's MOVEMENTS_SQL on the central tables):
 * expenses out, income in, each transfer out of one account and into the other.
 */
const MOVEMENTS =
  'SELECT account_id, expense_date AS day, -amount AS amount FROM finance_expense ' +
  '  WHERE user_id = ?1 AND deleted = 0 ' +
  'UNION ALL SELECT account_id, income_date, amount FROM finance_income WHERE user_id = ?1 AND deleted = 0 ' +
  'UNION ALL SELECT from_account_id, transfer_date, -amount FROM finance_transfer ' +
  '  WHERE user_id = ?1 AND deleted = 0 ' +
  'UNION ALL SELECT to_account_id, transfer_date, amount FROM finance_transfer ' +
  '  WHERE user_id = ?1 AND deleted = 0';

// ?1 user, ?2 from, ?3 to: each live expense's category and amount, a split one's once per part.
const EXPENSE_PARTS =
  'SELECT category_id, amount FROM finance_expense ' +
  '  WHERE user_id = ?1 AND expense_date BETWEEN ?2 AND ?3 AND deleted = 0 AND splits IS NULL ' +
  "UNION ALL SELECT json_extract(p.value, '$.category_id'), json_extract(p.value, '$.amount') " +
  '  FROM finance_expense e, json_each(e.splits) p ' +
  '  WHERE e.user_id = ?1 AND e.expense_date BETWEEN ?2 AND ?3 AND e.deleted = 0 AND e.splits IS NOT NULL';

/**
 * The spending of budget `b`'s category in its month, a split expense's parts counted in their categories:
 * two sums correlated to the budget, each an index range over the user's days of that month (as on the device).
 */
const BUDGET_SPENT =
  '(SELECT coalesce(sum(e.amount), 0) FROM finance_expense e WHERE e.user_id = b.user_id ' +
  "  AND e.expense_date BETWEEN b.month || '-01' AND b.month || '-31' AND e.deleted = 0 " +
  '  AND e.splits IS NULL AND e.category_id = b.category_id) + ' +
  "(SELECT coalesce(sum(json_extract(p.value, '$.amount')), 0) FROM finance_expense e, json_each(e.splits) p " +
  "  WHERE e.user_id = b.user_id AND e.expense_date BETWEEN b.month || '-01' AND b.month || '-31' " +
  "  AND e.deleted = 0 AND e.splits IS NOT NULL AND json_extract(p.value, '$.category_id') = b.category_id)";

/** The reports: the device's statements (local-reports.ts) on the central tables, in report order. */
export const SQLITE_REPORT_SQL = {
  /** user, from, to, user, from, to */
  monthly:
    'SELECT i.total AS income, i.n AS income_count, e.total AS expenses, e.n AS expense_count ' +
    'FROM (SELECT coalesce(sum(amount), 0) AS total, count(*) AS n FROM finance_income ' +
    '      WHERE user_id = ? AND income_date BETWEEN ? AND ? AND deleted = 0) i, ' +
    '     (SELECT coalesce(sum(amount), 0) AS total, count(*) AS n FROM finance_expense ' +
    '      WHERE user_id = ? AND expense_date BETWEEN ? AND ? AND deleted = 0) e',
  /** ?1 user, ?2 from, ?3 to */
  categories:
    'SELECT c.id AS category_id, c.name, c.deleted, t.total, t.n, sum(t.total) OVER () AS grand_total ' +
    `FROM (SELECT category_id, sum(amount) AS total, count(*) AS n FROM (${EXPENSE_PARTS}) GROUP BY category_id) t ` +
    'JOIN finance_category c ON c.id = t.category_id ' +
    'ORDER BY t.total DESC, c.name, c.id',
  /** ?1 user, ?2 from, ?3 to, ?4 month */
  budgets:
    'SELECT b.id AS budget_id, b.category_id, c.name, b.limit_amount, coalesce(s.spent, 0) AS spent ' +
    'FROM finance_budget b JOIN finance_category c ON c.id = b.category_id ' +
    `LEFT JOIN (SELECT category_id, sum(amount) AS spent FROM (${EXPENSE_PARTS}) GROUP BY category_id) s ` +
    '  ON s.category_id = b.category_id ' +
    'WHERE b.user_id = ?1 AND b.month = ?4 AND b.deleted = 0 ' +
    'ORDER BY c.name COLLATE NOCASE, b.id',
  /** ?1 user, ?2 through month: rolling-over budgets with their month's spending (see budgetSpent) */
  budgetHistory:
    `SELECT b.category_id, b.month, b.limit_amount, ${BUDGET_SPENT} AS spent ` +
    'FROM finance_budget b WHERE b.user_id = ?1 AND b.month <= ?2 AND b.deleted = 0 AND b.rollover = 1',
  /** ?1 user, ?2 from, ?3 to */
  tags:
    'SELECT t.tag, sum(t.expenses) AS expenses, sum(t.income) AS income, count(*) AS n FROM (' +
    '  SELECT g.value AS tag, e.amount AS expenses, 0 AS income FROM finance_expense e, json_each(e.tags) g ' +
    '  WHERE e.user_id = ?1 AND e.expense_date BETWEEN ?2 AND ?3 AND e.deleted = 0 AND e.tags IS NOT NULL ' +
    '  UNION ALL ' +
    '  SELECT g.value, 0, i.amount FROM finance_income i, json_each(i.tags) g ' +
    '  WHERE i.user_id = ?1 AND i.income_date BETWEEN ?2 AND ?3 AND i.deleted = 0 AND i.tags IS NOT NULL' +
    ') t GROUP BY t.tag ORDER BY sum(t.expenses) DESC, sum(t.income) DESC, t.tag',
  /** ?1 user: the sums a goal's projection is computed from (domain/reports.ts) */
  goals:
    'WITH c AS (' +
    '  SELECT gc.goal_id, gc.amount, gc.contributed_on, ' +
    '         sum(gc.amount) OVER (PARTITION BY gc.goal_id ORDER BY gc.contributed_on, gc.id ' +
    '                              ROWS UNBOUNDED PRECEDING) AS running ' +
    '  FROM finance_goal_contribution gc JOIN finance_savings_goal g ON g.id = gc.goal_id ' +
    '  WHERE g.user_id = ?1 AND g.deleted = 0 AND gc.deleted = 0) ' +
    'SELECT g.id AS goal_id, g.name, g.target_amount AS target, g.target_date, ' +
    '       coalesce(sum(c.amount), 0) AS saved, min(c.contributed_on) AS first_on, ' +
    '       min(CASE WHEN c.running >= g.target_amount THEN c.contributed_on END) AS reached_on ' +
    'FROM finance_savings_goal g LEFT JOIN c ON c.goal_id = g.id ' +
    'WHERE g.user_id = ?1 AND g.deleted = 0 ' +
    'GROUP BY g.id, g.name, g.target_amount, g.target_date ' +
    'ORDER BY g.name COLLATE NOCASE, g.id',
  /** user, from, to, user, from, to */
  trend:
    'SELECT month, sum(income) AS income, sum(expenses) AS expenses FROM (' +
    '  SELECT substr(income_date, 1, 7) AS month, sum(amount) AS income, 0 AS expenses FROM finance_income ' +
    '  WHERE user_id = ? AND income_date BETWEEN ? AND ? AND deleted = 0 GROUP BY substr(income_date, 1, 7) ' +
    '  UNION ALL ' +
    '  SELECT substr(expense_date, 1, 7), 0, sum(amount) FROM finance_expense ' +
    '  WHERE user_id = ? AND expense_date BETWEEN ? AND ? AND deleted = 0 GROUP BY substr(expense_date, 1, 7)) ' +
    'GROUP BY month',
  /** ?1 user: the accounts that count, live or still named by live rows */
  accounts:
    'SELECT id AS account_id, name, account_kind, archived, opening_balance, opening_date FROM finance_account ' +
    `WHERE user_id = ?1 AND (deleted = 0 OR id IN (SELECT account_id FROM (${MOVEMENTS})))`,
  /** ?1 user, ?2 the last day: movements summed per account and month */
  accountMonths:
    `SELECT account_id, substr(day, 1, 7) AS month, sum(amount) AS amount FROM (${MOVEMENTS}) ` +
    'WHERE day <= ?2 GROUP BY account_id, substr(day, 1, 7)',
  /** ?1 user, or NULL for every user */
  syncActivity:
    'SELECT a.user_id, a.device_id, count(*) AS syncs, ' +
    "       count(*) FILTER (WHERE a.status = 'Success') AS succeeded, " +
    "       count(*) FILTER (WHERE a.status = 'Partial') AS partial, " +
    "       count(*) FILTER (WHERE a.status = 'Failed') AS failed, " +
    '       coalesce(sum(a.pushed), 0) AS pushed, coalesce(sum(a.pulled), 0) AS pulled, ' +
    '       coalesce(sum(a.conflicts), 0) AS conflicts, ' +
    '       min(a.started_at) AS first_sync_at, max(a.started_at) AS last_sync_at, ' +
    '       (SELECT b.status FROM sync_activity b WHERE b.user_id = a.user_id AND b.device_id = a.device_id ' +
    '        ORDER BY b.started_at DESC, b.id DESC LIMIT 1) AS last_status ' +
    'FROM sync_activity a WHERE ?1 IS NULL OR a.user_id = ?1 ' +
    'GROUP BY a.user_id, a.device_id ' +
    'ORDER BY a.user_id, last_sync_at DESC, a.device_id',
  /** ?1 user, or NULL for every user */
  recordCounts:
    'SELECT t.user_id, u.name, t.table_name, ' +
    '       count(*) FILTER (WHERE t.deleted = 0) AS live, count(*) FILTER (WHERE t.deleted <> 0) AS deleted ' +
    'FROM (' +
    SYNCED_TABLES.map(
      (s) =>
        `SELECT '${s}' AS table_name, ${ownerColumn(s)} AS user_id, deleted FROM ${CENTRAL_TABLE_NAMES[s]}`,
    ).join(' UNION ALL ') +
    ') t LEFT JOIN finance_user u ON u.id = t.user_id ' +
    'WHERE ?1 IS NULL OR t.user_id = ?1 ' +
    'GROUP BY t.user_id, u.name, t.table_name ' +
    'ORDER BY t.user_id, t.table_name',
} as const;

const TOKEN_COLUMNS = 'id, user_id, device_id, label, created_at, last_used_at, revoked_at';

export const SQLITE_DEVICE_TOKEN_SQL = {
  /** id, hash, user, device, label, created_at */
  create:
    'INSERT INTO sync_device_token (id, token_hash, user_id, device_id, label, created_at) ' +
    'VALUES (?, ?, ?, ?, ?, ?)',
  /** hash */
  findByHash: `SELECT ${TOKEN_COLUMNS} FROM sync_device_token WHERE token_hash = ?`,
  /** ?1 user, or NULL for every user */
  list: `SELECT ${TOKEN_COLUMNS} FROM sync_device_token WHERE ?1 IS NULL OR user_id = ?1 ORDER BY user_id, created_at, id`,
  /** at, id */
  revokeById: 'UPDATE sync_device_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  /** ?1 at, ?2 user, ?3 device or NULL for every device */
  revokeByUser:
    'UPDATE sync_device_token SET revoked_at = ?1 ' +
    'WHERE user_id = ?2 AND (?3 IS NULL OR device_id = ?3) AND revoked_at IS NULL',
  /** at, id */
  touch: 'UPDATE sync_device_token SET last_used_at = ? WHERE id = ?',
} as const;
