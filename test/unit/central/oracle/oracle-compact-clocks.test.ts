import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { compactClockConversionSql } from '../../../../src/central/oracle/oracle-compact-clocks.js';
import {
  ORACLE_MIGRATIONS,
  centralEditTriggerStatements,
} from '../../../../src/central/oracle/oracle-sql.js';
import { CENTRAL_TABLE_NAMES, SCHEMA_7_TABLES, fieldsAt } from '../../../../src/central/table-names.js';
import { decodeClock, encodeClock } from '../../../../src/domain/clock-codec.js';
import { thinBindNames } from './fake-oracle.js';
import { SYNCED_TABLES, TABLES, fieldNames, type SyncedTable } from '../../../../src/domain/tables.js';

/**
 * Central schema 9 on Oracle, without a server: the statements' structure, and their clock expressions run
 * in SQLite, whose substr, instr, ltrim, CASE and || mean what Oracle's do (Oracle's empty text is NULL, which
 * `||` there ignores; SQLite keeps ''). The JSON reads become SQLite's json_extract, Oracle binds become
 * SQLite parameters.
 */

const OLD = '2026-11-20T08:00:00.000Z-0000-00000000000000a1';
const MID = '2026-11-21T08:00:00.000Z-0003-00000000000000b2';
const HLC = '2026-11-22T08:00:00.000Z-0000-00000000000000a1';
const NEW = '2026-11-23T08:00:00.000Z-0000-ce00000000000000';

const sqlite = new Database(':memory:');
afterAll(() => sqlite.close());

const v9 = ORACLE_MIGRATIONS.find((m) => m.version === 9);

/** `expression` evaluated in SQLite, with `@name` parameters bound from `params`; NULL as ''. */
function evaluate(expression: string, params: Readonly<Record<string, unknown>>): string {
  return (sqlite.prepare(`SELECT ${expression} AS v`).get(params) as { v: string | null }).v ?? '';
}

/** The end of the SQL text starting at `from`: the first `end` character outside quotes. */
function until(sql: string, from: number, end: string): string {
  let quoted = false;
  for (let i = from; i < sql.length; i++) {
    if (sql[i] === "'") quoted = !quoted;
    else if (sql[i] === end && !quoted) return sql.slice(from, i);
  }
  throw new Error(`no ${end} after ${sql.slice(from, from + 40)}`);
}

/** The expression assigned by `start` (`target := `), up to its `;`. */
function assigned(sql: string, start: string): string {
  const from = sql.indexOf(start);
  expect(from, start).toBeGreaterThan(-1);
  return until(sql, from + start.length, ';');
}

/** The text of the string literal that follows `start`, its doubled quotes undone. */
function literal(sql: string, start: string): string {
  const from = sql.indexOf(start);
  expect(from, start).toBeGreaterThan(-1);
  let i = from + start.length;
  let out = '';
  for (;;) {
    const c = sql[i] ?? '';
    if (c === '') throw new Error('unterminated literal');
    if (c === "'" && sql[i + 1] === "'") {
      out += "'";
      i += 2;
    } else if (c === "'") return out;
    else {
      out += c;
      i++;
    }
  }
}

describe('central schema 9 on Oracle: compact clocks', () => {
  it('converts every table, then replaces every table’s edit triggers, each step a unit that can run again', () => {
    expect(v9?.statements.map((s) => s.sql)).toEqual([
      ...SCHEMA_7_TABLES.map(compactClockConversionSql),
      ...SCHEMA_7_TABLES.flatMap((t) =>
        centralEditTriggerStatements(t, fieldsAt(t, 9), 'compact').map((s) => s.sql),
      ),
    ]);
    expect([...SCHEMA_7_TABLES].sort()).toEqual([...SYNCED_TABLES].sort());
    // Run without binds: node-oracledb's own parser must find none in them.
    for (const statement of v9?.statements ?? []) expect(thinBindNames(statement.sql)).toEqual([]);
  });

  it.each(SYNCED_TABLES)('%s: each conversion step runs only while the table still needs it', (table) => {
    const name = CENTRAL_TABLE_NAMES[table];
    const block = compactClockConversionSql(table);
    const lines = block.split('\n').map((l) => l.trim());
    const at = (text: string) => {
      const i = lines.findIndex((l) => l.includes(text));
      expect(i, text).toBeGreaterThan(-1);
      return i;
    };
    // While the JSON CLOB is there: add the new column if missing, fill it, drop the CLOB. Then rename.
    const isClob = at("IF v_type = 'CLOB' THEN");
    const add = at(`ALTER TABLE ${name} ADD (clock_compact VARCHAR2(4000))`);
    const fill = at(`EXECUTE IMMEDIATE 'UPDATE ${name} SET clock_compact = `);
    const drop = at(`ALTER TABLE ${name} DROP COLUMN clock'`);
    const rename = at(`ALTER TABLE ${name} RENAME COLUMN clock_compact TO clock'`);
    expect(isClob).toBeLessThan(add);
    expect(add).toBeLessThan(fill);
    expect(fill).toBeLessThan(drop);
    expect(drop).toBeLessThan(rename);
    expect(lines[add - 1]).toBe('IF v_type IS NULL THEN');
    expect(lines[rename - 1]).toBe('IF v_type IS NOT NULL THEN');
    expect(lines.filter((l) => l.startsWith('SELECT MAX(data_type) INTO v_type'))).toEqual([
      `SELECT MAX(data_type) INTO v_type FROM user_tab_columns WHERE table_name = '${name.toUpperCase()}' AND column_name = 'CLOCK';`,
      `SELECT MAX(data_type) INTO v_type FROM user_tab_columns WHERE table_name = '${name.toUpperCase()}' AND column_name = 'CLOCK_COMPACT';`,
      `SELECT MAX(data_type) INTO v_type FROM user_tab_columns WHERE table_name = '${name.toUpperCase()}' AND column_name = 'CLOCK_COMPACT';`,
    ]);
    expect(block.startsWith('DECLARE\n')).toBe(true);
    expect(block.endsWith('\nEND;')).toBe(true);
  });

  it.each(SYNCED_TABLES)('%s: the fill writes the compact form of the JSON clock', (table) => {
    const fields = fieldNames(table);
    const update = literal(compactClockConversionSql(table), "EXECUTE IMMEDIATE 'UPDATE ");
    const prefix = `${CENTRAL_TABLE_NAMES[table]} SET clock_compact = `;
    expect(update.startsWith(prefix)).toBe(true);
    const expression = update
      .slice(prefix.length)
      .replace(/JSON_VALUE\(clock, '(\$\.[a-z_]+)'\)/g, "json_extract(@clock, '$1')")
      .replace(/\bhlc\b/g, '@hlc');
    const convert = (clock: Record<string, string>, hlc: string) =>
      evaluate(expression, { clock: JSON.stringify(clock), hlc });

    const same = Object.fromEntries(fields.map((f) => [f, HLC]));
    expect(convert(same, HLC)).toBe('');
    const mixed = Object.fromEntries(fields.map((f, i) => [f, [HLC, OLD, MID][i % 3] as string]));
    expect(convert(mixed, HLC)).toBe(encodeClock(mixed, HLC));
    expect(decodeClock(convert(mixed, HLC), HLC, fields)).toEqual(mixed);
  });

  it.each(SYNCED_TABLES)('%s: a plain UPDATE keeps every clock it does not change, written out', (table) => {
    const fields = fieldNames(table);
    const [insert, update, del] = centralEditTriggerStatements(table).map((s) => s.sql) as [
      string,
      string,
      string,
    ];
    expect(insert).toContain('  :NEW.clock := NULL;');
    expect(update).not.toContain('v_clock');
    const expression = assigned(update, ':NEW.clock := ');
    // The row before: one field written off the row's clock, the others at it.
    const before = { ...Object.fromEntries(fields.map((f) => [f, HLC])), [fields[1] as string]: OLD };
    const stored = encodeClock(before, HLC);
    for (const changed of [fields[0] as string, fields[1] as string, 'deleted']) {
      // Old and new values of every field: only `changed` differs. The row's new clock is NEW.
      const sql = expression
        .replace(/:NEW\.([a-z_]+)/g, (_m, f: string) => (f === changed ? "'changed'" : `@${f}`))
        .replace(/:OLD\.([a-z_]+)/g, '@$1');
      const params = {
        ...Object.fromEntries(fields.map((f) => [f, 'same'])),
        clock: stored || null,
        hlc: HLC,
      };
      expect(decodeClock(evaluate(sql, params), NEW, fields)).toEqual({ ...before, [changed]: NEW });
    }
    // A DELETE's tombstone: `deleted` at the new clock, every other field as it was.
    const tombstone = assigned(del, 'g_rows(i).clock := ').replaceAll('g_rows(i).', '@');
    const text = evaluate(tombstone, { clock: stored || null, hlc: HLC });
    expect(decodeClock(text, NEW, fields)).toEqual({ ...before, deleted: NEW });
  });

  it('writes at most a few hundred bytes per row, far within VARCHAR2(4000)', () => {
    const widest = Math.max(
      ...SYNCED_TABLES.map(
        (t: SyncedTable) =>
          encodeClock(Object.fromEntries(TABLES[t].fields.map((f) => [f.name, OLD])), HLC).length,
      ),
    );
    expect(widest).toBeLessThan(4000);
  });
});
