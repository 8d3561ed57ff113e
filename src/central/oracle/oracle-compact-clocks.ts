import type { SyncedTable } from '../../domain/tables.js';
import { COMPACT_CLOCK_VERSION, compactFromJsonSql } from '../compact-clock-sql.js';
import { CENTRAL_TABLE_NAMES, fieldsAt } from '../table-names.js';

/**
 * The step of central schema 9 that turns one table's JSON clocks (a CLOB) into compact text (a VARCHAR2: the
 * longest compact clock, every field written, is far below 4000 bytes). Oracle cannot change a CLOB column's
 * type in place, so the clocks go into a new column, the old one is dropped and the new one takes its name.
 *
 * Oracle commits every DDL statement, so a migration can stop between any two steps. The block is therefore
 * one PL/SQL unit that looks at the table as it finds it and does only what is left, and is run again until it
 * has nothing left to do:
 * - `clock` is still the CLOB: add `clock_compact` if missing, fill it from the JSON (again, if an earlier run
 *   stopped after filling it: the JSON is still there), drop the CLOB;
 * - `clock_compact` exists (the CLOB is gone): rename it to `clock`;
 * - neither: the table is done.
 * The empty compact text is NULL in Oracle, so the new column allows NULL. The update is dynamic SQL: the
 * block must compile while `clock_compact` does not exist yet.
 */
export function compactClockConversionSql(table: SyncedTable): string {
  const name = CENTRAL_TABLE_NAMES[table];
  const upper = name.toUpperCase();
  const fields = fieldsAt(table, COMPACT_CLOCK_VERSION).map((f) => f.name);
  const compact = compactFromJsonSql(fields, 'hlc', (f) => `JSON_VALUE(clock, '$.${f}')`);
  const fill = `UPDATE ${name} SET clock_compact = ${compact}`;
  const column = (c: string) =>
    `SELECT MAX(data_type) INTO v_type FROM user_tab_columns WHERE table_name = '${upper}' AND column_name = '${c}';`;
  return [
    'DECLARE',
    '  v_type VARCHAR2(128);',
    'BEGIN',
    `  ${column('CLOCK')}`,
    "  IF v_type = 'CLOB' THEN",
    `    ${column('CLOCK_COMPACT')}`,
    '    IF v_type IS NULL THEN',
    `      EXECUTE IMMEDIATE 'ALTER TABLE ${name} ADD (clock_compact VARCHAR2(4000))';`,
    '    END IF;',
    `    EXECUTE IMMEDIATE '${fill.replaceAll("'", "''")}';`,
    `    EXECUTE IMMEDIATE 'ALTER TABLE ${name} DROP COLUMN clock';`,
    '  END IF;',
    `  ${column('CLOCK_COMPACT')}`,
    '  IF v_type IS NOT NULL THEN',
    `    EXECUTE IMMEDIATE 'ALTER TABLE ${name} RENAME COLUMN clock_compact TO clock';`,
    '  END IF;',
    'END;',
  ].join('\n');
}
