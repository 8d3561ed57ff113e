import { SYNCED_TABLES, TABLES, type FieldSpec, type SyncedTable } from '../../domain/tables.js';
import { CENTRAL_EDIT_NODE } from '../central-store.js';
import {
  COMPACT_CLOCK_VERSION,
  compactClockSql,
  compactFieldClockSql,
  type ClockForm,
  type CompactPart,
} from '../compact-clock-sql.js';
import { compactClockConversionSql } from './oracle-compact-clocks.js';
import {
  CENTRAL_TABLE_NAMES,
  SCHEMA_1_TABLES,
  SCHEMA_6_TABLES,
  SCHEMA_7_TABLES,
  fieldsAt,
  insertDefaults,
  ownerColumn,
} from '../table-names.js';

/**
 * Every statement the Oracle store sends, in one module: DDL and migrations, the per-user lock, batch
 * reads and writes, the change feed, digests and the `pfm_reports` PL/SQL package. Identifiers come only from
 * TABLES, SYNCED_TABLES and CENTRAL_TABLE_NAMES (and the fixed names below); every value is a bind variable.
 *
 * Oracle-specific decisions (the logical columns are those of the PostgreSQL dialect, postgres/migrations.ts):
 * - Oracle stores '' as NULL. Text columns that may legitimately be empty (a description) therefore cannot be
 *   NOT NULL; only ids, owner and reference columns are. The store reads NULL back as '' for every field that
 *   TABLES says is not nullable, so rows (and digests) round-trip exactly.
 * - `server_seq` comes from ONE sequence, `finance_server_seq`, created ORDER: on RAC a NOORDER sequence
 *   hands out values from per-instance caches, so a later write of one user could get a lower number than an
 *   earlier one and a puller past it would skip it forever. ORDER costs nothing on a single instance.
 * - Sessions run with NLS_SORT = BINARY and NLS_COMP = BINARY (SESSION_SETUP_SQL), so ORDER BY id and text
 *   comparisons are byte order, as on the device (digests, report tie-breaks, running totals).
 * - A write is ONE `MERGE` per row inside a PL/SQL block run by `executeMany` (one round trip per table per
 *   batch). The block takes `finance_server_seq.NEXTVAL` for the row, merges it and hands the number back as
 *   an OUT bind (Oracle's MERGE has no RETURNING), or NULL when the id belongs to another user.
 * - DDL is not transactional in Oracle, so migrations are lists of idempotent statements, each committed on
 *   its own: "already exists" errors are expected when two processes migrate at once, and are ignored.
 * - Identifiers stay within 30 characters (Oracle before 12.2).
 */

/** The one sequence every write draws its `server_seq` from. */
export const SEQUENCE_NAME = 'finance_server_seq';
/** The PL/SQL package of the central reports. */
export const REPORTS_PACKAGE = 'pfm_reports';
/** Non-synced central tables (same names as the PostgreSQL dialect). */
export const LOCK_TABLE = 'sync_user_lock';
export const BATCH_TABLE = 'sync_batch';
export const ACTIVITY_TABLE = 'sync_activity';
export const SCHEMA_TABLE = 'pfm_schema_version';
export const INSTANCE_TABLE = 'pfm_instance';
export const TOKEN_TABLE = 'sync_device_token';

/** ORA codes that mean "this DDL was already done" (by an earlier or a concurrent migration). */
export const ALREADY_EXISTS = ['ORA-00955', 'ORA-01408', 'ORA-02260', 'ORA-02261', 'ORA-02275', 'ORA-01430'];
/** ORA codes that mean "this object does not exist" (dropping what is not there). */
export const DOES_NOT_EXIST = ['ORA-00942', 'ORA-02289', 'ORA-04043', 'ORA-01418'];

// ---------------------------------------------------------------------------------------------- table shapes

/** Sync columns read back after the fields, in order. */
const SYNC_READ_COLUMNS = ['hlc', 'clock', 'modified_at', 'server_seq', 'origin'] as const;
/** Columns a write binds per row (then `origin` and `owner`), in order. */
const WRITE_SYNC_COLUMNS = ['hlc', 'clock', 'modified_at'] as const;

// Per-table CHECKs and report indexes, as in the PostgreSQL dialect. Column names are checked against TABLES
// by the unit tests.
const CHECKS: Readonly<Record<SyncedTable, readonly string[]>> = {
  app_user: ['LENGTH(currency) = 3'],
  category: ["kind IN ('expense', 'income')"],
  account: [
    "account_kind IN ('checking', 'savings', 'credit_card', 'cash', 'loan', 'investment')",
    'on_budget IN (0, 1)',
    'archived IN (0, 1)',
  ],
  savings_goal: ['target_amount > 0'],
  expense: ['amount > 0'],
  income: ['amount > 0'],
  transfer: ['amount > 0', 'from_account_id <> to_account_id'],
  schedule: [
    "schedule_kind IN ('expense', 'income', 'transfer')",
    'amount > 0',
    'repeat_every >= 1',
    "repeat_unit IN ('day', 'week', 'month', 'year')",
    'day_of_month = -1 OR day_of_month BETWEEN 1 AND 31',
    'occurrence_count >= 1',
    'auto_post IN (0, 1)',
  ],
  budget: ['limit_amount > 0'],
  goal_contribution: ['amount > 0'],
  sync_conflict: ["resolution IN ('restored', 'dismissed')"],
};

export const EXTRA_INDEXES: Readonly<Record<SyncedTable, readonly (readonly [string, readonly string[]])[]>> =
  {
    app_user: [],
    category: [],
    account: [],
    savings_goal: [],
    expense: [['user_date', ['user_id', 'expense_date']]],
    income: [['user_date', ['user_id', 'income_date']]],
    transfer: [['user_date', ['user_id', 'transfer_date']]],
    schedule: [],
    budget: [['user_month', ['user_id', 'month']]],
    goal_contribution: [['goal', ['goal_id', 'contributed_on']]],
    sync_conflict: [],
  };

function isIdColumn(table: SyncedTable, field: FieldSpec): boolean {
  return field.name === ownerColumn(table) || field.name in TABLES[table].references;
}

function columnDdl(table: SyncedTable, field: FieldSpec): string {
  if (field.name === 'deleted') return 'deleted NUMBER(1) DEFAULT 0 NOT NULL CHECK (deleted IN (0, 1))';
  if (field.type === 'integer') return `${field.name} NUMBER(19)${field.nullable ? '' : ' NOT NULL'}`;
  if (isIdColumn(table, field)) return `${field.name} VARCHAR2(64)${field.nullable ? '' : ' NOT NULL'}`;
  // Nullable even when the field is not: Oracle cannot tell '' from NULL (see the module comment).
  return `${field.name} VARCHAR2(4000)`;
}

function createTableSql(table: SyncedTable, fields: readonly FieldSpec[] = TABLES[table].fields): string {
  const columns = [
    'id VARCHAR2(64) NOT NULL PRIMARY KEY',
    ...fields.map((f) => columnDdl(table, f)),
    'hlc VARCHAR2(64) NOT NULL',
    'clock CLOB NOT NULL CHECK (clock IS JSON)',
    'modified_at VARCHAR2(40) NOT NULL',
    'server_seq NUMBER(19) NOT NULL',
    'origin VARCHAR2(64)',
    ...CHECKS[table].map((c) => `CHECK (${c})`),
  ];
  return `CREATE TABLE ${CENTRAL_TABLE_NAMES[table]} (\n  ${columns.join(',\n  ')}\n)`;
}

/** Index DDL of one table: the change feed (owner, server_seq) and the report indexes. */
function createIndexSql(table: SyncedTable): string[] {
  const name = CENTRAL_TABLE_NAMES[table];
  const out: string[] = [];
  // The user's own feed is one row: the primary key already serves "id = :owner AND server_seq > :after".
  if (ownerColumn(table) !== 'id') out.push(`CREATE INDEX ${name}_feed ON ${name} (user_id, server_seq)`);
  for (const [suffix, cols] of EXTRA_INDEXES[table]) {
    out.push(`CREATE INDEX ${name}_${suffix} ON ${name} (${cols.join(', ')})`);
  }
  return out;
}

// ------------------------------------------------------------------------------------------- the statements

/** Columns read back for a synced row, in order (Oracle returns their names in upper case). */
export function readColumns(table: SyncedTable): string[] {
  return ['id', ...TABLES[table].fields.map((f) => f.name), ...SYNC_READ_COLUMNS];
}

/** The bind names of one row of a write, in the order of `writeBindRow`: columns, then origin and owner. */
export function writeBindNames(table: SyncedTable): string[] {
  return ['id', ...TABLES[table].fields.map((f) => f.name), ...WRITE_SYNC_COLUMNS, 'origin', 'owner'];
}

export interface OracleTableStatements {
  /** :owner, :ids (a JSON array of ids, text or CLOB) */
  readonly readByIds: string;
  /** :owner, :after, :n */
  readonly readChanges: string;
  /** :owner, :after, :upto, :n */
  readonly readChangesUpTo: string;
  /** :owner: every row in id (byte) order, for the digest */
  readonly readAllById: string;
  /** PL/SQL block for executeMany: IN binds `writeBindNames`, OUT bind :seq (NULL when refused) */
  readonly write: string;
  /** No rows, no binds: fails with ORA-00904 when the table lacks a column pfm needs. */
  readonly probe: string;
}

function tableStatements(table: SyncedTable): OracleTableStatements {
  const name = CENTRAL_TABLE_NAMES[table];
  const owner = ownerColumn(table);
  const cols = readColumns(table)
    .map((c) => `t.${c}`)
    .join(', ');
  const writeCols = ['id', ...TABLES[table].fields.map((f) => f.name), ...WRITE_SYNC_COLUMNS];
  const source = writeCols.map((c) => `:${c} AS ${c}`).join(', ');
  const updates = [
    ...writeCols.slice(1).map((c) => `t.${c} = s.${c}`),
    't.server_seq = v_seq',
    't.origin = :origin',
  ];
  // A row naming another owner is filtered out of the source; an id another user already has is not matched
  // for update: either way the MERGE touches no row, :seq comes back NULL, and the store fails the batch.
  const write = [
    'DECLARE',
    `  v_seq NUMBER(19) := ${SEQUENCE_NAME}.NEXTVAL;`,
    'BEGIN',
    `  MERGE INTO ${name} t`,
    `  USING (SELECT ${source} FROM dual WHERE :${owner} = :owner) s`,
    '  ON (t.id = s.id)',
    `  WHEN MATCHED THEN UPDATE SET ${updates.join(', ')}`,
    ...(owner === 'id' ? [] : [`    WHERE t.${owner} = :owner`]),
    `  WHEN NOT MATCHED THEN INSERT (${writeCols.join(', ')}, server_seq, origin)`,
    `    VALUES (${writeCols.map((c) => `s.${c}`).join(', ')}, v_seq, :origin);`,
    '  :seq := CASE WHEN SQL%ROWCOUNT = 1 THEN v_seq END;',
    'END;',
  ].join('\n');
  const ids = `SELECT j.id FROM JSON_TABLE(:ids, '$[*]' COLUMNS (id VARCHAR2(64) PATH '$')) j`;
  return {
    readByIds: `SELECT ${cols} FROM ${name} t WHERE t.${owner} = :owner AND t.id IN (${ids})`,
    readChanges:
      `SELECT ${cols} FROM ${name} t WHERE t.${owner} = :owner AND t.server_seq > :after ` +
      'ORDER BY t.server_seq FETCH FIRST :n ROWS ONLY',
    readChangesUpTo:
      `SELECT ${cols} FROM ${name} t WHERE t.${owner} = :owner AND t.server_seq > :after ` +
      'AND t.server_seq <= :upto ORDER BY t.server_seq FETCH FIRST :n ROWS ONLY',
    readAllById: `SELECT ${cols} FROM ${name} t WHERE t.${owner} = :owner ORDER BY t.id`,
    write,
    probe: `SELECT ${cols} FROM ${name} t WHERE 1 = 0`,
  };
}

export const TABLE_SQL: Readonly<Record<SyncedTable, OracleTableStatements>> = Object.fromEntries(
  SYNCED_TABLES.map((t) => [t, tableStatements(t)]),
) as Record<SyncedTable, OracleTableStatements>;

/** Run once on every new pooled session: byte-order sorting and comparison, whatever the database's locale. */
export const SESSION_SETUP_SQL = "ALTER SESSION SET NLS_SORT = 'BINARY' NLS_COMP = 'BINARY'";

/** :owner: the highest server_seq of the user's rows over every table (each probe walks the feed index). */
export const MAX_SEQ_SQL =
  'SELECT GREATEST(' +
  SYNCED_TABLES.map(
    (t) => `NVL((SELECT MAX(server_seq) FROM ${CENTRAL_TABLE_NAMES[t]} WHERE ${ownerColumn(t)} = :owner), 0)`,
  ).join(', ') +
  ') AS max_seq FROM dual';

/** :owner. Taken first: in the steady state the row exists and this one statement is the whole lock. */
export const LOCK_SELECT_SQL = `SELECT user_id FROM ${LOCK_TABLE} WHERE user_id = :owner FOR UPDATE`;
/**
 * :owner. Insert-if-absent of the lock row, when LOCK_SELECT found none. Two first writers of one user: the
 * second waits on the first's uncommitted insert and then gets ORA-00001, which the store ignores.
 */
export const LOCK_INSERT_SQL =
  `MERGE INTO ${LOCK_TABLE} l USING (SELECT :owner AS user_id FROM dual) s ON (l.user_id = s.user_id) ` +
  'WHEN NOT MATCHED THEN INSERT (user_id) VALUES (s.user_id)';

/** :owner, :batch. ORA-00001 means the batch was already applied. */
export const SAVE_BATCH_CONFLICTS_SQL = `UPDATE ${BATCH_TABLE} SET conflicts = :conflicts WHERE user_id = :owner AND batch_id = :batch`;
export const BATCH_CONFLICTS_SQL = `SELECT conflicts FROM ${BATCH_TABLE} WHERE user_id = :owner AND batch_id = :batch`;
export const CENTRAL_NOW_SQL = `SELECT SYSTIMESTAMP AS now FROM dual`;
export const RECORD_BATCH_SQL = `INSERT INTO ${BATCH_TABLE} (user_id, batch_id) VALUES (:owner, :batch)`;

export const RECORD_ACTIVITY_SQL =
  `INSERT INTO ${ACTIVITY_TABLE} (user_id, device_id, sync_type, status, started_at, finished_at, pushed, ` +
  'pulled, conflicts, error_message) VALUES (:owner, :device, :sync_type, :status, :started_at, :finished_at, ' +
  ':pushed, :pulled, :conflicts, :error_message)';

export const SCHEMA_TABLE_SQL = `CREATE TABLE ${SCHEMA_TABLE} (
  version NUMBER(10) NOT NULL PRIMARY KEY,
  name VARCHAR2(200) NOT NULL,
  applied_at TIMESTAMP WITH TIME ZONE DEFAULT SYSTIMESTAMP NOT NULL
)`;
export const SCHEMA_VERSION_SQL = `SELECT NVL(MAX(version), 0) AS version FROM ${SCHEMA_TABLE}`;
/** :version, :name. ORA-00001: a concurrent migration recorded it first. */
export const INSERT_SCHEMA_VERSION_SQL = `INSERT INTO ${SCHEMA_TABLE} (version, name) VALUES (:version, :name)`;
/** :name (upper case): why a PL/SQL unit did not compile. */
export const COMPILE_ERRORS_SQL =
  'SELECT type, line, position, text FROM user_errors WHERE name = :name ORDER BY type, sequence';

export const INSTANCE_ID_SQL = `SELECT instance_id FROM ${INSTANCE_TABLE} WHERE singleton = 1`;

/** :owner */
export const USER_CURRENCY_SQL = `SELECT currency FROM ${CENTRAL_TABLE_NAMES.app_user} WHERE id = :owner AND deleted = 0`;

// ------------------------------------------------------------------------------------ central edits by SQL

/*
 * Plain SQL writes on the synced tables (an admin's UPDATE, a job's INSERT, a DELETE) become changes every
 * device pulls, as in the PostgreSQL dialect (postgres/central-edit-triggers.ts): changed fields get a fresh
 * clock of the central store (node CENTRAL_EDIT_NODE), the row a new server_seq, under the user's lock.
 * The sync's own MERGE always sets server_seq, a plain write does not: each trigger's WHEN clause tells them
 * apart without running its body, so the sync's rows cost nothing more.
 * Oracle cannot keep a row that a DELETE removes (a row trigger cannot cancel it, nor write its own table), so
 * a compound trigger remembers each deleted row and, after the statement, inserts it again as a tombstone
 * (a row already a tombstone comes back exactly as it was). Clocks are rebuilt as text: their values are
 * clocks (no quotes, no escapes), and text functions work on every Oracle release pfm supports.
 */

/** Returns the next central clock after the clock text given (or after nothing, NULL). */
export const CENTRAL_HLC_FUNCTION = 'pfm_central_hlc';
/** Takes one user's write lock, as a sync's write unit does. */
export const CENTRAL_LOCK_PROCEDURE = 'pfm_central_lock';

const ISO_MILLIS = `'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"'`;
const NOW_ISO = `TO_CHAR(SYS_EXTRACT_UTC(SYSTIMESTAMP), ${ISO_MILLIS})`;

/**
 * Now in UTC milliseconds, counter 0; or, when now is not past p_after's time (the same millisecond, or a
 * device clock ahead of this server's), p_after's time with its counter + 1 (the next millisecond once the
 * counter is full). Fixed-width ISO text compares as the times do.
 */
export const CENTRAL_HLC_FUNCTION_SQL = [
  `CREATE OR REPLACE FUNCTION ${CENTRAL_HLC_FUNCTION}(p_after IN VARCHAR2) RETURN VARCHAR2 IS`,
  `  v_at VARCHAR2(24) := ${NOW_ISO};`,
  '  v_counter PLS_INTEGER := 0;',
  'BEGIN',
  '  IF p_after IS NOT NULL AND v_at <= SUBSTR(p_after, 1, 24) THEN',
  '    v_at := SUBSTR(p_after, 1, 24);',
  "    v_counter := TO_NUMBER(SUBSTR(p_after, 26, 4), 'XXXX') + 1;",
  '    IF v_counter > 65535 THEN',
  '      v_at := TO_CHAR(TO_TIMESTAMP(SUBSTR(p_after, 1, 23), \'YYYY-MM-DD"T"HH24:MI:SS.FF3\') +',
  `        INTERVAL '0.001' SECOND, ${ISO_MILLIS});`,
  '      v_counter := 0;',
  '    END IF;',
  '  END IF;',
  `  RETURN v_at || '-' || LPAD(TO_CHAR(v_counter, 'FMXXXX'), 4, '0') || '-${CENTRAL_EDIT_NODE}';`,
  `END ${CENTRAL_HLC_FUNCTION};`,
].join('\n');

/**
 * The user's write lock exactly as the store takes it (LOCK_SELECT_SQL, else LOCK_INSERT_SQL and select again),
 * held to the end of the transaction. Taken before a server_seq is drawn: one user's seqs then commit in the
 * order they were drawn, so a device that pulled past a seq never misses an earlier one committed later.
 */
export const CENTRAL_LOCK_PROCEDURE_SQL = [
  `CREATE OR REPLACE PROCEDURE ${CENTRAL_LOCK_PROCEDURE}(p_owner IN VARCHAR2) IS`,
  '  v_owner VARCHAR2(64);',
  'BEGIN',
  `  SELECT user_id INTO v_owner FROM ${LOCK_TABLE} WHERE user_id = p_owner FOR UPDATE;`,
  'EXCEPTION',
  '  WHEN NO_DATA_FOUND THEN',
  '    BEGIN',
  `      INSERT INTO ${LOCK_TABLE} (user_id) VALUES (p_owner);`,
  '    EXCEPTION',
  '      WHEN DUP_VAL_ON_INDEX THEN',
  `        SELECT user_id INTO v_owner FROM ${LOCK_TABLE} WHERE user_id = p_owner FOR UPDATE;`,
  '    END;',
  `END ${CENTRAL_LOCK_PROCEDURE};`,
].join('\n');

/** `clock` (a PL/SQL expression) with the clock of `field` replaced by `hlc` (another expression). */
function setClock(clock: string, field: string, hlc: string): string {
  return `REGEXP_REPLACE(${clock}, '"${field}"\\s*:\\s*"[^"]*"', '"${field}":"' || ${hlc} || '"')`;
}

/** The lines that stamp a written row (:NEW or a record) with clock `v_hlc`, a new seq and no origin. */
function stampLines(target: string, indent: string): string[] {
  return [
    `${target}.hlc := v_hlc;`,
    `${target}.modified_at := ${NOW_ISO};`,
    `${target}.server_seq := ${SEQUENCE_NAME}.NEXTVAL;`,
    `${target}.origin := NULL;`,
  ].map((l) => indent + l);
}

/**
 * The triggers of one synced table (a later migration adding a synced table installs the same on it), each a
 * PL/SQL unit that must compile. Names: the table's, plus `_ei` (insert), `_eu` (update), `_ed` (delete), 30
 * characters at most.
 * - BEFORE INSERT without a server_seq: every field's clock, hlc, modified_at and server_seq are stamped;
 * - BEFORE UPDATE leaving server_seq as it was: each changed field gets the new clock (nothing changed, the
 *   row is left alone);
 * - DELETE: the row comes back as a tombstone (deleted = 1, fresh clock on `deleted`, new seq).
 * `clockForm` is the stored form of the clock column (compact-clock-sql.ts): a released migration passes the
 * form of its release.
 */
export function centralEditTriggerStatements(
  table: SyncedTable,
  fieldSpecs: readonly FieldSpec[] = TABLES[table].fields,
  clockForm: ClockForm = 'compact',
): OracleStatement[] {
  const name = CENTRAL_TABLE_NAMES[table];
  const owner = ownerColumn(table);
  const fields = fieldSpecs.map((f) => f.name);
  const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'server_seq', 'origin'];
  const unit = (trigger: string, sql: string[]): OracleStatement => ({
    sql: sql.join('\n'),
    plsqlUnit: trigger.toUpperCase(),
  });
  // A BEFORE ... FOR EACH ROW trigger whose body runs only when `when` holds (tested without running it).
  const rowTrigger = (suffix: string, event: string, when: string, declare: string[], body: string[]) =>
    unit(`${name}_${suffix}`, [
      `CREATE OR REPLACE TRIGGER ${name}_${suffix}`,
      `BEFORE ${event} ON ${name} FOR EACH ROW`,
      `WHEN (${when})`,
      'DECLARE',
      '  v_hlc VARCHAR2(64);',
      ...declare,
      'BEGIN',
      ...body,
      ...stampLines(':NEW', '  '),
      `END ${name}_${suffix};`,
    ]);
  const differs = (f: string) =>
    `:NEW.${f} <> :OLD.${f} OR (:NEW.${f} IS NULL AND :OLD.${f} IS NOT NULL) ` +
    `OR (:NEW.${f} IS NOT NULL AND :OLD.${f} IS NULL)`;
  const json = clockForm === 'json';
  // The clock of a field the write leaves alone, read from the row before it (`row`: :OLD or a record).
  const keptClock = (row: string, f: string) =>
    compactFieldClockSql('instr', `${row}.clock`, `${row}.hlc`, f);
  // INSERT: every field at the new clock, the row's hlc: as JSON each field named; compact, the empty text
  // (NULL in Oracle).
  const insertClock = json
    ? `'{' || ${fields.map((f) => `'"${f}":"' || v_hlc || '"'`).join(" || ',' || ")} || '}'`
    : 'NULL';
  // UPDATE: as JSON, each changed field's clock replaced in place; compact, the text made again: a changed
  // field at the row's new hlc (not written), every other with its own clock, now written out.
  const updateClock = json
    ? fields.map((f) => `  IF ${differs(f)} THEN v_clock := ${setClock('v_clock', f, 'v_hlc')}; END IF;`)
    : [
        `  :NEW.clock := ${compactClockSql(
          fields.map((f): CompactPart => ({ field: f, omit: differs(f), clock: keptClock(':OLD', f) })),
        )};`,
      ];
  // DELETE: `deleted` at the new clock, every other field as it was.
  const tombstoneClock = json
    ? setClock('g_rows(i).clock', 'deleted', 'v_hlc')
    : compactClockSql(
        fields
          .filter((f) => f !== 'deleted')
          .map((f): CompactPart => ({ field: f, clock: keptClock('g_rows(i)', f) })),
      );
  return [
    rowTrigger(
      'ei',
      'INSERT',
      'NEW.server_seq IS NULL',
      [],
      [
        `  ${CENTRAL_LOCK_PROCEDURE}(:NEW.${owner});`,
        `  v_hlc := ${CENTRAL_HLC_FUNCTION}(NULL);`,
        ...insertDefaults(table, fieldSpecs).map(
          ([f, from]) => `  :NEW.${f} := NVL(:NEW.${f}, :NEW.${from});`,
        ),
        `  :NEW.clock := ${insertClock};`,
      ],
    ),
    rowTrigger(
      'eu',
      'UPDATE',
      'NEW.server_seq = OLD.server_seq',
      json ? ['  v_clock CLOB := :OLD.clock;'] : [],
      [
        `  IF NOT (${fields.map(differs).join('\n    OR ')}) THEN`,
        '    RETURN;',
        '  END IF;',
        `  ${CENTRAL_LOCK_PROCEDURE}(:OLD.${owner});`,
        `  IF ${differs(owner)} THEN`,
        `    ${CENTRAL_LOCK_PROCEDURE}(:NEW.${owner});`,
        '  END IF;',
        `  v_hlc := ${CENTRAL_HLC_FUNCTION}(:OLD.hlc);`,
        ...updateClock,
        ...(json ? ['  :NEW.clock := v_clock;'] : []),
      ],
    ),
    unit(`${name}_ed`, [
      `CREATE OR REPLACE TRIGGER ${name}_ed`,
      `FOR DELETE ON ${name}`,
      'COMPOUND TRIGGER',
      `  TYPE t_rows IS TABLE OF ${name}%ROWTYPE;`,
      '  g_rows t_rows := t_rows();',
      '  BEFORE EACH ROW IS',
      '  BEGIN',
      '    g_rows.EXTEND;',
      ...columns.map((c) => `    g_rows(g_rows.LAST).${c} := :OLD.${c};`),
      '    IF :OLD.deleted = 0 THEN',
      `      ${CENTRAL_LOCK_PROCEDURE}(:OLD.${owner});`,
      '    END IF;',
      '  END BEFORE EACH ROW;',
      '  AFTER STATEMENT IS',
      '    v_hlc VARCHAR2(64);',
      '  BEGIN',
      '    FOR i IN 1 .. g_rows.COUNT LOOP',
      '      IF g_rows(i).deleted = 0 THEN',
      `        v_hlc := ${CENTRAL_HLC_FUNCTION}(g_rows(i).hlc);`,
      '        g_rows(i).deleted := 1;',
      `        g_rows(i).clock := ${tombstoneClock};`,
      ...stampLines('g_rows(i)', '        '),
      '      END IF;',
      `      INSERT INTO ${name} VALUES g_rows(i);`,
      '    END LOOP;',
      '    g_rows.DELETE;',
      '  END AFTER STATEMENT;',
      `END ${name}_ed;`,
    ]),
  ];
}

// --------------------------------------------------------------------------------------- the PL/SQL reports

/** The functions of `pfm_reports` as released in version 1, in package order. Frozen, like that version. */
const REPORT_FUNCTIONS_V1 = {
  monthly: ['p_user', 'p_month'],
  categories: ['p_user', 'p_from', 'p_to'],
  budgets: ['p_user', 'p_month'],
  goals: ['p_user', 'p_as_of'],
  trend: ['p_user', 'p_first_month', 'p_end_month'],
  sync_activity: ['p_user'],
  record_counts: ['p_user'],
} as const;
type ReportFunctionV1 = keyof typeof REPORT_FUNCTIONS_V1;

/** Version 6 added the two that balances and net worth are computed from. Frozen, like that version. */
const REPORT_FUNCTIONS_V6 = {
  ...REPORT_FUNCTIONS_V1,
  accounts: ['p_user'],
  account_months: ['p_user', 'p_up_to'],
} as const;
type ReportFunctionV6 = keyof typeof REPORT_FUNCTIONS_V6;

/**
 * The reports of `pfm_reports` today: function name and parameters (all VARCHAR2), each returning a
 * SYS_REFCURSOR. Version 8 added the report by tag.
 */
export const REPORT_FUNCTIONS = {
  ...REPORT_FUNCTIONS_V6,
  tags: ['p_user', 'p_from', 'p_to'],
} as const;
export type ReportFunction = keyof typeof REPORT_FUNCTIONS;

/** `BEGIN :cur := pfm_reports.<fn>(:p_user, ...); END;` with the report's parameters as binds. */
export const REPORT_SQL: Readonly<Record<ReportFunction, string>> = Object.fromEntries(
  Object.entries(REPORT_FUNCTIONS).map(([fn, params]) => [
    fn,
    `BEGIN :cur := ${REPORTS_PACKAGE}.${fn}(${params.map((p) => `:${p}`).join(', ')}); END;`,
  ]),
) as Record<ReportFunction, string>;

const T = CENTRAL_TABLE_NAMES;
const LOWER = "'abcdefghijklmnopqrstuvwxyz'";
const UPPER = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'";
/** Case-insensitive order as SQLite's NOCASE: ASCII letters folded, then bytes (the session sorts BINARY). */
const nocase = (expr: string) => `TRANSLATE(${expr}, ${UPPER}, ${LOWER})`;

function signature(fn: ReportFunction): string {
  const params = REPORT_FUNCTIONS[fn].map((p) => `${p} IN VARCHAR2`).join(', ');
  return `FUNCTION ${fn}(${params}) RETURN SYS_REFCURSOR`;
}

// Per goal: saved, the first contribution's date and the date the running total reached the target. Part of
// the goal report of versions 1 and 3: never change it (a change would edit a released migration).
const GOAL_SUMS = `      WITH c AS (
        SELECT gc.goal_id, gc.amount, gc.contributed_on,
               SUM(gc.amount) OVER (PARTITION BY gc.goal_id ORDER BY gc.contributed_on, gc.id
                                    ROWS UNBOUNDED PRECEDING) AS running
        FROM ${T.goal_contribution} gc JOIN ${T.savings_goal} g ON g.id = gc.goal_id
        WHERE g.user_id = p_user AND g.deleted = 0 AND gc.deleted = 0),
      s AS (
        SELECT g.id, g.name, g.target_amount, g.target_date,
               NVL(SUM(c.amount), 0) AS saved,
               MIN(c.contributed_on) AS first_on,
               MIN(CASE WHEN c.running >= g.target_amount THEN c.contributed_on END) AS reached_on
        FROM ${T.savings_goal} g LEFT JOIN c ON c.goal_id = g.id
        WHERE g.user_id = p_user AND g.deleted = 0
        GROUP BY g.id, g.name, g.target_amount, g.target_date)`;

/**
 * The goals' sums as a plain query, read by the goal report: the projection is computed from them in
 * TypeScript (projectGoalDate, src/domain/reports.ts), so the package's goals function, whose projection
 * follows the rule of its release, is no longer read. Binds: p_user.
 */
export const GOAL_SUMS_SQL = `${GOAL_SUMS.replaceAll('= p_user', '= :p_user')}
      SELECT id AS goal_id, name, target_amount AS target, target_date, saved, first_on, reached_on
      FROM s ORDER BY ${nocase('name')}, id`;

/**
 * The rolling-over budgets up to a month (:p_month), each with its month's spending in its category, split
 * parts counted in theirs: a plain query, as the report's rollover is computed in TypeScript
 * (domain/budget-rollover.ts). Binds: p_user, p_month.
 */
export const BUDGET_HISTORY_SQL = `
      SELECT b.category_id AS category_id, b.month AS month, b.limit_amount AS limit_amount,
             (SELECT NVL(SUM(e.amount), 0) FROM ${T.expense} e
              WHERE e.user_id = b.user_id AND e.expense_date BETWEEN b.month || '-01' AND b.month || '-31'
                AND e.deleted = 0 AND e.splits IS NULL AND e.category_id = b.category_id)
             + (SELECT NVL(SUM(p.amount), 0) FROM ${T.expense} e,
                  JSON_TABLE(e.splits, '$[*]' COLUMNS (category_id VARCHAR2(64) PATH '$.category_id',
                                                       amount NUMBER(19) PATH '$.amount')) p
                WHERE e.user_id = b.user_id AND e.expense_date BETWEEN b.month || '-01' AND b.month || '-31'
                  AND e.deleted = 0 AND e.splits IS NOT NULL AND p.category_id = b.category_id) AS spent
      FROM ${T.budget} b
      WHERE b.user_id = :p_user AND b.month <= :p_month AND b.deleted = 0 AND b.rollover = 1`;

/**
 * Rows per user and table, live and tombstones, over `tables`. Part of the bodies of versions 1 and 6: never
 * change the text it makes. The first branch's CAST types the column: bare literals of different lengths
 * would union as a blank-padded CHAR.
 */
function recordCountsBody(tables: readonly SyncedTable[]): string {
  return `
      SELECT t.user_id AS user_id, u.name AS name, t.table_name AS table_name,
             COUNT(CASE WHEN t.deleted = 0 THEN 1 END) AS live,
             COUNT(CASE WHEN t.deleted <> 0 THEN 1 END) AS deleted
      FROM (
        ${tables
          .map(
            (table, i) =>
              `SELECT ${i === 0 ? `CAST('${table}' AS VARCHAR2(30)) AS table_name` : `'${table}'`}, ` +
              `${ownerColumn(table)}${i === 0 ? ' AS user_id' : ''}, deleted FROM ${CENTRAL_TABLE_NAMES[table]}`,
          )
          .join('\n        UNION ALL ')}) t
      LEFT JOIN ${T.app_user} u ON u.id = t.user_id
      WHERE p_user IS NULL OR t.user_id = p_user
      GROUP BY t.user_id, u.name, t.table_name
      ORDER BY t.user_id, t.table_name`;
}

/**
 * Report bodies as released in version 1: each opens one cursor. Column aliases are the row shapes of
 * report-rows.ts. Frozen: later changes replace a body in REPORT_BODIES below, installed by a new migration.
 */
const REPORT_BODIES_V1: Readonly<Record<ReportFunctionV1, string>> = {
  // Month ranges are text ranges 'YYYY-MM-01' .. 'YYYY-MM-31': every real date of the month is inside.
  monthly: `
      SELECT i.total AS income, i.n AS income_count, e.total AS expenses, e.n AS expense_count
      FROM (SELECT NVL(SUM(amount), 0) AS total, COUNT(*) AS n FROM ${T.income}
            WHERE user_id = p_user AND income_date BETWEEN p_month || '-01' AND p_month || '-31'
              AND deleted = 0) i,
           (SELECT NVL(SUM(amount), 0) AS total, COUNT(*) AS n FROM ${T.expense}
            WHERE user_id = p_user AND expense_date BETWEEN p_month || '-01' AND p_month || '-31'
              AND deleted = 0) e`,
  // Largest total first, then name, then id. An expense in a deleted category still counts.
  categories: `
      SELECT c.id AS category_id, c.name AS name, c.deleted AS deleted, t.total AS total, t.n AS n,
             SUM(t.total) OVER () AS grand_total
      FROM (SELECT e.category_id, SUM(e.amount) AS total, COUNT(*) AS n FROM ${T.expense} e
            WHERE e.user_id = p_user AND e.expense_date BETWEEN p_from AND p_to AND e.deleted = 0
            GROUP BY e.category_id) t
      JOIN ${T.category} c ON c.id = t.category_id
      ORDER BY t.total DESC, c.name, c.id`,
  budgets: `
      SELECT b.id AS budget_id, b.category_id AS category_id, c.name AS name, b.limit_amount AS limit_amount,
             NVL(s.spent, 0) AS spent
      FROM ${T.budget} b
      JOIN ${T.category} c ON c.id = b.category_id
      LEFT JOIN (SELECT category_id, SUM(amount) AS spent FROM ${T.expense}
                 WHERE user_id = p_user AND expense_date BETWEEN p_month || '-01' AND p_month || '-31'
                   AND deleted = 0
                 GROUP BY category_id) s ON s.category_id = b.category_id
      WHERE b.user_id = p_user AND b.month = p_month AND b.deleted = 0
      ORDER BY ${nocase('c.name')}, b.id`,
  // projected_on (reports.ts): the date of the contribution whose running total (by date, then id) reached
  // the target; else, with contributions, as_of + ceil(remaining * days / saved) where days = (as_of - first
  // contribution) + 1, at least 1; else NULL. The ceiling is exact integer arithmetic on NUMBER.
  goals: `
${GOAL_SUMS}
      SELECT s.id AS goal_id, s.name AS name, s.target_amount AS target, s.target_date AS target_date,
             s.saved AS saved,
             CASE
               WHEN s.reached_on IS NOT NULL THEN s.reached_on
               WHEN s.first_on IS NULL OR s.saved = 0 THEN NULL
               ELSE TO_CHAR(TO_DATE(p_as_of, 'YYYY-MM-DD')
                      + FLOOR((GREATEST(s.target_amount - s.saved, 0)
                               * GREATEST(TO_DATE(p_as_of, 'YYYY-MM-DD') - TO_DATE(s.first_on, 'YYYY-MM-DD') + 1, 1)
                               + s.saved - 1) / s.saved),
                    'YYYY-MM-DD')
             END AS projected_on
      FROM s
      ORDER BY ${nocase('s.name')}, s.id`,
  // Months without data are absent; the store fills them with zeros.
  trend: `
      SELECT m.month AS month, SUM(m.income) AS income, SUM(m.expenses) AS expenses FROM (
        SELECT SUBSTR(income_date, 1, 7) AS month, SUM(amount) AS income, 0 AS expenses FROM ${T.income}
        WHERE user_id = p_user AND income_date BETWEEN p_first_month || '-01' AND p_end_month || '-31'
          AND deleted = 0
        GROUP BY SUBSTR(income_date, 1, 7)
        UNION ALL
        SELECT SUBSTR(expense_date, 1, 7), 0, SUM(amount) FROM ${T.expense}
        WHERE user_id = p_user AND expense_date BETWEEN p_first_month || '-01' AND p_end_month || '-31'
          AND deleted = 0
        GROUP BY SUBSTR(expense_date, 1, 7)) m
      GROUP BY m.month`,
  // Cross-device: each device's sync runs, for one user (p_user) or every user (NULL).
  sync_activity: `
      SELECT a.user_id AS user_id, a.device_id AS device_id, COUNT(*) AS syncs,
             COUNT(CASE WHEN a.status = 'Success' THEN 1 END) AS succeeded,
             COUNT(CASE WHEN a.status = 'Partial' THEN 1 END) AS partial,
             COUNT(CASE WHEN a.status = 'Failed' THEN 1 END) AS failed,
             NVL(SUM(a.pushed), 0) AS pushed, NVL(SUM(a.pulled), 0) AS pulled,
             NVL(SUM(a.conflicts), 0) AS conflicts,
             MIN(a.started_at) AS first_sync_at, MAX(a.started_at) AS last_sync_at,
             MAX(a.status) KEEP (DENSE_RANK LAST ORDER BY a.started_at, a.id) AS last_status
      FROM ${ACTIVITY_TABLE} a
      WHERE p_user IS NULL OR a.user_id = p_user
      GROUP BY a.user_id, a.device_id
      ORDER BY a.user_id, MAX(a.started_at) DESC, a.device_id`,
  // Cross-device: rows per user and table, live and tombstones, for one user (p_user) or every user (NULL).
  record_counts: recordCountsBody(SCHEMA_1_TABLES),
};

/** The package's spec declaring `functions`, in their order, under the comment lines `about`. */
function packageSpecSql(functions: readonly ReportFunction[], about: readonly string[]): string {
  return [
    `CREATE OR REPLACE PACKAGE ${REPORTS_PACKAGE} AS`,
    ...about.map((line) => `  -- ${line}`),
    ...functions.map((fn) => `  ${signature(fn)};`),
    `END ${REPORTS_PACKAGE};`,
  ].join('\n');
}

const FUNCTIONS_V1 = Object.keys(REPORT_FUNCTIONS_V1) as ReportFunctionV1[];
const FUNCTIONS_V6 = Object.keys(REPORT_FUNCTIONS_V6) as ReportFunctionV6[];
const FUNCTIONS = Object.keys(REPORT_FUNCTIONS) as ReportFunction[];

/** The package's spec as released in version 1 (its text is pinned). */
const REPORTS_PACKAGE_SQL_V1 = packageSpecSql(FUNCTIONS_V1, [
  'The central reports (the "PL/SQL reports" the original specification asked for): each opens one cursor of',
  'sums and counts; the store applies percent() so percentages round exactly as on the device.',
]);
/** The package's spec as released in version 6. */
const REPORTS_PACKAGE_SQL_V6 = packageSpecSql(FUNCTIONS_V6, [
  'The central reports: each opens one cursor of sums and counts; the store maps the rows with the',
  'functions the device uses (percent(), toBalanceReport, toNetWorthReport), so both sides agree.',
]);
/** The package's spec of the newest migration. */
export const REPORTS_PACKAGE_SQL = packageSpecSql(FUNCTIONS, [
  'The central reports: each opens one cursor of sums and counts; the store maps the rows with the',
  'functions the device uses (percent(), toBalanceReport, toNetWorthReport), so both sides agree.',
]);

/** The package's body implementing each of `functions` by its cursor query in `bodies`. */
function packageBodySql<F extends ReportFunction>(
  functions: readonly F[],
  bodies: Readonly<Record<F, string>>,
): string {
  return [
    `CREATE OR REPLACE PACKAGE BODY ${REPORTS_PACKAGE} AS`,
    ...functions.map((fn) =>
      [
        `  ${signature(fn)} IS`,
        '    rc SYS_REFCURSOR;',
        '  BEGIN',
        `    OPEN rc FOR${bodies[fn]};`,
        '    RETURN rc;',
        `  END ${fn};`,
      ].join('\n'),
    ),
    `END ${REPORTS_PACKAGE};`,
  ].join('\n\n');
}

/**
 * The report bodies of version 5: a goal projection more than GOAL_PROJECTION_HORIZON_DAYS (36525,
 * src/domain/reports.ts) after as_of is NULL; adding more days would pass Oracle's year 9999 (ORA-01841).
 * Frozen: version 6 builds on it.
 */
const REPORT_BODIES_V5: Readonly<Record<ReportFunctionV1, string>> = {
  ...REPORT_BODIES_V1,
  goals: `
${GOAL_SUMS},
      p AS (
        SELECT s.id, s.name, s.target_amount, s.target_date, s.saved, s.reached_on,
               CASE WHEN s.reached_on IS NULL AND s.first_on IS NOT NULL AND s.saved > 0
                    THEN FLOOR((GREATEST(s.target_amount - s.saved, 0)
                                * GREATEST(TO_DATE(p_as_of, 'YYYY-MM-DD') - TO_DATE(s.first_on, 'YYYY-MM-DD') + 1, 1)
                                + s.saved - 1) / s.saved)
               END AS ahead
        FROM s)
      SELECT p.id AS goal_id, p.name AS name, p.target_amount AS target, p.target_date AS target_date,
             p.saved AS saved,
             CASE
               WHEN p.reached_on IS NOT NULL THEN p.reached_on
               WHEN p.ahead IS NULL OR p.ahead > 36525 THEN NULL
               ELSE TO_CHAR(TO_DATE(p_as_of, 'YYYY-MM-DD') + p.ahead, 'YYYY-MM-DD')
             END AS projected_on
      FROM p
      ORDER BY ${nocase('p.name')}, p.id`,
};

/**
 * Every live movement of p_user's accounts, as on the device (local/account-movements.ts): expenses out,
 * income in, each transfer out of one account and into the other. Part of the version 6 bodies.
 */
const MOVEMENTS = `
        SELECT account_id, expense_date AS moved_on, -amount AS amount FROM ${T.expense}
        WHERE user_id = p_user AND deleted = 0
        UNION ALL
        SELECT account_id, income_date, amount FROM ${T.income} WHERE user_id = p_user AND deleted = 0
        UNION ALL
        SELECT from_account_id, transfer_date, -amount FROM ${T.transfer} WHERE user_id = p_user AND deleted = 0
        UNION ALL
        SELECT to_account_id, transfer_date, amount FROM ${T.transfer} WHERE user_id = p_user AND deleted = 0`;

/**
 * The report bodies of version 6: the rows balances and net worth are computed from (the store maps them
 * with the device's toBalanceReport / toNetWorthReport), and record counts over every synced table.
 */
const REPORT_BODIES_V6: Readonly<Record<ReportFunctionV6, string>> = {
  ...REPORT_BODIES_V5,
  record_counts: recordCountsBody(SCHEMA_6_TABLES),
  // The accounts that count: the live ones, and a deleted one that live rows still name. Any order.
  accounts: `
      SELECT a.id AS account_id, a.name AS name, a.account_kind AS account_kind, a.archived AS archived,
             a.opening_balance AS opening_balance, a.opening_date AS opening_date
      FROM ${T.account} a
      WHERE a.user_id = p_user
        AND (a.deleted = 0 OR a.id IN (SELECT m.account_id FROM (${MOVEMENTS}) m))`,
  // Movements summed per account and month, up to the day p_up_to. Any order.
  account_months: `
      SELECT m.account_id AS account_id, SUBSTR(m.moved_on, 1, 7) AS month, SUM(m.amount) AS amount
      FROM (${MOVEMENTS}) m
      WHERE m.moved_on <= p_up_to
      GROUP BY m.account_id, SUBSTR(m.moved_on, 1, 7)`,
};

/** The report bodies of version 7: record counts over the schedules too. */
const REPORT_BODIES_V7: Readonly<Record<ReportFunctionV6, string>> = {
  ...REPORT_BODIES_V6,
  record_counts: recordCountsBody(SCHEMA_7_TABLES),
};

/** Each live expense's category and amount between p_from and p_to, a split one's once per part. */
const expenseParts = (from: string, to: string) => `
        SELECT category_id, amount FROM ${T.expense}
        WHERE user_id = p_user AND expense_date BETWEEN ${from} AND ${to} AND deleted = 0 AND splits IS NULL
        UNION ALL
        SELECT p.category_id, p.amount FROM ${T.expense} e,
          JSON_TABLE(e.splits, '$[*]' COLUMNS (category_id VARCHAR2(64) PATH '$.category_id',
                                               amount NUMBER(19) PATH '$.amount')) p
        WHERE e.user_id = p_user AND e.expense_date BETWEEN ${from} AND ${to} AND e.deleted = 0
          AND e.splits IS NOT NULL`;

/** Live rows of `table` between p_from and p_to, once per tag. */
const taggedRows = (table: 'expense' | 'income', day: string, expenses: string, income: string) => `
        SELECT g.tag AS tag, ${expenses} AS expenses, ${income} AS income FROM ${T[table]} x,
          JSON_TABLE(x.tags, '$[*]' COLUMNS (tag VARCHAR2(4000) PATH '$')) g
        WHERE x.user_id = p_user AND x.${day} BETWEEN p_from AND p_to AND x.deleted = 0 AND x.tags IS NOT NULL`;

/** The report bodies of version 8: a split counts each part in its own category; the report by tag. */
const REPORT_BODIES_V8: Readonly<Record<ReportFunction, string>> = {
  ...REPORT_BODIES_V7,
  categories: `
      SELECT c.id AS category_id, c.name AS name, c.deleted AS deleted, t.total AS total, t.n AS n,
             SUM(t.total) OVER () AS grand_total
      FROM (SELECT x.category_id, SUM(x.amount) AS total, COUNT(*) AS n FROM (${expenseParts('p_from', 'p_to')}) x
            GROUP BY x.category_id) t
      JOIN ${T.category} c ON c.id = t.category_id
      ORDER BY t.total DESC, c.name, c.id`,
  budgets: `
      SELECT b.id AS budget_id, b.category_id AS category_id, c.name AS name, b.limit_amount AS limit_amount,
             NVL(s.spent, 0) AS spent
      FROM ${T.budget} b
      JOIN ${T.category} c ON c.id = b.category_id
      LEFT JOIN (SELECT x.category_id, SUM(x.amount) AS spent
                 FROM (${expenseParts("p_month || '-01'", "p_month || '-31'")}) x
                 GROUP BY x.category_id) s ON s.category_id = b.category_id
      WHERE b.user_id = p_user AND b.month = p_month AND b.deleted = 0
      ORDER BY ${nocase('c.name')}, b.id`,
  tags: `
      SELECT t.tag AS tag, SUM(t.expenses) AS expenses, SUM(t.income) AS income, COUNT(*) AS n
      FROM (${taggedRows('expense', 'expense_date', 'x.amount', '0')}
        UNION ALL ${taggedRows('income', 'income_date', '0', 'x.amount')}) t
      GROUP BY t.tag
      ORDER BY SUM(t.expenses) DESC, SUM(t.income) DESC, t.tag`,
};

/** The package body of version 6, as released. */
const REPORTS_PACKAGE_BODY_SQL_V6 = packageBodySql(FUNCTIONS_V6, REPORT_BODIES_V6);

/** The package body of version 7, as released. */
const REPORTS_PACKAGE_BODY_SQL_V7 = packageBodySql(FUNCTIONS_V6, REPORT_BODIES_V7);

/** The package body of the newest migration. */
export const REPORTS_PACKAGE_BODY_SQL = packageBodySql(FUNCTIONS, REPORT_BODIES_V8);

// ---------------------------------------------------------------------------------------------- migrations

export interface OracleStatement {
  readonly sql: string;
  /** ORA codes that mean the statement's work is already done (ignored). */
  readonly ignore?: readonly string[];
  /** A PL/SQL unit: a compilation warning (ORA-24344) fails the migration with the compiler's errors. */
  readonly plsqlUnit?: string;
}

export interface OracleMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly OracleStatement[];
}

const idempotent = (sql: string): OracleStatement => ({ sql, ignore: ALREADY_EXISTS });

// The clock of the values migration 6 gives every earlier row: the same on every store, older than any edit.
const MIGRATION_CLOCK = '1970-01-01T00:00:00.000Z-0000-0000000000000000';

/**
 * Forward-only, numbered migrations. A released migration is never edited: later changes are new entries
 * (a unit test pins the text of version 1, which is built from TABLES).
 */
export const ORACLE_MIGRATIONS: readonly OracleMigration[] = [
  {
    version: 1,
    name: 'initial central schema',
    statements: [
      idempotent(`CREATE SEQUENCE ${SEQUENCE_NAME} START WITH 1 INCREMENT BY 1 CACHE 100 ORDER NOCYCLE`),
      // Who this central store is: devices key their cursors by it, so a store rebuilt at the same URL is
      // seen as new. SYS_GUID() is unique per call; a concurrent migration's insert loses on the key.
      idempotent(
        `CREATE TABLE ${INSTANCE_TABLE} (\n` +
          '  singleton NUMBER(1) NOT NULL PRIMARY KEY CHECK (singleton = 1),\n' +
          '  instance_id VARCHAR2(64) NOT NULL\n)',
      ),
      {
        sql: `INSERT INTO ${INSTANCE_TABLE} (singleton, instance_id) VALUES (1, LOWER(RAWTOHEX(SYS_GUID())))`,
        ignore: ['ORA-00001'],
      },
      // The tables of this version (a later version's tables come with that version).
      ...SCHEMA_1_TABLES.flatMap((t) =>
        [createTableSql(t, fieldsAt(t, 1)), ...createIndexSql(t)].map(idempotent),
      ),
      // One row per user, locked FOR UPDATE by every write unit of that user.
      idempotent(`CREATE TABLE ${LOCK_TABLE} (\n  user_id VARCHAR2(64) NOT NULL PRIMARY KEY\n)`),
      // Batches already applied: a retried push of the same batch id changes nothing.
      idempotent(
        `CREATE TABLE ${BATCH_TABLE} (\n` +
          '  user_id VARCHAR2(64) NOT NULL,\n' +
          '  batch_id VARCHAR2(200) NOT NULL,\n' +
          '  applied_at TIMESTAMP WITH TIME ZONE DEFAULT SYSTIMESTAMP NOT NULL,\n' +
          '  conflicts CLOB,\n' +
          '  PRIMARY KEY (user_id, batch_id)\n)',
      ),
      // Every device's sync runs, for the cross-device report.
      idempotent(
        `CREATE TABLE ${ACTIVITY_TABLE} (\n` +
          '  id NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n' +
          '  user_id VARCHAR2(64) NOT NULL,\n' +
          '  device_id VARCHAR2(64) NOT NULL,\n' +
          "  sync_type VARCHAR2(16) NOT NULL CHECK (sync_type IN ('Manual', 'Automatic')),\n" +
          "  status VARCHAR2(16) NOT NULL CHECK (status IN ('Success', 'Partial', 'Failed')),\n" +
          '  started_at VARCHAR2(40) NOT NULL,\n' +
          '  finished_at VARCHAR2(40),\n' +
          '  pushed NUMBER(10) DEFAULT 0 NOT NULL,\n' +
          '  pulled NUMBER(10) DEFAULT 0 NOT NULL,\n' +
          '  conflicts NUMBER(10) DEFAULT 0 NOT NULL,\n' +
          '  error_message VARCHAR2(4000),\n' +
          '  recorded_at TIMESTAMP WITH TIME ZONE DEFAULT SYSTIMESTAMP NOT NULL\n)',
      ),
      idempotent(
        `CREATE INDEX sync_activity_user_device ON ${ACTIVITY_TABLE} (user_id, device_id, started_at)`,
      ),
      { sql: REPORTS_PACKAGE_SQL_V1, plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
      { sql: packageBodySql(FUNCTIONS_V1, REPORT_BODIES_V1), plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
    ],
  },
  {
    version: 2,
    name: 'device tokens of the hub',
    // Only the SHA-256 of a token is kept; revoked rows stay (revoked_at set) for `pfm hub tokens list`.
    statements: [
      idempotent(
        `CREATE TABLE ${TOKEN_TABLE} (\n` +
          '  id VARCHAR2(64) NOT NULL PRIMARY KEY,\n' +
          '  token_hash VARCHAR2(64) NOT NULL UNIQUE,\n' +
          '  user_id VARCHAR2(64) NOT NULL,\n' +
          '  device_id VARCHAR2(64) NOT NULL,\n' +
          '  label VARCHAR2(200) NOT NULL,\n' +
          '  created_at VARCHAR2(40) NOT NULL,\n' +
          '  last_used_at VARCHAR2(40),\n' +
          '  revoked_at VARCHAR2(40)\n)',
      ),
      idempotent(`CREATE INDEX sync_device_token_user ON ${TOKEN_TABLE} (user_id, device_id)`),
    ],
  },
  {
    version: 3,
    name: 'plain SQL writes on synced tables reach devices',
    // CREATE OR REPLACE: running again (a concurrent or interrupted migration) is harmless.
    statements: [
      { sql: CENTRAL_HLC_FUNCTION_SQL, plsqlUnit: CENTRAL_HLC_FUNCTION.toUpperCase() },
      { sql: CENTRAL_LOCK_PROCEDURE_SQL, plsqlUnit: CENTRAL_LOCK_PROCEDURE.toUpperCase() },
      ...SCHEMA_1_TABLES.flatMap((t) => centralEditTriggerStatements(t, fieldsAt(t, 3), 'json')),
    ],
  },
  {
    version: 4,
    name: 'conflicts travel between devices',
    // Kept conflicts become a synced table, so every device of the user sees each one and settles it once.
    statements: [
      ...[
        createTableSql('sync_conflict', fieldsAt('sync_conflict', 4)),
        ...createIndexSql('sync_conflict'),
      ].map(idempotent),
      ...centralEditTriggerStatements('sync_conflict', fieldsAt('sync_conflict', 4), 'json'),
    ],
  },
  {
    version: 5,
    name: 'goal projections past 100 years are null',
    statements: [
      { sql: packageBodySql(FUNCTIONS_V1, REPORT_BODIES_V5), plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
    ],
  },
  {
    version: 6,
    name: 'accounts and transfers',
    // As on the device (local migration 8): every earlier expense and income moves into its user's first
    // account, whose id is the user's own, and the new values get one fixed clock older than any edit, so the
    // device and the central store hold the same value with the same clock and nothing conflicts. Each step
    // may run again (an interrupted migration): the updates touch only rows not yet moved, and the edit
    // triggers of the changed tables, which watch only the earlier fields until they are made again at the
    // end, leave those updates alone.
    statements: [
      ...(['account', 'transfer'] as const).flatMap((t) =>
        [createTableSql(t, fieldsAt(t, 6)), ...createIndexSql(t)].map(idempotent),
      ),
      {
        sql:
          `INSERT INTO ${T.account} (id, user_id, name, account_kind, opening_balance, opening_date, on_budget, ` +
          'archived, deleted, hlc, clock, modified_at, server_seq)\n' +
          `SELECT u.id, u.id, 'Main account', 'checking', 0, NULL, 1, 0, 0, '${MIGRATION_CLOCK}', ` +
          `'${JSON.stringify(Object.fromEntries(TABLES.account.fields.map((f) => [f.name, MIGRATION_CLOCK])))}', ` +
          `'1970-01-01T00:00:00.000Z', ${SEQUENCE_NAME}.NEXTVAL\n` +
          `FROM ${T.app_user} u WHERE NOT EXISTS (SELECT 1 FROM ${T.account} a WHERE a.id = u.id)`,
        ignore: ['ORA-00001'],
      },
      ...(['expense', 'income'] as const).flatMap((t) => [
        idempotent(
          `ALTER TABLE ${T[t]} ADD (account_id VARCHAR2(64), status VARCHAR2(4000) DEFAULT 'uncleared')`,
        ),
        {
          sql:
            `UPDATE ${T[t]} SET account_id = user_id, status = NVL(status, 'uncleared'), ` +
            `clock = RTRIM(clock, '}') || ',"account_id":"${MIGRATION_CLOCK}","status":"${MIGRATION_CLOCK}"}' ` +
            'WHERE account_id IS NULL',
        },
      ]),
      idempotent(`ALTER TABLE ${T.savings_goal} ADD (account_id VARCHAR2(64))`),
      {
        sql:
          `UPDATE ${T.savings_goal} SET clock = RTRIM(clock, '}') || ',"account_id":"${MIGRATION_CLOCK}"}' ` +
          `WHERE JSON_VALUE(clock, '$.account_id') IS NULL`,
      },
      ...(['account', 'transfer', 'savings_goal', 'expense', 'income'] as const).flatMap((t) =>
        centralEditTriggerStatements(t, fieldsAt(t, 6), 'json'),
      ),
      // The reports of balances and net worth, and record counts over every table (last: the body reads the
      // new tables).
      { sql: REPORTS_PACKAGE_SQL_V6, plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
      { sql: REPORTS_PACKAGE_BODY_SQL_V6, plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
    ],
  },
  {
    version: 7,
    name: 'scheduled transactions',
    // A new table and nothing else. Each statement may run again: the table and index are created if missing,
    // the triggers and the package body replaced.
    statements: [
      ...[createTableSql('schedule', fieldsAt('schedule', 7)), ...createIndexSql('schedule')].map(idempotent),
      ...centralEditTriggerStatements('schedule', fieldsAt('schedule', 7), 'json'),
      // Record counts over the new table too (last: the body reads it). The spec is unchanged.
      { sql: REPORTS_PACKAGE_BODY_SQL_V7, plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
    ],
  },
  {
    version: 8,
    name: 'payees, tags, split transactions and budget rollover',
    // New fields only: earlier rows take the empty value with the fixed clock of version 6, as on the device
    // (local migration 11). Each step may run again: columns are added if missing, only rows without the new
    // clocks are updated, the triggers and the package replaced. The reports count each part of a split in
    // its own category, and a report by tag joins them (last: the body reads the new columns).
    statements: [
      ...(['expense', 'income'] as const).flatMap((t) => [
        idempotent(
          `ALTER TABLE ${T[t]} ADD (payee VARCHAR2(4000), tags VARCHAR2(4000), splits VARCHAR2(4000))`,
        ),
        {
          sql:
            `UPDATE ${T[t]} SET clock = RTRIM(clock, '}') || ',"payee":"${MIGRATION_CLOCK}",` +
            `"tags":"${MIGRATION_CLOCK}","splits":"${MIGRATION_CLOCK}"}' WHERE JSON_VALUE(clock, '$.payee') IS NULL`,
        },
      ]),
      idempotent(`ALTER TABLE ${T.budget} ADD (rollover NUMBER(19) DEFAULT 0 NOT NULL)`),
      {
        sql:
          `UPDATE ${T.budget} SET clock = RTRIM(clock, '}') || ',"rollover":"${MIGRATION_CLOCK}"}' ` +
          `WHERE JSON_VALUE(clock, '$.rollover') IS NULL`,
      },
      ...(['expense', 'income', 'budget'] as const).flatMap((t) =>
        centralEditTriggerStatements(t, fieldsAt(t, 8), 'json'),
      ),
      { sql: REPORTS_PACKAGE_SQL, plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
      { sql: REPORTS_PACKAGE_BODY_SQL, plsqlUnit: REPORTS_PACKAGE.toUpperCase() },
    ],
  },
  {
    version: COMPACT_CLOCK_VERSION,
    name: 'compact field clocks',
    // A row's clock keeps only the fields whose clock differs from the row's hlc, as text
    // (src/domain/clock-codec.ts), in a VARCHAR2 rather than a CLOB. Each table's conversion is one block that
    // may run again (oracle-compact-clocks.ts); the edit triggers are then replaced by their compact form.
    // The tables are those of version 7: this version adds none.
    statements: [
      ...SCHEMA_7_TABLES.map((t) => ({ sql: compactClockConversionSql(t) })),
      ...SCHEMA_7_TABLES.flatMap((t) =>
        centralEditTriggerStatements(t, fieldsAt(t, COMPACT_CLOCK_VERSION), 'compact'),
      ),
    ],
  },
];

const TOKEN_COLUMNS = 'id, user_id, device_id, label, created_at, last_used_at, revoked_at';

/** The device token statements (binds named as in the comments). */
export const DEVICE_TOKEN_SQL = {
  /** :id, :hash, :owner, :device, :label, :created */
  create:
    `INSERT INTO ${TOKEN_TABLE} (id, token_hash, user_id, device_id, label, created_at) ` +
    'VALUES (:id, :hash, :owner, :device, :label, :created)',
  /** :hash */
  findByHash: `SELECT ${TOKEN_COLUMNS} FROM ${TOKEN_TABLE} WHERE token_hash = :hash`,
  /** :owner, NULL for every user */
  list: `SELECT ${TOKEN_COLUMNS} FROM ${TOKEN_TABLE} WHERE :owner IS NULL OR user_id = :owner ORDER BY user_id, created_at, id`,
  /** :stamp, :id */
  revokeById: `UPDATE ${TOKEN_TABLE} SET revoked_at = :stamp WHERE id = :id AND revoked_at IS NULL`,
  /** :stamp, :owner, :device (NULL for every device) */
  revokeByUser:
    `UPDATE ${TOKEN_TABLE} SET revoked_at = :stamp ` +
    'WHERE user_id = :owner AND (:device IS NULL OR device_id = :device) AND revoked_at IS NULL',
  /** :stamp, :id */
  touch: `UPDATE ${TOKEN_TABLE} SET last_used_at = :stamp WHERE id = :id`,
} as const;

export const ORACLE_SCHEMA_VERSION = ORACLE_MIGRATIONS[ORACLE_MIGRATIONS.length - 1]?.version ?? 0;

/** Everything the migrations create, dropped (for test schemas only): missing objects are ignored. */
export const DROP_SCHEMA_STATEMENTS: readonly OracleStatement[] = [
  `DROP PACKAGE ${REPORTS_PACKAGE}`,
  `DROP FUNCTION ${CENTRAL_HLC_FUNCTION}`,
  `DROP PROCEDURE ${CENTRAL_LOCK_PROCEDURE}`,
  ...SYNCED_TABLES.map((t) => `DROP TABLE ${CENTRAL_TABLE_NAMES[t]} PURGE`),
  `DROP TABLE ${LOCK_TABLE} PURGE`,
  `DROP TABLE ${BATCH_TABLE} PURGE`,
  `DROP TABLE ${ACTIVITY_TABLE} PURGE`,
  `DROP TABLE ${SCHEMA_TABLE} PURGE`,
  `DROP TABLE ${INSTANCE_TABLE} PURGE`,
  `DROP TABLE ${TOKEN_TABLE} PURGE`,
  `DROP SEQUENCE ${SEQUENCE_NAME}`,
].map((sql) => ({ sql, ignore: DOES_NOT_EXIST }));

/** Empty every data table (test schemas only: the contract suite resets the store between cases). */
export const TRUNCATE_STATEMENTS: readonly string[] = [
  ...SYNCED_TABLES.map((t) => `TRUNCATE TABLE ${CENTRAL_TABLE_NAMES[t]}`),
  `TRUNCATE TABLE ${LOCK_TABLE}`,
  `TRUNCATE TABLE ${BATCH_TABLE}`,
  `TRUNCATE TABLE ${ACTIVITY_TABLE}`,
  `TRUNCATE TABLE ${TOKEN_TABLE}`,
];
/** :version: forget schema versions above it (test schemas only). */
export const DELETE_SCHEMA_VERSIONS_SQL = `DELETE FROM ${SCHEMA_TABLE} WHERE version > :version`;
