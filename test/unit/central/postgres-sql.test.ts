import { describe, expect, it } from 'vitest';
import { CENTRAL_SCHEMA_VERSION, CentralError } from '../../../src/central/central-store.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from '../../../src/central/postgres/migrations.js';
import { checkedRows, toCentralRow } from '../../../src/central/central-rows.js';
import { ClockCodecError } from '../../../src/domain/clock-codec.js';
import { columnArrays } from '../../../src/central/postgres/postgres-store.js';
import { MAX_SEQ_SQL, TABLE_SQL } from '../../../src/central/postgres/sql.js';
import { CENTRAL_TABLE_NAMES } from '../../../src/central/table-names.js';
import { SYNCED_TABLES, TABLES, ownerColumn, type SyncRow } from '../../../src/domain/tables.js';

const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
const EARLIER = '2025-12-31T00:00:00.000Z-0000-0123456789abcdef';
/** Every field of `table` at HLC, but for `changes`. */
const fullClock = (table: keyof typeof TABLES, changes: Record<string, string> = {}) => ({
  ...Object.fromEntries(TABLES[table].fields.map((f) => [f.name, HLC])),
  ...changes,
});

describe('PostgreSQL central SQL', () => {
  it('has migrations numbered 1..n, ending at the central schema version', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => m.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    expect(POSTGRES_SCHEMA_VERSION).toBe(CENTRAL_SCHEMA_VERSION);
  });

  it('creates every central table with every field column, the sync columns and a feed index', () => {
    const ddl = POSTGRES_MIGRATIONS.map((m) => m.sql).join('\n');
    for (const table of SYNCED_TABLES) {
      const name = CENTRAL_TABLE_NAMES[table];
      // The columns it is created with, then those later migrations add.
      const body =
        (new RegExp(`CREATE TABLE ${name} \\(([\\s\\S]*?)\\n\\);`).exec(ddl)?.[1] ?? '') +
        [...ddl.matchAll(new RegExp(`ALTER TABLE ${name} (ADD COLUMN [^;]*);`, 'g'))]
          .map((a) => `\n${(a[1] as string).replace(/ADD COLUMN /g, '')}`)
          .join('');
      for (const column of [
        ...TABLES[table].fields.map((f) => f.name),
        'hlc',
        'clock',
        'modified_at',
        'server_seq',
        'origin',
      ]) {
        expect(body, `${name}.${column}`).toMatch(new RegExp(`\\n\\s*${column} `));
      }
      if (table !== 'app_user') expect(ddl).toContain(`ON ${name} (user_id, server_seq)`);
    }
    expect(ddl).not.toMatch(/REFERENCES/);
    for (const t of ['sync_user_lock', 'sync_batch', 'sync_activity'])
      expect(ddl).toContain(`CREATE TABLE ${t} (`);
  });

  it('writes a batch with one INSERT ... SELECT FROM unnest ... ON CONFLICT per table, typed by TABLES', () => {
    for (const table of SYNCED_TABLES) {
      const sql = TABLE_SQL[table];
      const name = CENTRAL_TABLE_NAMES[table];
      const fields = TABLES[table].fields;
      expect(
        sql.write.startsWith(
          `INSERT INTO ${name} AS t (id, ${fields.map((f) => f.name).join(', ')}, hlc, clock, modified_at, server_seq, origin) SELECT `,
        ),
      ).toBe(true);
      expect(sql.write).toContain(`nextval('pfm_server_seq')`);
      expect(sql.write).toContain('ON CONFLICT (id) DO UPDATE SET');
      // The clock is stored as the compact text it arrives in: the server parses no JSON.
      expect(sql.write).toContain('u.clock, u.modified_at');
      expect(sql.write).not.toContain('jsonb');
      expect(sql.writeArrayTypes).toEqual([
        'text',
        ...fields.map((f) => (f.type === 'integer' ? 'bigint' : 'text')),
        'text',
        'text',
        'text',
      ]);
      const n = sql.writeArrayTypes.length;
      const unnest = sql.writeArrayTypes.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
      expect(sql.write).toContain(`FROM unnest(${unnest})`);
      const owner = ownerColumn(table);
      expect(sql.write).toContain(`WHERE u.${owner} = $${n + 2}`);
      expect(sql.write).toContain(`WHERE t.${owner} = $${n + 2}`);
      expect(sql.readChanges).toMatch(
        new RegExp(
          `FROM ${name} t WHERE t.${owner} = \\$1 AND t.server_seq > \\$2 ORDER BY t.server_seq LIMIT \\$3$`,
        ),
      );
    }
    expect(MAX_SEQ_SQL.match(/max\(server_seq\)/g)).toHaveLength(SYNCED_TABLES.length);
  });

  it('binds a batch as one array per column, checking owner, uniqueness and types', () => {
    const row = (id: string, userId = 'u1', amount: unknown = 5): SyncRow => ({
      id,
      values: {
        user_id: userId,
        category_id: 'c',
        amount: amount as number,
        expense_date: '2026-01-01',
        payment_method: null,
        description: '',
        deleted: 0,
        account_id: 'a',
        status: 'uncleared',
        payee: 'Shop',
        tags: null,
        splits: null,
      },
      hlc: HLC,
      clock: fullClock('expense', id === 'b' ? { description: EARLIER } : {}),
      modifiedAt: 'm',
    });
    expect(columnArrays('expense', checkedRows('expense', [row('a'), row('b', 'u1', '7')], 'u1'))).toEqual([
      ['a', 'b'],
      ['u1', 'u1'],
      ['c', 'c'],
      [5, 7],
      ['2026-01-01', '2026-01-01'],
      [null, null],
      ['', ''],
      [0, 0],
      ['a', 'a'],
      ['uncleared', 'uncleared'],
      ['Shop', 'Shop'],
      [null, null],
      [null, null],
      [HLC, HLC],
      // Stored compact: only the clocks that differ from the row's.
      ['', `description=${EARLIER}`],
      ['m', 'm'],
    ]);
    expect(() => columnArrays('expense', checkedRows('expense', [row('a', 'u2')], 'u1'))).toThrow(
      CentralError,
    );
    expect(() => columnArrays('expense', checkedRows('expense', [row('a'), row('a')], 'u1'))).toThrow(
      /twice/,
    );
    expect(() => columnArrays('expense', checkedRows('expense', [row('a', 'u1', 1.5)], 'u1'))).toThrow(
      /not an integer/,
    );
    expect(() =>
      columnArrays('app_user', checkedRows('app_user', [{ ...row('u2'), values: {} }], 'u1')),
    ).toThrow(/another user/);
    // A clock is stored for every field of the table, and only valid clocks are.
    expect(() => checkedRows('expense', [{ ...row('a'), clock: { amount: HLC } }], 'u1')).toThrow(
      /expense row a lacks the clock of user_id/,
    );
    expect(() =>
      checkedRows('expense', [{ ...row('a'), clock: fullClock('expense', { amount: 'yesterday' }) }], 'u1'),
    ).toThrow(/expense row a has a bad clock: the clock of amount is not a valid clock/);
  });

  it('reads driver rows back as synced rows, whatever type the driver gives 64-bit integers', () => {
    const r = toCentralRow('budget', {
      id: 'b1',
      user_id: 'u1',
      category_id: 'c1',
      month: '2026-01',
      limit_amount: '30000',
      deleted: 0,
      rollover: '1',
      hlc: HLC,
      clock: `month=${EARLIER}`,
      modified_at: 'm',
      server_seq: 12n,
      origin: null,
    });
    expect(r).toEqual({
      id: 'b1',
      values: {
        user_id: 'u1',
        category_id: 'c1',
        month: '2026-01',
        limit_amount: 30000,
        deleted: 0,
        rollover: 1,
      },
      hlc: HLC,
      clock: fullClock('budget', { month: EARLIER }),
      modifiedAt: 'm',
      seq: 12,
      origin: null,
    });
    // Oracle gives the empty text back as NULL: every field at the row's clock.
    expect(toCentralRow('budget', { id: 'b1', hlc: HLC, clock: null, server_seq: 1 }).clock).toEqual(
      fullClock('budget'),
    );
    expect(() =>
      toCentralRow('budget', { id: 'b1', hlc: HLC, clock: '{"month":"x"}', server_seq: 1 }),
    ).toThrow(ClockCodecError);
  });
});
