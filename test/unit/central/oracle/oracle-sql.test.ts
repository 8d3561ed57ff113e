import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CENTRAL_EDIT_NODE, CENTRAL_SCHEMA_VERSION } from '../../../../src/central/central-store.js';
import {
  BUDGET_HISTORY_SQL,
  CENTRAL_HLC_FUNCTION_SQL,
  CENTRAL_LOCK_PROCEDURE_SQL,
  DEVICE_TOKEN_SQL,
  centralEditTriggerStatements,
  DELETE_SCHEMA_VERSIONS_SQL,
  INSTANCE_ID_SQL,
  DROP_SCHEMA_STATEMENTS,
  LOCK_INSERT_SQL,
  LOCK_SELECT_SQL,
  MAX_SEQ_SQL,
  ORACLE_MIGRATIONS,
  ORACLE_SCHEMA_VERSION,
  RECORD_ACTIVITY_SQL,
  RECORD_BATCH_SQL,
  REPORTS_PACKAGE_BODY_SQL,
  REPORTS_PACKAGE_SQL,
  REPORT_FUNCTIONS,
  REPORT_SQL,
  SCHEMA_TABLE_SQL,
  SCHEMA_VERSION_SQL,
  SESSION_SETUP_SQL,
  TABLE_SQL,
  TRUNCATE_STATEMENTS,
  USER_CURRENCY_SQL,
  readColumns,
  writeBindNames,
} from '../../../../src/central/oracle/oracle-sql.js';
import { POSTGRES_MIGRATIONS } from '../../../../src/central/postgres/migrations.js';
import {
  CENTRAL_TABLE_NAMES,
  SCHEMA_1_TABLES,
  fieldsAt,
  ownerColumn,
} from '../../../../src/central/table-names.js';
import { REPORT_NAMES } from '../../../../src/domain/reports.js';
import { DATA_TABLES, SYNCED_TABLES, TABLES } from '../../../../src/domain/tables.js';
import { thinBindNames } from './fake-oracle.js';

const MIGRATION_SQL = ORACLE_MIGRATIONS.flatMap((m) => m.statements.map((s) => s.sql));
const TABLE_STATEMENTS = SYNCED_TABLES.flatMap((t) => Object.values(TABLE_SQL[t]) as string[]);
const OTHER_STATEMENTS = [
  LOCK_INSERT_SQL,
  LOCK_SELECT_SQL,
  MAX_SEQ_SQL,
  RECORD_ACTIVITY_SQL,
  RECORD_BATCH_SQL,
  SCHEMA_TABLE_SQL,
  SCHEMA_VERSION_SQL,
  SESSION_SETUP_SQL,
  USER_CURRENCY_SQL,
  INSTANCE_ID_SQL,
  ...Object.values(REPORT_SQL),
  ...DROP_SCHEMA_STATEMENTS.map((s) => s.sql),
  ...TRUNCATE_STATEMENTS,
  DELETE_SCHEMA_VERSIONS_SQL,
  ...Object.values(DEVICE_TOKEN_SQL),
];
const EVERY_STATEMENT = [...MIGRATION_SQL, ...TABLE_STATEMENTS, ...OTHER_STATEMENTS];

// Oracle SQL reserved words (V$RESERVED_WORDS, RESERVED = 'Y') and PL/SQL reserved words: never bind names.
const RESERVED = new Set(
  `ACCESS ADD ALL ALTER AND ANY AS ASC AT AUDIT BEGIN BETWEEN BY CASE CHAR CHECK CLUSTER CLUSTERS COLAUTH COLUMN
  COLUMNS COMMENT COMPRESS CONNECT CRASH CREATE CURRENT CURSOR DATE DECIMAL DECLARE DEFAULT DELETE DESC DISTINCT
  DROP ELSE END EXCEPTION EXCLUSIVE EXISTS FETCH FILE FLOAT FOR FROM FUNCTION GOTO GRANT GROUP HAVING IDENTIFIED IF
  IMMEDIATE IN INCREMENT INDEX INDEXES INITIAL INSERT INTEGER INTERSECT INTO IS LEVEL LIKE LOCK LONG MAXEXTENTS
  MINUS MLSLABEL MODE MODIFY NOAUDIT NOCOMPRESS NOT NOWAIT NULL NUMBER OF OFFLINE ON ONLINE OPTION OR ORDER OVERLAPS
  PCTFREE PRIOR PRIVILEGES PROCEDURE PUBLIC RAW RENAME RESOURCE REVOKE ROW ROWID ROWNUM ROWS SELECT SESSION SET
  SHARE SIZE SMALLINT SQL START SUBTYPE SUCCESSFUL SYNONYM SYSDATE TABAUTH TABLE THEN TO TRIGGER TYPE UID UNION
  UNIQUE UPDATE USER VALIDATE VALUES VARCHAR VARCHAR2 VIEW VIEWS WHENEVER WHEN WHERE WITH`.split(/\s+/),
);

/** Text with string literals and comments blanked, so that only SQL itself is inspected. */
function code(sql: string): string {
  return sql.replace(/'[^']*'/g, "''").replace(/--[^\n]*/g, '');
}

function bindNames(sql: string): string[] {
  return [...new Set([...code(sql).matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string))];
}

function isPlsql(sql: string): boolean {
  return /^(BEGIN|DECLARE|CREATE OR REPLACE (PACKAGE|FUNCTION|PROCEDURE|TRIGGER))\b/.test(sql);
}

/** Column names of `CREATE TABLE name (...)` in a block of DDL (any dialect): the first word of each line. */
/** The columns a table is created with, then those later migrations add (Oracle's and PostgreSQL's ADD forms). */
function ddlColumns(ddl: string, table: string): string[] {
  const m = new RegExp(`CREATE TABLE ${table} \\(([\\s\\S]*?)\\n\\)`).exec(ddl);
  if (!m) throw new Error(`no CREATE TABLE ${table}`);
  const created = (m[1] as string)
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] as string)
    .filter((w) => w !== '' && !/^(CHECK|PRIMARY|CONSTRAINT|UNIQUE|FOREIGN)/i.test(w));
  // Oracle: ALTER TABLE t ADD (c1 TYPE(n), c2 ...), one statement a line; commas inside a type do not split.
  const added = [...ddl.matchAll(new RegExp(`^ALTER TABLE ${table} ADD \\((.*)\\)$`, 'gm'))].flatMap((a) =>
    (a[1] as string).split(/,(?![^(]*\))/).map((c) => c.trim().split(/\s+/)[0] as string),
  );
  const addedColumns = [...ddl.matchAll(new RegExp(`ALTER TABLE ${table} (ADD COLUMN [^;]*);`, 'g'))].flatMap(
    (a) => [...(a[1] as string).matchAll(/ADD COLUMN (\w+)/g)].map((c) => c[1] as string),
  );
  return [...created, ...added, ...addedColumns];
}

describe('oracle-sql', () => {
  it('ends its migrations at the central schema version', () => {
    expect(ORACLE_SCHEMA_VERSION).toBe(CENTRAL_SCHEMA_VERSION);
    expect(ORACLE_MIGRATIONS.map((m) => m.version)).toEqual(ORACLE_MIGRATIONS.map((_, i) => i + 1));
  });

  it('never edits a released migration (version 1 is built from TABLES: a change there needs a new migration)', () => {
    const v1 = ORACLE_MIGRATIONS[0]?.statements.map((s) => s.sql).join('\n/\n') ?? '';
    // Moved once, for a reworded SQL comment in the reports package's spec: no statement does anything else,
    // and version 6 replaces that spec in every store.
    expect(createHash('sha256').update(v1).digest('hex')).toBe(
      '725578d2c8b798ddfd33f66f98f0ceb374932011816258a967f291c2d20c7b30',
    );
  });

  it.each(SYNCED_TABLES)(
    '%s: a table with the logical columns of the Postgres dialect, and its indexes',
    (table) => {
      const name = CENTRAL_TABLE_NAMES[table];
      const ddl = MIGRATION_SQL.join('\n');
      const oracle = ddlColumns(ddl, name);
      expect([...oracle].sort()).toEqual([...readColumns(table)].sort());
      const postgres = ddlColumns(POSTGRES_MIGRATIONS.map((m) => m.sql).join('\n'), name);
      expect([...oracle].sort()).toEqual([...postgres].sort());

      const create = MIGRATION_SQL.find((s) => s.startsWith(`CREATE TABLE ${name} (`)) as string;
      expect(create).toContain('server_seq NUMBER(19) NOT NULL');
      expect(create).toContain('clock CLOB NOT NULL CHECK (clock IS JSON)');
      expect(create).toContain('id VARCHAR2(64) NOT NULL PRIMARY KEY');
      expect(create).toContain('deleted NUMBER(1) DEFAULT 0 NOT NULL CHECK (deleted IN (0, 1))');
      // Integer columns are NUMBER, whether the table was created with them or a later version added them.
      const added = MIGRATION_SQL.filter((s) => s.startsWith(`ALTER TABLE ${name} ADD (`)).join('\n');
      for (const f of TABLES[table].fields) {
        if (f.type === 'integer') expect(`${create}\n${added}`).toMatch(new RegExp(`\\b${f.name} NUMBER\\(`));
      }
      if (ownerColumn(table) === 'user_id') {
        expect(MIGRATION_SQL).toContain(`CREATE INDEX ${name}_feed ON ${name} (user_id, server_seq)`);
      }
      // Every index names real columns.
      for (const index of MIGRATION_SQL.filter(
        (s) => s.startsWith('CREATE INDEX') && s.includes(` ON ${name} (`),
      )) {
        const cols = /\(([^)]*)\)/.exec(index)?.[1]?.split(', ') ?? [];
        for (const c of cols) expect(oracle).toContain(c);
      }
    },
  );

  it.each(SYNCED_TABLES)('%s: one MERGE per row, drawing server_seq from the one sequence', (table) => {
    const name = CENTRAL_TABLE_NAMES[table];
    const { write } = TABLE_SQL[table];
    expect(write).toMatch(/^DECLARE\n {2}v_seq NUMBER\(19\) := finance_server_seq\.NEXTVAL;\nBEGIN\n/);
    expect(write.match(/MERGE INTO/g)).toHaveLength(1);
    expect(write).toContain(`MERGE INTO ${name} t\n  USING (SELECT :id AS id, `);
    expect(write).toContain('FROM dual');
    expect(write).toContain('WHEN MATCHED THEN UPDATE SET');
    expect(write).toContain('WHEN NOT MATCHED THEN INSERT');
    expect(write).toContain('t.server_seq = v_seq');
    expect(write).toContain(':seq := CASE WHEN SQL%ROWCOUNT = 1 THEN v_seq END;');
    expect(bindNames(write).sort()).toEqual([...writeBindNames(table), 'seq'].sort());
    for (const c of readColumns(table).filter((c) => c !== 'server_seq' && c !== 'origin')) {
      expect(write).toContain(`:${c} AS ${c}`);
    }
  });

  it.each(SYNCED_TABLES)('%s: reads scoped to the owner, by bound ids, in seq or id order', (table) => {
    const sql = TABLE_SQL[table];
    const owner = `t.${ownerColumn(table)} = :owner`;
    expect(sql.readByIds).toContain(owner);
    expect(sql.readByIds).toContain("JSON_TABLE(:ids, '$[*]' COLUMNS (id VARCHAR2(64) PATH '$'))");
    expect(sql.readChanges).toContain(owner);
    expect(sql.readChanges).toMatch(/ORDER BY t\.server_seq FETCH FIRST :n ROWS ONLY$/);
    expect(sql.readChangesUpTo).toContain('t.server_seq <= :upto');
    expect(sql.readAllById).toMatch(/ORDER BY t\.id$/);
    expect(MAX_SEQ_SQL).toContain(`FROM ${CENTRAL_TABLE_NAMES[table]} WHERE ${ownerColumn(table)} = :owner`);
  });

  it('has one sequence, ORDERed so server_seq rises in commit order of a user even on RAC', () => {
    const sequences = MIGRATION_SQL.filter((s) => s.startsWith('CREATE SEQUENCE'));
    expect(sequences).toEqual([expect.stringMatching(/^CREATE SEQUENCE finance_server_seq .* ORDER /)]);
  });

  it('creates the instance id once, at schema creation', () => {
    expect(MIGRATION_SQL.some((s) => s.startsWith('CREATE TABLE pfm_instance ('))).toBe(true);
    const insert = ORACLE_MIGRATIONS[0]?.statements.find((s) => s.sql.startsWith('INSERT INTO pfm_instance'));
    expect(insert).toEqual({
      sql: 'INSERT INTO pfm_instance (singleton, instance_id) VALUES (1, LOWER(RAWTOHEX(SYS_GUID())))',
      ignore: ['ORA-00001'],
    });
    expect(INSTANCE_ID_SQL).toBe('SELECT instance_id FROM pfm_instance WHERE singleton = 1');
  });

  it('creates the lock, batch, activity and schema-version tables', () => {
    expect(MIGRATION_SQL.some((s) => s.startsWith('CREATE TABLE sync_user_lock ('))).toBe(true);
    expect(MIGRATION_SQL.find((s) => s.startsWith('CREATE TABLE sync_batch ('))).toContain(
      'PRIMARY KEY (user_id, batch_id)',
    );
    expect(MIGRATION_SQL.some((s) => s.startsWith('CREATE TABLE sync_activity ('))).toBe(true);
    expect(SCHEMA_TABLE_SQL).toMatch(/^CREATE TABLE pfm_schema_version \(/);
    expect(LOCK_SELECT_SQL).toMatch(/FOR UPDATE$/);
  });

  it("reads the rolling-over budgets with binds only, each with its month's spending split parts included", () => {
    const binds = [...BUDGET_HISTORY_SQL.matchAll(/:(\w+)/g)].map((m) => m[1]);
    expect(new Set(binds)).toEqual(new Set(['p_user', 'p_month']));
    expect(BUDGET_HISTORY_SQL).toContain('b.rollover = 1');
    expect(BUDGET_HISTORY_SQL).toContain('b.month <= :p_month');
    expect(BUDGET_HISTORY_SQL).toMatch(/JSON_TABLE\(e\.splits/);
    expect(BUDGET_HISTORY_SQL).not.toMatch(/'\$\{|undefined/);
  });

  it('declares and implements every report in the pfm_reports package, each returning a SYS_REFCURSOR', () => {
    const functions = Object.keys(REPORT_FUNCTIONS);
    expect(functions).toEqual(expect.arrayContaining([...REPORT_NAMES, 'sync_activity', 'record_counts']));
    expect(REPORTS_PACKAGE_SQL).toMatch(
      /^CREATE OR REPLACE PACKAGE pfm_reports AS\n[\s\S]*\nEND pfm_reports;$/,
    );
    expect(REPORTS_PACKAGE_BODY_SQL).toMatch(
      /^CREATE OR REPLACE PACKAGE BODY pfm_reports AS\n[\s\S]*\nEND pfm_reports;$/,
    );
    for (const [fn, params] of Object.entries(REPORT_FUNCTIONS)) {
      const sig = `FUNCTION ${fn}(${params.map((p) => `${p} IN VARCHAR2`).join(', ')}) RETURN SYS_REFCURSOR`;
      expect(REPORTS_PACKAGE_SQL).toContain(`  ${sig};`);
      expect(REPORTS_PACKAGE_BODY_SQL).toContain(`  ${sig} IS`);
      expect(REPORTS_PACKAGE_BODY_SQL).toContain(`  END ${fn};`);
      expect(REPORT_SQL[fn as keyof typeof REPORT_SQL]).toBe(
        `BEGIN :cur := pfm_reports.${fn}(${params.map((p) => `:${p}`).join(', ')}); END;`,
      );
    }
    expect(MIGRATION_SQL).toContain(REPORTS_PACKAGE_SQL);
    expect(MIGRATION_SQL).toContain(REPORTS_PACKAGE_BODY_SQL);
    // Record counts cover every table of the user's data.
    for (const t of DATA_TABLES) expect(REPORTS_PACKAGE_BODY_SQL).toContain(`FROM ${CENTRAL_TABLE_NAMES[t]}`);
  });

  it('installs the newest package spec and body in version 8, leaving earlier ones as released', () => {
    const packages = (v: number) =>
      (ORACLE_MIGRATIONS.find((m) => m.version === v)?.statements ?? [])
        .map((s) => s.sql)
        .filter((sql) => sql.startsWith('CREATE OR REPLACE PACKAGE'));
    expect(packages(8)).toEqual([REPORTS_PACKAGE_SQL, REPORTS_PACKAGE_BODY_SQL]);
    expect(REPORTS_PACKAGE_SQL).toContain(
      'FUNCTION tags(p_user IN VARCHAR2, p_from IN VARCHAR2, p_to IN VARCHAR2)',
    );
    // Version 6 released the spec with the account functions and no report by tag; 7 only its body again.
    expect(packages(6)[0]).toContain('FUNCTION account_months(');
    expect(packages(6)[0]).not.toContain('FUNCTION tags(');
    expect(packages(6)[1]).not.toContain('finance_schedule');
    expect(packages(7)).toHaveLength(1);
    expect(packages(7)[0]).toContain('finance_schedule');
    expect(packages(7)[0]).not.toContain('JSON_TABLE');
    for (const sql of [...packages(1), ...packages(5)]) {
      expect(sql).not.toContain('FUNCTION accounts(');
      expect(sql).not.toContain('finance_account');
    }
    expect(packages(5)).toHaveLength(1);
    // A split counts each part in its own category; tags are read from each row's JSON list.
    expect(REPORTS_PACKAGE_BODY_SQL).toContain("JSON_TABLE(e.splits, '$[*]'");
    expect(REPORTS_PACKAGE_BODY_SQL).toContain("JSON_TABLE(x.tags, '$[*]'");
    // Balances read live movements only, expenses and transfers out negative, each transfer on both sides.
    for (const side of ['from_account_id, transfer_date, -amount', 'to_account_id, transfer_date, amount']) {
      expect(REPORTS_PACKAGE_BODY_SQL).toContain(
        `SELECT ${side} FROM finance_transfer WHERE user_id = p_user AND deleted = 0`,
      );
    }
    expect(REPORTS_PACKAGE_BODY_SQL).toContain('WHERE m.moved_on <= p_up_to');
  });

  it('uses bind variables that are valid Oracle names and no identifier longer than 30 characters', () => {
    for (const sql of EVERY_STATEMENT) {
      for (const name of bindNames(sql)) {
        expect(RESERVED.has(name.toUpperCase()), `:${name} in ${sql.slice(0, 60)}`).toBe(false);
        expect(name.length).toBeLessThanOrEqual(30);
      }
      for (const m of code(sql).matchAll(
        /\b(?:TABLE|INDEX|SEQUENCE|PACKAGE(?: BODY)?|ON) ([a-z_][a-z0-9_]*)/g,
      )) {
        expect((m[1] as string).length, m[1]).toBeLessThanOrEqual(30);
      }
    }
  });

  it("agrees with node-oracledb's Thin parser on every statement's binds; DDL has none", () => {
    for (const sql of MIGRATION_SQL) expect(thinBindNames(sql), sql).toEqual([]);
    for (const sql of [...TABLE_STATEMENTS, ...OTHER_STATEMENTS]) {
      expect(thinBindNames(sql).sort(), sql).toEqual(
        bindNames(sql)
          .map((n) => n.toUpperCase())
          .sort(),
      );
    }
  });

  it('writes well-formed statements: balanced parentheses and quotes, semicolons only ending PL/SQL', () => {
    for (const sql of EVERY_STATEMENT) {
      expect((sql.match(/'/g) ?? []).length % 2, sql).toBe(0);
      const text = code(sql);
      let depth = 0;
      for (const ch of text) {
        depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        expect(depth, sql).toBeGreaterThanOrEqual(0);
      }
      expect(depth, sql).toBe(0);
      if (isPlsql(sql)) expect(sql, sql).toMatch(/END(?: [a-z_]+)?;$/);
      else expect(text, sql).not.toContain(';');
    }
  });

  it('builds SQL only from the fixed lists: no statement mentions a table outside them', () => {
    const known = new Set([
      ...Object.values(CENTRAL_TABLE_NAMES),
      'sync_user_lock',
      'sync_batch',
      'sync_activity',
      'pfm_schema_version',
      'pfm_instance',
      'sync_device_token',
      'dual',
      'user_errors',
      'JSON_TABLE',
    ]);
    for (const sql of [...TABLE_STATEMENTS, ...OTHER_STATEMENTS, REPORTS_PACKAGE_BODY_SQL]) {
      for (const m of code(sql).matchAll(/\b(?:FROM|JOIN|INTO|TABLE)\s+([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = m[1] as string;
        if (/^(c|s|t|m|e|i|a|u|g|gc|b|p)$/.test(name) || name === 'TABLE') continue; // aliases, "DROP TABLE"
        expect(known.has(name), `${name} in ${sql.slice(0, 80)}`).toBe(true);
      }
    }
  });
  describe('central edits by plain SQL (schema version 3)', () => {
    const v3 = ORACLE_MIGRATIONS.find((m) => m.version === 3)?.statements ?? [];

    it('installs the clock function, the lock procedure and three triggers per synced table, each a unit that must compile', () => {
      expect(v3.map((s) => s.plsqlUnit)).toEqual([
        'PFM_CENTRAL_HLC',
        'PFM_CENTRAL_LOCK',
        ...SCHEMA_1_TABLES.flatMap((t) =>
          ['ei', 'eu', 'ed'].map((k) => `${CENTRAL_TABLE_NAMES[t]}_${k}`.toUpperCase()),
        ),
      ]);
      for (const s of v3) {
        const created = /^CREATE OR REPLACE (?:FUNCTION|PROCEDURE|TRIGGER) ([a-z_]+)/.exec(s.sql)?.[1] ?? '';
        expect(created.toUpperCase()).toBe(s.plsqlUnit);
        expect(created.length).toBeLessThanOrEqual(30);
        expect(s.sql).toMatch(new RegExp(`\\nEND ${created};$`));
      }
      expect(v3.map((s) => s.sql)).toEqual([
        CENTRAL_HLC_FUNCTION_SQL,
        CENTRAL_LOCK_PROCEDURE_SQL,
        ...SCHEMA_1_TABLES.flatMap((t) =>
          centralEditTriggerStatements(t, fieldsAt(t, 3), 'json').map((s) => s.sql),
        ),
      ]);
      // The conflicts table, new in version 4, gets the same triggers there.
      const v4 = ORACLE_MIGRATIONS.find((m) => m.version === 4)?.statements ?? [];
      expect(v4.map((s) => s.sql)).toEqual(
        expect.arrayContaining(
          centralEditTriggerStatements('sync_conflict', fieldsAt('sync_conflict', 4), 'json').map(
            (s) => s.sql,
          ),
        ),
      );
      expect(DROP_SCHEMA_STATEMENTS.map((s) => s.sql)).toEqual(
        expect.arrayContaining(['DROP FUNCTION pfm_central_hlc', 'DROP PROCEDURE pfm_central_lock']),
      );
    });

    it('makes clocks in the device format, with the central node, after the row’s previous clock', () => {
      const f = CENTRAL_HLC_FUNCTION_SQL;
      expect(f).toContain(`TO_CHAR(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"')`);
      expect(f).toContain(`LPAD(TO_CHAR(v_counter, 'FMXXXX'), 4, '0') || '-${CENTRAL_EDIT_NODE}'`);
      expect(f).toContain('IF p_after IS NOT NULL AND v_at <= SUBSTR(p_after, 1, 24) THEN');
      expect(f).toContain("v_counter := TO_NUMBER(SUBSTR(p_after, 26, 4), 'XXXX') + 1;");
      expect(f).toContain('IF v_counter > 65535 THEN');
      // The lock is the store's own: the lock row FOR UPDATE, inserted when missing.
      expect(CENTRAL_LOCK_PROCEDURE_SQL).toContain(
        'SELECT user_id INTO v_owner FROM sync_user_lock WHERE user_id = p_owner FOR UPDATE;',
      );
      expect(CENTRAL_LOCK_PROCEDURE_SQL).toContain('INSERT INTO sync_user_lock (user_id) VALUES (p_owner);');
      expect(CENTRAL_LOCK_PROCEDURE_SQL).toContain('WHEN DUP_VAL_ON_INDEX THEN');
    });

    it.each(SYNCED_TABLES)(
      '%s: the sync’s MERGE never runs a trigger body; plain writes are stamped',
      (table) => {
        const name = CENTRAL_TABLE_NAMES[table];
        const owner = ownerColumn(table);
        const fields = TABLES[table].fields.map((f) => f.name);
        const [insert, update, del] = centralEditTriggerStatements(table).map((s) => s.sql) as [
          string,
          string,
          string,
        ];
        // The sync's MERGE sets server_seq on insert and update: both WHEN clauses are then false.
        expect(TABLE_SQL[table].write).toContain('t.server_seq = v_seq');
        expect(TABLE_SQL[table].write).toContain('server_seq, origin)');
        expect(insert).toContain(`BEFORE INSERT ON ${name} FOR EACH ROW\nWHEN (NEW.server_seq IS NULL)\n`);
        expect(update).toContain(
          `BEFORE UPDATE ON ${name} FOR EACH ROW\nWHEN (NEW.server_seq = OLD.server_seq)\n`,
        );
        expect(del).toContain(`FOR DELETE ON ${name}\nCOMPOUND TRIGGER\n`);
        // INSERT: every field at the row's clock (the empty compact text, NULL in Oracle), then the row's
        // stamp; the user's lock before the seq is drawn.
        expect(insert).toContain('  :NEW.clock := NULL;');
        for (const sql of [insert, update]) {
          const lock = sql.indexOf(`pfm_central_lock(:${sql === insert ? 'NEW' : 'OLD'}.${owner});`);
          expect(lock).toBeGreaterThan(0);
          expect(lock).toBeLessThan(sql.indexOf('finance_server_seq.NEXTVAL'));
          for (const c of ['hlc := v_hlc', 'server_seq := finance_server_seq.NEXTVAL', 'origin := NULL'])
            expect(sql).toContain(`:NEW.${c};`);
          expect(sql).toContain(`:NEW.modified_at := TO_CHAR(SYS_EXTRACT_UTC(SYSTIMESTAMP), `);
        }
        // UPDATE: nothing changed, nothing done; each changed field, and only it, gets the new clock.
        expect(update).toMatch(/ THEN\n {4}RETURN;\n {2}END IF;\n/);
        expect(update).toContain('v_hlc := pfm_central_hlc(:OLD.hlc);');
        for (const f of fields) {
          expect(update).toContain(
            `CASE WHEN :NEW.${f} <> :OLD.${f} OR (:NEW.${f} IS NULL AND :OLD.${f} IS NOT NULL) OR ` +
              `(:NEW.${f} IS NOT NULL AND :OLD.${f} IS NULL) THEN '' ELSE ';${f}=' || `,
          );
        }
        // DELETE: every column of the row is kept and the row comes back, a tombstone with a fresh clock.
        for (const c of readColumns(table)) expect(del).toContain(`g_rows(g_rows.LAST).${c} := :OLD.${c};`);
        expect(del).toContain('IF g_rows(i).deleted = 0 THEN');
        expect(del).toContain('g_rows(i).deleted := 1;');
        expect(del).toContain('g_rows(i).server_seq := finance_server_seq.NEXTVAL;');
        expect(del).toContain(`INSERT INTO ${name} VALUES g_rows(i);`);
        expect(del).toContain(`pfm_central_lock(:OLD.${owner});`);
      },
    );

    it('replaces exactly one field’s clock in the clock text (the pattern, run as a JavaScript regex)', () => {
      const update =
        centralEditTriggerStatements('savings_goal', TABLES.savings_goal.fields, 'json')[1]?.sql ?? '';
      const m =
        /IF :NEW\.target_amount [^\n]* REGEXP_REPLACE\(v_clock, '([^']*)', '([^']*)' \|\| v_hlc \|\| '([^']*)'\)/.exec(
          update,
        );
      expect(m).not.toBeNull();
      const [, pattern, before, after] = m as unknown as [string, string, string, string];
      const old = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
      const fresh = `2026-12-01T00:00:00.000Z-0000-${CENTRAL_EDIT_NODE}`;
      const clock = {
        user_id: old,
        name: old,
        target_amount: old,
        target_date: old,
        created_on: old,
        deleted: old,
      };
      for (const text of [JSON.stringify(clock), JSON.stringify(clock, null, 1)]) {
        const out = JSON.parse(text.replace(new RegExp(pattern), `${before}${fresh}${after}`)) as object;
        expect(out).toEqual({ ...clock, target_amount: fresh });
      }
      // "amount" is not a suffix match of "target_amount".
      const expense = centralEditTriggerStatements('expense', TABLES.expense.fields, 'json')[1]?.sql ?? '';
      expect(expense).toContain(
        `REGEXP_REPLACE(v_clock, '"amount"\\s*:\\s*"[^"]*"', '"amount":"' || v_hlc || '"')`,
      );
    });
  });
});
