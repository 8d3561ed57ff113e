import { SCHEMA_CHANGE_HLC, firstAccountValues, mainAccountId } from './accounts.js';
import { TABLES, type SyncRow, type SyncedTable } from './tables.js';

/**
 * Rows written before accounts existed (an old backup) as they are today: every expense and income in the
 * user's first account, uncleared, a goal in no account, and that first account itself. The new values get
 * SCHEMA_CHANGE_HLC, the clock the migrations gave the same values on every store, so a restored row agrees
 * with its copy elsewhere. Rows that already have the fields are returned unchanged.
 */
export function withAccountFields(
  userId: string,
  tables: Readonly<Record<SyncedTable, readonly SyncRow[]>>,
): Record<SyncedTable, SyncRow[]> {
  const added: Partial<Record<SyncedTable, Record<string, string | null>>> = {
    expense: { account_id: mainAccountId(userId), status: 'uncleared' },
    income: { account_id: mainAccountId(userId), status: 'uncleared' },
    savings_goal: { account_id: null },
  };
  const out = {} as Record<SyncedTable, SyncRow[]>;
  for (const [table, rows] of Object.entries(tables) as [SyncedTable, readonly SyncRow[]][]) {
    const fields = added[table];
    out[table] = rows.map((row) => {
      if (!fields || Object.keys(fields).every((f) => f in row.values)) return row;
      const missing = Object.keys(fields).filter((f) => !(f in row.values));
      return {
        ...row,
        values: { ...row.values, ...Object.fromEntries(missing.map((f) => [f, fields[f] ?? null])) },
        clock: { ...row.clock, ...Object.fromEntries(missing.map((f) => [f, SCHEMA_CHANGE_HLC])) },
      };
    });
  }
  // A backup from before accounts holds none; every later one holds at least the first account.
  if (out.account.length === 0) {
    const values = { ...firstAccountValues(userId), deleted: 0 };
    out.account = [
      {
        id: mainAccountId(userId),
        values,
        hlc: SCHEMA_CHANGE_HLC,
        clock: Object.fromEntries(TABLES.account.fields.map((f) => [f.name, SCHEMA_CHANGE_HLC])),
        modifiedAt: '1970-01-01T00:00:00.000Z',
      },
      ...out.account,
    ];
  }
  return out;
}
