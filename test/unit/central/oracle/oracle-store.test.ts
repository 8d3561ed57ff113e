import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CENTRAL_SCHEMA_VERSION,
  CentralError,
  CentralSchemaTooNewError,
} from '../../../../src/central/central-store.js';
import { CENTRAL_TABLE_NAMES } from '../../../../src/central/table-names.js';
import { loadOracleDriver, type OracleDriver } from '../../../../src/central/oracle/oracle-driver.js';
import { openOracleStore, type OracleStore } from '../../../../src/central/oracle/oracle-store.js';
import { parseOracleUrl } from '../../../../src/central/oracle/oracle-url.js';
import {
  COMPILE_ERRORS_SQL,
  DELETE_SCHEMA_VERSIONS_SQL,
  DEVICE_TOKEN_SQL,
  DROP_SCHEMA_STATEMENTS,
  INSERT_SCHEMA_VERSION_SQL,
  INSTANCE_ID_SQL,
  LOCK_INSERT_SQL,
  LOCK_SELECT_SQL,
  MAX_SEQ_SQL,
  ORACLE_MIGRATIONS,
  RECORD_ACTIVITY_SQL,
  RECORD_BATCH_SQL,
  REPORT_SQL,
  SCHEMA_TABLE_SQL,
  SCHEMA_VERSION_SQL,
  SESSION_SETUP_SQL,
  TABLE_SQL,
  TRUNCATE_STATEMENTS,
  USER_CURRENCY_SQL,
  BUDGET_HISTORY_SQL,
  GOAL_SUMS_SQL,
  writeBindNames,
} from '../../../../src/central/oracle/oracle-sql.js';
import { digestRows } from '../../../../src/domain/digest.js';
import { decodeClock, encodeClock } from '../../../../src/domain/clock-codec.js';
import {
  SYNCED_TABLES,
  TABLES,
  fieldNames,
  type SyncRow,
  type SyncedTable,
} from '../../../../src/domain/tables.js';
import { NotFoundError, ValidationError } from '../../../../src/domain/validation.js';
import {
  FakeOracle,
  FakeResultSet,
  njsError,
  oraError,
  oracleRow,
  thinBindNames,
  type Call,
} from './fake-oracle.js';

// Values that would do harm if they ever reached SQL text instead of a bind.
const EVIL = "'); DROP TABLE x;--";
const EVIL_USER = `u'||(SELECT password FROM dba_users)||'`;
const PASSWORD = 'S3cr3t-Pa55';
const URL = `oracle://pfm:${PASSWORD}@db.example.com:1521/FREEPDB1`;
const SHOWN = 'oracle://pfm:***@db.example.com:1521/FREEPDB1';
const ORIGIN = '0123456789abcdef';
const HLC = '2026-11-25T14:14:32.123Z-0000-0123456789abcdef';
const EARLIER = '2026-11-24T14:14:32.123Z-0000-0123456789abcdef';

let fake: FakeOracle;
let store: OracleStore;

async function open(): Promise<OracleStore> {
  const s = await openOracleStore(URL, { driver: fake, migrate: false });
  fake.reset();
  return s;
}

/** A row of `table` owned by `owner`, with EVIL in every free text field. */
function sampleRow(table: SyncedTable, owner: string, id: string, n = 1): SyncRow {
  const values: Record<string, string | number | null> = {};
  const clock: Record<string, string> = {};
  for (const f of TABLES[table].fields) {
    if (f.name === 'user_id') values[f.name] = owner;
    else if (f.name in TABLES[table].references) values[f.name] = `${f.name}-${n}`;
    else if (f.name === 'deleted') values[f.name] = 0;
    else if (f.type === 'integer') values[f.name] = 1250 * n;
    else values[f.name] = `${EVIL} ${n}`;
    clock[f.name] = HLC;
  }
  // Every other row has a field changed before the rest, so that its stored clock is not empty.
  if (n % 2 === 0) clock.deleted = EARLIER;
  return {
    id: table === 'app_user' ? owner : id,
    values,
    clock,
    hlc: HLC,
    modifiedAt: '2026-11-25T14:14:32.123Z',
  };
}

/** Every call's SQL text and the bind names it uses; user data must never be in SQL text. */
function expectNoLiterals(): void {
  for (const sql of fake.statements) {
    expect(sql).not.toContain(EVIL);
    expect(sql).not.toContain('DROP TABLE x');
    expect(sql).not.toContain(EVIL_USER);
    expect(sql).not.toContain(PASSWORD);
  }
}

/** Every call binds exactly the names node-oracledb's Thin parser finds in its statement. */
function expectBindsMatchDriver(): void {
  const upper = (keys: string[]) => keys.map((k) => k.toUpperCase()).sort();
  for (const c of fake.calls) {
    if (c.method === 'execute') {
      expect(upper(Object.keys((c.binds ?? {}) as object)), c.sql).toEqual(
        thinBindNames(c.sql as string).sort(),
      );
    } else if (c.method === 'executeMany') {
      const defs = Object.keys((c.options as { bindDefs: object }).bindDefs);
      expect(upper(defs), c.sql).toEqual(thinBindNames(c.sql as string).sort());
      for (const row of c.binds as object[]) {
        expect(upper(Object.keys(row))).toEqual(upper(defs.filter((d) => d !== 'seq')));
      }
    }
  }
}

function transactionShape(calls: readonly Call[]): string[] {
  return calls
    .filter((c) => c.method !== 'getConnection')
    .map((c) => (c.sql ? `${c.method}:${c.sql.split(/\s+/).slice(0, 3).join(' ')}` : c.method));
}

beforeEach(async () => {
  fake = new FakeOracle();
  store = await open();
});

afterEach(async () => {
  await store.close();
  expectNoLiterals();
  expectBindsMatchDriver();
});

describe('openOracleStore', () => {
  it('creates a Thin-mode pool from the URL, and sets every new session to byte order', async () => {
    const attrs = fake.poolAttributes;
    expect(attrs).toMatchObject({
      user: 'pfm',
      password: PASSWORD,
      connectString: 'db.example.com:1521/FREEPDB1',
      poolMax: 10,
    });
    expect(store.kind).toBe('oracle');
    expect(store.url).toBe(SHOWN);

    const done = await new Promise<Error | undefined>((resolve) =>
      attrs?.sessionCallback(fake.connection(99), '', resolve),
    );
    expect(done).toBeUndefined();
    expect(fake.statements).toEqual([SESSION_SETUP_SQL]);
  });

  it('fails a new session whose setup fails', async () => {
    fake.on(
      SESSION_SETUP_SQL,
      oraError(12705, 'Cannot access NLS data files or invalid environment specified'),
    );
    const done = await new Promise<Error | undefined>((resolve) =>
      fake.poolAttributes?.sessionCallback(fake.connection(99), '', resolve),
    );
    expect(done?.message).toContain('ORA-12705');
  });

  it('takes the password from the URL, else the option, and never from the environment', async () => {
    const saved = process.env.PFM_CENTRAL_PASSWORD;
    try {
      process.env.PFM_CENTRAL_PASSWORD = 'from-env';
      const url = 'oracle://pfm@db.example.com/FREEPDB1';
      await (await openOracleStore(url, { driver: fake, migrate: false, password: 'from-option' })).close();
      expect(fake.poolAttributes?.password).toBe('from-option');
      expect(fake.poolAttributes?.connectString).toBe('db.example.com:1521/FREEPDB1');
      await (
        await openOracleStore('oracle://pfm:from-url@db.example.com/FREEPDB1', {
          driver: fake,
          migrate: false,
          password: 'from-option',
        })
      ).close();
      expect(fake.poolAttributes?.password).toBe('from-url');
      // PFM_CENTRAL_PASSWORD is read by the CLI (the edge) and passed as the option; the library reads no env.
      await expect(openOracleStore(url, { driver: fake, migrate: false })).rejects.toMatchObject({
        code: 'PFM_NO_PASSWORD',
        transient: false,
      });
    } finally {
      if (saved === undefined) delete process.env.PFM_CENTRAL_PASSWORD;
      else process.env.PFM_CENTRAL_PASSWORD = saved;
    }
  });

  it('honours maxConnections', async () => {
    await (await openOracleStore(URL, { driver: fake, migrate: false, maxConnections: 3 })).close();
    expect(fake.poolAttributes?.poolMax).toBe(3);
  });

  it('never shows the password when the pool or a connection cannot be made', async () => {
    const other = new FakeOracle();
    other.createPoolError = njsError('NJS-503', `connection to ${URL} with password ${PASSWORD} refused`);
    const err = await openOracleStore(URL, { driver: other }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CentralError);
    expect((err as CentralError).message).not.toContain(PASSWORD);
    expect((err as CentralError).message).toContain(SHOWN);
    expect((err as CentralError).transient).toBe(true);

    const third = new FakeOracle();
    third.getConnectionError = oraError(
      1017,
      `invalid credential or not authorized; logon denied (${PASSWORD})`,
    );
    const denied = await openOracleStore(URL, { driver: third }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 'ORA-01017', transient: false });
    expect((denied as Error).message).not.toContain(PASSWORD);
    expect((denied as Error).message).toContain('ORA-01017');
    expect(third.callsOf('poolClose')).toHaveLength(1); // a failed open releases the pool
  });

  it('refuses a bad URL without echoing its password', async () => {
    const err = await openOracleStore(`oracle://pfm:${PASSWORD}@db.example.com:1521/`, {
      driver: fake,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('service name');
    expect((err as Error).message).not.toContain(PASSWORD);
  });
});

describe('migrations and the schema version', () => {
  it('applies every statement of every migration on an empty schema, then records the version', async () => {
    fake.on(SCHEMA_VERSION_SQL, { rows: [{ VERSION: 0 }] });
    fake.on(SCHEMA_VERSION_SQL, oraError(942, 'table or view does not exist'), 1);
    expect(await store.migrate()).toBe(ORACLE_MIGRATIONS.length);
    const expected = [
      SCHEMA_VERSION_SQL,
      SCHEMA_TABLE_SQL,
      SCHEMA_VERSION_SQL,
      ...ORACLE_MIGRATIONS.flatMap((m) => [...m.statements.map((s) => s.sql), INSERT_SCHEMA_VERSION_SQL]),
      ...SYNCED_TABLES.map((t) => TABLE_SQL[t].probe),
    ];
    expect(fake.statements).toEqual(expected);
    const record = fake.calls.find((c) => c.sql === INSERT_SCHEMA_VERSION_SQL);
    expect(record?.binds).toEqual({ version: 1, name: ORACLE_MIGRATIONS[0]?.name });
    expect(record?.options).toMatchObject({ autoCommit: true });
  });

  it('treats "already exists" as done, and a version recorded by a concurrent migration as not applied here', async () => {
    fake.on(SCHEMA_VERSION_SQL, { rows: [{ VERSION: 0 }] });
    fake.on(SCHEMA_VERSION_SQL, oraError(942, 'table or view does not exist'), 1);
    fake.on(/^CREATE (TABLE|SEQUENCE|INDEX)/, oraError(955, 'name is already used by an existing object'));
    fake.on('INSERT INTO pfm_instance', oraError(1, 'unique constraint (PFM.SYS_C007) violated'));
    fake.on(INSERT_SCHEMA_VERSION_SQL, oraError(1, 'unique constraint (PFM.SYS_C008) violated'));
    expect(await store.migrate()).toBe(0);
    // Every migration statement commits on its own (the instance id insert is DML).
    for (const c of fake.calls.filter((c) => c.sql?.startsWith('CREATE') || c.sql?.startsWith('INSERT'))) {
      expect(c.options).toMatchObject({ autoCommit: true });
    }
  });

  it('does nothing on a schema at this version, and refuses a newer one', async () => {
    expect(await store.migrate()).toBe(0);
    expect(fake.statements).toEqual([SCHEMA_VERSION_SQL]);
    fake.schemaVersion = CENTRAL_SCHEMA_VERSION + 1;
    const err = await store.migrate().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CentralSchemaTooNewError);
    expect((err as Error).message).toContain('upgrade pfm');
  });

  it('fails a migration whose PL/SQL does not compile, with the compiler errors', async () => {
    fake.on(SCHEMA_VERSION_SQL, { rows: [{ VERSION: 0 }] });
    fake.on('CREATE OR REPLACE PACKAGE BODY', {
      warning: { message: 'ORA-24344: success with compilation error', errorNum: 24344 },
    });
    fake.on(COMPILE_ERRORS_SQL, {
      rows: [
        {
          TYPE: 'PACKAGE BODY',
          LINE: 12,
          POSITION: 7,
          TEXT: 'PL/SQL: ORA-00942: table or view does not exist',
        },
      ],
    });
    await expect(store.migrate()).rejects.toMatchObject({ code: 'PFM_MIGRATION' });
    const check = fake.calls.find((c) => c.sql === COMPILE_ERRORS_SQL);
    expect(check?.binds).toEqual({ name: 'PFM_REPORTS' });
    expect(fake.statements).not.toContain(INSERT_SCHEMA_VERSION_SQL);
  });

  it('refuses finance_* tables of another application', async () => {
    fake.on(SCHEMA_VERSION_SQL, { rows: [{ VERSION: 0 }] });
    fake.on(/^CREATE TABLE finance_/, oraError(955, 'name is already used by an existing object'));
    fake.on(TABLE_SQL.expense.probe, oraError(904, '"T"."HLC": invalid identifier'));
    await expect(store.migrate()).rejects.toMatchObject({ code: 'PFM_SCHEMA_CONFLICT' });
  });

  it('reads the schema version: 0 without a schema table; too old and too new are errors', async () => {
    expect(await store.schemaVersion()).toBe(CENTRAL_SCHEMA_VERSION);
    fake.on(SCHEMA_VERSION_SQL, oraError(942, 'table or view does not exist'), 1);
    expect(await store.schemaVersion()).toBe(0);
    fake.schemaVersion = 0;
    await expect(store.checkSchema()).rejects.toMatchObject({ code: 'PFM_SCHEMA_TOO_OLD' });
    fake.schemaVersion = CENTRAL_SCHEMA_VERSION + 1;
    await expect(store.checkSchema()).rejects.toBeInstanceOf(CentralSchemaTooNewError);
    fake.schemaVersion = CENTRAL_SCHEMA_VERSION;
    await expect(store.checkSchema()).resolves.toBeUndefined();
  });
});

describe('dropSchema (test schemas only)', () => {
  it('drops every object, skipping those that are not there', async () => {
    fake.on(/^DROP (TABLE|PACKAGE)/, oraError(942, 'table or view does not exist'));
    await store.dropSchema();
    expect(fake.statements).toEqual(DROP_SCHEMA_STATEMENTS.map((s) => s.sql));
    expect(fake.statements).toContain('DROP SEQUENCE finance_server_seq');
  });
});

describe('contract-suite helpers (test schemas only)', () => {
  it('resets by truncating every table and forgetting newer schema versions', async () => {
    await store.resetForTests();
    expect(fake.statements).toEqual([...TRUNCATE_STATEMENTS, DELETE_SCHEMA_VERSIONS_SQL]);
    expect(fake.calls.find((c) => c.sql === DELETE_SCHEMA_VERSIONS_SQL)).toMatchObject({
      binds: { version: ORACLE_MIGRATIONS.length },
      options: { autoCommit: true },
    });
    for (const t of SYNCED_TABLES)
      expect(TRUNCATE_STATEMENTS).toContain(`TRUNCATE TABLE ${CENTRAL_TABLE_NAMES[t]}`);
  });

  it('records a schema version from the future', async () => {
    await store.recordSchemaVersionForTests(99, 'from the future');
    expect(fake.calls.find((c) => c.sql === INSERT_SCHEMA_VERSION_SQL)).toMatchObject({
      binds: { version: 99, name: 'from the future' },
      options: { autoCommit: true },
    });
  });
});

describe('withUserWrite', () => {
  it('takes the lock before anything else, and commits when the work resolves', async () => {
    const rows = [sampleRow('expense', EVIL_USER, 'e1')];
    const result = await store.withUserWrite(EVIL_USER, async (w) => {
      await w.readVersions('expense', ['e1']);
      return w.writeRows('expense', rows, ORIGIN);
    });
    expect(result).toEqual([{ id: 'e1', seq: 101 }]);
    expect(transactionShape(fake.calls)).toEqual([
      'execute:SELECT user_id FROM',
      'execute:SELECT t.id, t.user_id,',
      'executeMany:DECLARE v_seq NUMBER(19)',
      'commit',
      'close',
    ]);
    expect(fake.calls[1]).toMatchObject({ sql: LOCK_SELECT_SQL, binds: { owner: EVIL_USER } });
    // Every call of the unit ran on one connection.
    expect(new Set(fake.calls.map((c) => c.connection)).size).toBe(1);
  });

  it('creates the lock row the first time (insert-if-absent), then locks it', async () => {
    fake.on(LOCK_SELECT_SQL, { rows: [] }, 1);
    await store.withUserWrite('u1', async () => undefined);
    expect(fake.statements).toEqual([LOCK_SELECT_SQL, LOCK_INSERT_SQL, LOCK_SELECT_SQL]);
    expect(fake.calls.find((c) => c.sql === LOCK_INSERT_SQL)?.binds).toEqual({ owner: 'u1' });
    expect(LOCK_INSERT_SQL).toMatch(/^MERGE INTO sync_user_lock .* WHEN NOT MATCHED THEN INSERT/);
  });

  it('takes the lock when a concurrent first writer inserted the row (ORA-00001)', async () => {
    fake.on(LOCK_SELECT_SQL, { rows: [] }, 1);
    fake.on(LOCK_INSERT_SQL, oraError(1, 'unique constraint (PFM.SYS_C001) violated'));
    await store.withUserWrite('u1', async (w) => w.recordBatch('b1'));
    expect(fake.statements).toEqual([LOCK_SELECT_SQL, LOCK_INSERT_SQL, LOCK_SELECT_SQL, RECORD_BATCH_SQL]);
    expect(fake.callsOf('commit')).toHaveLength(1);
  });

  it('rolls back, and does not commit, when the work throws', async () => {
    const boom = new Error('merge failed');
    await expect(
      store.withUserWrite('u1', async (w) => {
        await w.writeRows('category', [sampleRow('category', 'u1', 'c1')], ORIGIN);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(fake.callsOf('rollback')).toHaveLength(1);
    expect(fake.callsOf('commit')).toHaveLength(0);
    expect(fake.callsOf('close')).toEqual([expect.objectContaining({ options: undefined })]);
  });

  it('rolls back on a driver error and drops a connection that broke', async () => {
    fake.on(
      'MERGE INTO finance_income',
      njsError('NJS-500', 'connection to Oracle Database was closed or broken', 3113),
    );
    const err = await store
      .withUserWrite('u1', (w) => w.writeRows('income', [sampleRow('income', 'u1', 'i1')], ORIGIN))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CentralError', transient: true });
    expect(fake.callsOf('rollback')).toHaveLength(1);
    expect(fake.callsOf('close')).toEqual([expect.objectContaining({ options: { drop: true } })]);
  });

  it('makes the write unusable once its transaction has ended', async () => {
    const w = await store.withUserWrite('u1', async (write) => write);
    await expect(w.recordBatch('b')).rejects.toMatchObject({ code: 'PFM_CLOSED' });
    await expect(store.withUserWrite('', async () => 1)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('writeRows', () => {
  it.each(SYNCED_TABLES)(
    '%s: one MERGE, one executeMany round trip, one bind row per input row',
    async (table) => {
      const owner = EVIL_USER;
      const rows = [1, 2, 3].map((n) => sampleRow(table, owner, `${table}-${n}`, n));
      const input = table === 'app_user' ? rows.slice(0, 1) : rows;
      const written = await store.withUserWrite(owner, (w) => w.writeRows(table, input, ORIGIN));

      const many = fake.callsOf('executeMany');
      expect(many).toHaveLength(1);
      const call = many[0] as Call;
      expect(call.sql).toBe(TABLE_SQL[table].write);
      expect(call.sql).toContain(`MERGE INTO finance_`);
      expect(call.sql).toContain('finance_server_seq.NEXTVAL');
      const binds = call.binds as Record<string, unknown>[];
      expect(binds).toHaveLength(input.length);
      binds.forEach((b, i) => {
        const row = input[i] as SyncRow;
        expect(Object.keys(b).sort()).toEqual(writeBindNames(table).sort());
        expect(b).toMatchObject({ id: row.id, hlc: HLC, origin: ORIGIN, owner, modified_at: row.modifiedAt });
        // The clock is bound compact: only the fields off the row's clock.
        expect(b.clock).toBe(encodeClock(row.clock, row.hlc));
        expect(decodeClock(b.clock as string, row.hlc, fieldNames(table))).toEqual(row.clock);
        for (const f of TABLES[table].fields) expect(b[f.name]).toEqual(row.values[f.name]);
      });
      const { bindDefs, autoCommit } = call.options as {
        bindDefs: Record<string, { type: unknown; dir?: number; maxSize?: number }>;
        autoCommit: boolean;
      };
      expect(autoCommit).toBe(false);
      expect(bindDefs.seq).toEqual({ dir: fake.BIND_OUT, type: fake.DB_TYPE_NUMBER });
      for (const f of TABLES[table].fields) {
        expect(bindDefs[f.name]?.type).toBe(
          f.type === 'integer' ? fake.DB_TYPE_NUMBER : fake.DB_TYPE_VARCHAR,
        );
      }
      // A bind is at least one byte long, even when every clock is the empty text.
      expect(bindDefs.clock?.maxSize).toBe(
        Math.max(1, ...binds.map((b) => Buffer.byteLength(b.clock as string))),
      );
      expect(written).toEqual(input.map((r, i) => ({ id: r.id, seq: 101 + i })));
    },
  );

  it('reports one statement per table per batch to onStatement (the round trips the contract suite counts)', async () => {
    const seen: string[] = [];
    const counted = await openOracleStore(URL, {
      driver: fake,
      migrate: false,
      onStatement: (sql) => seen.push(sql),
    });
    seen.length = 0;
    await counted.withUserWrite('u1', async (w) => {
      await w.writeRows(
        'category',
        [1, 2].map((n) => sampleRow('category', 'u1', `c${n}`, n)),
        ORIGIN,
      );
      await w.writeRows(
        'expense',
        [1, 2, 3, 4].map((n) => sampleRow('expense', 'u1', `e${n}`, n)),
        ORIGIN,
      );
    });
    await counted.close();
    expect(seen).toEqual([LOCK_SELECT_SQL, TABLE_SQL.category.write, TABLE_SQL.expense.write, 'COMMIT']);
  });

  it('writes nothing for an empty batch', async () => {
    expect(await store.withUserWrite('u1', (w) => w.writeRows('expense', [], ORIGIN))).toEqual([]);
    expect(fake.callsOf('executeMany')).toHaveLength(0);
  });

  it('refuses, before sending anything, a row of another user, a duplicate id or a mistyped value', async () => {
    const write = (rows: SyncRow[]) => store.withUserWrite('u1', (w) => w.writeRows('expense', rows, ORIGIN));
    await expect(write([sampleRow('expense', 'u2', 'e1')])).rejects.toMatchObject({
      code: 'PFM_FOREIGN_ROW',
    });
    const row = sampleRow('expense', 'u1', 'e1');
    await expect(write([row, row])).rejects.toMatchObject({ code: 'PFM_BAD_ROW' });
    await expect(write([{ ...row, values: { ...row.values, amount: 'lots' } }])).rejects.toMatchObject({
      code: 'PFM_BAD_ROW',
    });
    expect(fake.callsOf('executeMany')).toHaveLength(0);
    expect(fake.callsOf('rollback')).toHaveLength(3);
  });

  it('fails the batch (and rolls back) when an id already belongs to another user', async () => {
    fake.on('MERGE INTO finance_expense', { outBinds: [{ seq: 7 }, { seq: null }] });
    const rows = [sampleRow('expense', 'u1', 'e1'), sampleRow('expense', 'u1', 'e2')];
    await expect(
      store.withUserWrite('u1', (w) => w.writeRows('expense', rows, ORIGIN)),
    ).rejects.toMatchObject({
      code: 'PFM_FOREIGN_ROW',
      message: expect.stringContaining('e2'),
    });
    expect(fake.callsOf('rollback')).toHaveLength(1);
    expect(fake.callsOf('commit')).toHaveLength(0);
  });
});

describe('recordBatch', () => {
  it('records a batch id once: ORA-00001 means already applied', async () => {
    fake.on(RECORD_BATCH_SQL, oraError(1, 'unique constraint (PFM.SYS_C002) violated'), 1);
    const first = await store.withUserWrite('u1', (w) => w.recordBatch(EVIL));
    expect(first).toBe(false);
    expect(await store.withUserWrite('u1', (w) => w.recordBatch(EVIL))).toBe(true);
    expect(fake.calls.filter((c) => c.sql === RECORD_BATCH_SQL).map((c) => c.binds)).toEqual([
      { owner: 'u1', batch: EVIL },
      { owner: 'u1', batch: EVIL },
    ]);
    expect(fake.callsOf('commit')).toHaveLength(2);
  });

  it('passes on any other error', async () => {
    fake.on(RECORD_BATCH_SQL, oraError(1400, 'cannot insert NULL'));
    await expect(store.withUserWrite('u1', (w) => w.recordBatch('b'))).rejects.toMatchObject({
      code: 'ORA-01400',
    });
    expect(fake.callsOf('rollback')).toHaveLength(1);
  });
});

describe('reading rows', () => {
  const stored = sampleRow('expense', 'u1', 'e1');
  const withEmpty: SyncRow = {
    ...stored,
    id: 'e2',
    values: { ...stored.values, description: '', payment_method: null },
  };

  it('readVersions: one statement over a bound JSON array; rows mapped back exactly', async () => {
    fake.on(TABLE_SQL.expense.readByIds, {
      rows: [oracleRow('expense', stored, 5), oracleRow('expense', withEmpty, 6)],
    });
    const ids = ['e1', 'e2', EVIL];
    const got = await store.withUserWrite('u1', (w) => w.readVersions('expense', ids));
    const call = fake.calls.find((c) => c.sql === TABLE_SQL.expense.readByIds) as Call;
    expect(call.sql).toContain('JSON_TABLE(:ids');
    expect(call.binds).toEqual({
      owner: 'u1',
      ids: { val: JSON.stringify(ids), type: fake.DB_TYPE_VARCHAR },
    });
    expect(call.options).toMatchObject({
      outFormat: fake.OUT_FORMAT_OBJECT,
      fetchInfo: { CLOCK: { type: fake.DB_TYPE_VARCHAR } },
    });
    expect(got).toEqual([
      { ...stored, seq: 5, origin: 'device0000000001' },
      // Oracle keeps '' as NULL: a not-null text field reads back as '', a nullable one as null.
      { ...withEmpty, seq: 6, origin: 'device0000000001' },
    ]);
  });

  it('binds a long id list as a CLOB, and sends nothing for no ids', async () => {
    const ids = Array.from(
      { length: 500 },
      (_, i) => `0190c1a2-7b3c-7d4e-8f5a-${String(i).padStart(12, '0')}`,
    );
    await store.withUserWrite('u1', (w) => w.readVersions('income', ids));
    const call = fake.calls.find((c) => c.sql === TABLE_SQL.income.readByIds) as Call;
    expect((call.binds as { ids: { type: unknown } }).ids.type).toBe(fake.DB_TYPE_CLOB);
    fake.reset();
    expect(await store.readRowsById('u1', 'income', [])).toEqual([]);
    expect(fake.statements).toEqual([]);
  });

  it('readRowsById: the same statement outside a transaction', async () => {
    fake.on(TABLE_SQL.budget.readByIds, { rows: [] });
    expect(await store.readRowsById(EVIL_USER, 'budget', [EVIL])).toEqual([]);
    expect(fake.calls.find((c) => c.sql === TABLE_SQL.budget.readByIds)?.binds).toEqual({
      owner: EVIL_USER,
      ids: { val: JSON.stringify([EVIL]), type: fake.DB_TYPE_VARCHAR },
    });
    expect(fake.callsOf('commit')).toHaveLength(0);
  });

  it('readChanges: in server_seq order, FETCH FIRST :n ROWS ONLY, with or without an upper bound', async () => {
    fake.on(TABLE_SQL.expense.readChanges, { rows: [oracleRow('expense', stored, 11)] });
    const got = await store.readChanges(EVIL_USER, 'expense', 10, 500);
    expect(got.map((r) => r.seq)).toEqual([11]);
    await store.readChanges(EVIL_USER, 'expense', 10, 500, 20);
    const [a, b] = fake.calls.filter((c) => c.method === 'execute');
    expect(a).toMatchObject({
      sql: TABLE_SQL.expense.readChanges,
      binds: { owner: EVIL_USER, after: 10, n: 500 },
    });
    expect(b).toMatchObject({
      sql: TABLE_SQL.expense.readChangesUpTo,
      binds: { owner: EVIL_USER, after: 10, upto: 20, n: 500 },
    });
    expect(a?.sql).toMatch(
      /WHERE t\.user_id = :owner AND t\.server_seq > :after ORDER BY t\.server_seq FETCH FIRST :n ROWS ONLY$/,
    );
  });

  it('readChanges: refuses bad arguments before sending anything', async () => {
    await expect(store.readChanges('u1', 'expense', -1, 10)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.readChanges('u1', 'expense', 0, 0)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.readChanges('u1', 'expense', 0, 10, 1.5)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.readChanges('u1', 'nope' as SyncedTable, 0, 10)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(fake.statements).toEqual([]);
  });

  it('instanceId: the id made when the schema was created', async () => {
    fake.on(INSTANCE_ID_SQL, { rows: [{ INSTANCE_ID: '1f0e2d3c4b5a69788796a5b4c3d2e1f0' }] }, 1);
    expect(await store.instanceId()).toBe('1f0e2d3c4b5a69788796a5b4c3d2e1f0');
    await expect(store.instanceId()).rejects.toMatchObject({ code: 'PFM_NO_INSTANCE' });
  });

  it('maxSeq: one statement over every table', async () => {
    fake.on(MAX_SEQ_SQL, { rows: [{ MAX_SEQ: 42 }] });
    expect(await store.maxSeq(EVIL_USER)).toBe(42);
    expect(fake.calls.find((c) => c.sql === MAX_SEQ_SQL)?.binds).toEqual({ owner: EVIL_USER });
    for (const t of SYNCED_TABLES) expect(MAX_SEQ_SQL).toContain(`FROM ${CENTRAL_TABLE_NAMES[t]} WHERE`);
  });

  it('digest: streams the rows in id order and hashes them as every store does', async () => {
    const rows = [1, 2, 3, 4, 5].map((n) => sampleRow('goal_contribution', 'u1', `g${n}`, n));
    const rs = new FakeResultSet(rows.map((r, i) => oracleRow('goal_contribution', r, i + 1)));
    fake.on(TABLE_SQL.goal_contribution.readAllById, { resultSet: rs });
    const got = await store.digest(EVIL_USER, 'goal_contribution');
    expect(got).toEqual(digestRows('goal_contribution', rows));
    const call = fake.calls.find((c) => c.sql === TABLE_SQL.goal_contribution.readAllById) as Call;
    expect(call.sql).toMatch(/ORDER BY t\.id$/);
    expect(call.binds).toEqual({ owner: EVIL_USER });
    expect(call.options).toMatchObject({ resultSet: true });
    expect(rs.closed).toBe(true);
    expect(rs.fetches.every((n) => n !== undefined && n > 0)).toBe(true);
  });
});

describe('recordSyncActivity', () => {
  it('inserts one row, every value a bind, committed on its own', async () => {
    await store.recordSyncActivity({
      userId: EVIL_USER,
      deviceId: ORIGIN,
      syncType: 'Manual',
      status: 'Failed',
      startedAt: '2026-11-25T14:00:00.000Z',
      finishedAt: null,
      pushed: 3,
      pulled: 4,
      conflicts: 1,
      errorMessage: EVIL,
    });
    expect(fake.calls.find((c) => c.sql === RECORD_ACTIVITY_SQL)).toMatchObject({
      binds: {
        owner: EVIL_USER,
        device: ORIGIN,
        sync_type: 'Manual',
        status: 'Failed',
        started_at: '2026-11-25T14:00:00.000Z',
        finished_at: null,
        pushed: 3,
        pulled: 4,
        conflicts: 1,
        error_message: EVIL,
      },
      options: { autoCommit: true },
    });
  });

  it('refuses a status the table does not know', async () => {
    await expect(
      store.recordSyncActivity({
        userId: 'u1',
        deviceId: ORIGIN,
        syncType: 'Manual',
        status: 'Running' as 'Success',
        startedAt: 'x',
        finishedAt: null,
        pushed: 0,
        pulled: 0,
        conflicts: 0,
        errorMessage: null,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(fake.statements).toEqual([]);
  });
});

describe('device tokens', () => {
  const HASH = 'ab'.repeat(32);
  it('create, find, list, touch and revoke: one statement each, every value a bind, committed on its own', async () => {
    await store.deviceTokens.create({
      id: 't1',
      tokenHash: HASH,
      userId: EVIL_USER,
      deviceId: ORIGIN,
      label: EVIL,
      createdAt: '2026-11-25T14:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    });
    fake.on(DEVICE_TOKEN_SQL.findByHash, {
      rows: [
        {
          ID: 't1',
          USER_ID: EVIL_USER,
          DEVICE_ID: ORIGIN,
          LABEL: EVIL,
          CREATED_AT: '2026-11-25T14:00:00.000Z',
          LAST_USED_AT: null,
          REVOKED_AT: null,
        },
      ],
    });
    expect(await store.deviceTokens.findByHash(HASH)).toEqual({
      id: 't1',
      userId: EVIL_USER,
      deviceId: ORIGIN,
      label: EVIL,
      createdAt: '2026-11-25T14:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    });
    fake.on(DEVICE_TOKEN_SQL.list, { rows: [] });
    expect(await store.deviceTokens.list()).toEqual([]);
    await store.deviceTokens.touch('t1', '2026-11-25T15:00:00.000Z');
    fake.on(DEVICE_TOKEN_SQL.revokeByUser, { rowsAffected: 2 });
    expect(await store.deviceTokens.revoke({ userId: EVIL_USER }, '2026-11-25T16:00:00.000Z')).toBe(2);
    fake.on(DEVICE_TOKEN_SQL.revokeById, { rowsAffected: 1 });
    expect(await store.deviceTokens.revoke({ id: 't1' }, '2026-11-25T16:00:00.000Z')).toBe(1);
    expect(fake.calls.find((c) => c.sql === DEVICE_TOKEN_SQL.create)).toMatchObject({
      binds: { id: 't1', hash: HASH, owner: EVIL_USER, device: ORIGIN, label: EVIL },
      options: { autoCommit: true },
    });
    expect(fake.calls.find((c) => c.sql === DEVICE_TOKEN_SQL.revokeByUser)).toMatchObject({
      binds: { stamp: '2026-11-25T16:00:00.000Z', owner: EVIL_USER, device: null },
      options: { autoCommit: true },
    });
  });

  it('refuses a hash that is not hex SHA-256 before any statement', async () => {
    await expect(store.deviceTokens.findByHash(EVIL)).rejects.toBeInstanceOf(ValidationError);
    expect(fake.statements).toEqual([]);
  });
});

describe('reports (the pfm_reports package)', () => {
  function cursor(rows: unknown[]) {
    return (call: Call) => {
      const binds = call.binds as { cur: { dir: number; type: unknown } };
      expect(binds.cur).toEqual({ dir: fake.BIND_OUT, type: fake.DB_TYPE_CURSOR });
      return { outBinds: { cur: new FakeResultSet(rows) } };
    };
  }

  beforeEach(() => {
    fake.on(USER_CURRENCY_SQL, { rows: [{ CURRENCY: 'EUR' }] });
  });

  function reportCall(name: keyof typeof REPORT_SQL): Call {
    return fake.calls.find((c) => c.sql === REPORT_SQL[name]) as Call;
  }

  it('monthly', async () => {
    fake.on(
      REPORT_SQL.monthly,
      cursor([{ INCOME: 300000, INCOME_COUNT: 2, EXPENSES: 100001, EXPENSE_COUNT: 7 }]),
    );
    expect(await store.reports.monthly(EVIL_USER, '2026-11')).toEqual({
      month: '2026-11',
      currency: 'EUR',
      income: 300000,
      expenses: 100001,
      net: 199999,
      savingsRate: 66.7, // 199999 / 300000 = 66.666..%
      incomeCount: 2,
      expenseCount: 7,
    });
    expect(REPORT_SQL.monthly).toBe('BEGIN :cur := pfm_reports.monthly(:p_user, :p_month); END;');
    expect(reportCall('monthly').binds).toMatchObject({ p_user: EVIL_USER, p_month: '2026-11' });
    expect(fake.calls.find((c) => c.sql === USER_CURRENCY_SQL)?.binds).toEqual({ owner: EVIL_USER });
  });

  it('categories', async () => {
    fake.on(
      REPORT_SQL.categories,
      cursor([
        { CATEGORY_ID: 'c1', NAME: 'Food', DELETED: 0, TOTAL: 2000, N: 3, GRAND_TOTAL: 3000 },
        { CATEGORY_ID: 'c2', NAME: 'Old', DELETED: 1, TOTAL: 1000, N: 1, GRAND_TOTAL: 3000 },
      ]),
    );
    const got = await store.reports.categories('u1', '2026-11-01', '2026-11-30');
    expect(got.total).toBe(3000);
    expect(got.categories).toEqual([
      { categoryId: 'c1', name: 'Food', deleted: false, total: 2000, count: 3, share: 66.7 },
      { categoryId: 'c2', name: 'Old', deleted: true, total: 1000, count: 1, share: 33.3 },
    ]);
    expect(reportCall('categories').binds).toMatchObject({
      p_user: 'u1',
      p_from: '2026-11-01',
      p_to: '2026-11-30',
    });
  });

  it('budgets', async () => {
    fake.on(
      REPORT_SQL.budgets,
      cursor([{ BUDGET_ID: 'b1', CATEGORY_ID: 'c1', NAME: 'Food', LIMIT_AMOUNT: 30000, SPENT: 30000 }]),
    );
    // The month's spending per category: what no budget covers comes from it.
    fake.on(
      REPORT_SQL.categories,
      cursor([
        { CATEGORY_ID: 'c2', NAME: 'Rent', DELETED: 0, TOTAL: 90000, N: 1, GRAND_TOTAL: 120000 },
        { CATEGORY_ID: 'c1', NAME: 'Food', DELETED: 0, TOTAL: 30000, N: 4, GRAND_TOTAL: 120000 },
      ]),
    );
    // The rolling-over budgets up to the month, a plain query: October left 1500 that November carries.
    fake.on(BUDGET_HISTORY_SQL, {
      rows: [
        { CATEGORY_ID: 'c1', MONTH: '2026-10', LIMIT_AMOUNT: 30000, SPENT: 28500 },
        { CATEGORY_ID: 'c1', MONTH: '2026-11', LIMIT_AMOUNT: 30000, SPENT: 30000 },
      ],
    });
    const got = await store.reports.budgets('u1', '2026-11');
    expect(fake.calls.find((c) => c.sql === BUDGET_HISTORY_SQL)?.binds).toEqual({
      p_user: 'u1',
      p_month: '2026-11',
    });
    expect(got).toMatchObject({
      totalSpent: 120000,
      unbudgeted: 90000,
      unbudgetedCategories: [{ categoryId: 'c2', name: 'Rent', spent: 90000 }],
    });
    expect(reportCall('categories').binds).toMatchObject({ p_from: '2026-11-01', p_to: '2026-11-30' });
    expect(got.budgets).toEqual([
      {
        budgetId: 'b1',
        categoryId: 'c1',
        category: 'Food',
        limit: 30000,
        spent: 30000,
        remaining: 0,
        percent: 100,
        status: 'at',
        rollover: true,
        carried: 1500,
        available: 1500,
      },
    ]);
    expect(reportCall('budgets').binds).toMatchObject({ p_user: 'u1', p_month: '2026-11' });
  });

  it('goals', async () => {
    // The goals' sums, a plain query; the projection is computed from them as on the device.
    fake.on(GOAL_SUMS_SQL, {
      rows: [
        {
          GOAL_ID: 'g1',
          NAME: 'Bike',
          TARGET: 200000,
          TARGET_DATE: '2027-06-30',
          SAVED: 50000,
          FIRST_ON: '2026-06-01',
          REACHED_ON: null,
        },
      ],
    });
    const got = await store.reports.goals('u1', '2026-11-25');
    expect(got.goals[0]).toEqual({
      goalId: 'g1',
      name: 'Bike',
      target: 200000,
      saved: 50000,
      remaining: 150000,
      percent: 25,
      targetDate: '2027-06-30',
      // 178 days for 50000: ceil(150000 * 178 / 50000) = 534 days after 2026-11-25.
      projectedDate: '2028-05-12',
      onTrack: false,
      // 7 whole months from November 2026 to June 2027: ceil(150000 / 7).
      neededPerMonth: 21429,
    });
    expect(fake.calls.find((c) => c.sql === GOAL_SUMS_SQL)?.binds).toEqual({ p_user: 'u1' });
  });

  it('trend', async () => {
    fake.on(REPORT_SQL.trend, cursor([{ MONTH: '2026-10', INCOME: 5, EXPENSES: 7 }]));
    const got = await store.reports.trend('u1', '2026-11', 3);
    expect(got.months).toEqual([
      { month: '2026-09', income: 0, expenses: 0, net: 0 },
      { month: '2026-10', income: 5, expenses: 7, net: -2 },
      { month: '2026-11', income: 0, expenses: 0, net: 0 },
    ]);
    expect(reportCall('trend').binds).toMatchObject({
      p_user: 'u1',
      p_first_month: '2026-09',
      p_end_month: '2026-11',
    });
  });

  it('balances and net worth: the accounts and their months, mapped as on the device', async () => {
    const account = (id: string, name: string, opening: number, openingDate: string | null) => ({
      ACCOUNT_ID: id,
      NAME: name,
      ACCOUNT_KIND: 'checking',
      ARCHIVED: 0,
      OPENING_BALANCE: opening,
      OPENING_DATE: openingDate,
    });
    fake.on(
      REPORT_SQL.accounts,
      cursor([account('a2', 'savings', 1000, '2026-11-15'), account('a1', 'Main', 0, null)]),
    );
    fake.on(
      REPORT_SQL.account_months,
      cursor([
        { ACCOUNT_ID: 'a1', MONTH: '2026-10', AMOUNT: -300 },
        { ACCOUNT_ID: 'a2', MONTH: '2026-11', AMOUNT: 300 },
      ]),
    );
    const got = await store.reports.balances('u1', '2026-11-30');
    expect(got.accounts.map((a) => [a.name, a.balance])).toEqual([
      ['Main', -300],
      ['savings', 1300],
    ]);
    expect(got.total).toBe(1000);
    expect(reportCall('accounts').binds).toMatchObject({ p_user: 'u1' });
    expect(reportCall('account_months').binds).toMatchObject({ p_user: 'u1', p_up_to: '2026-11-30' });
    fake.reset();
    fake.on(USER_CURRENCY_SQL, { rows: [{ CURRENCY: 'EUR' }] });
    fake.on(REPORT_SQL.accounts, cursor([account('a1', 'Main', 0, null)]));
    fake.on(REPORT_SQL.account_months, cursor([{ ACCOUNT_ID: 'a1', MONTH: '2026-10', AMOUNT: -300 }]));
    const worth = await store.reports.netWorth('u1', '2026-09', '2026-11');
    expect(worth.months.map((m) => m.total)).toEqual([0, -300, -300]);
    expect(reportCall('account_months').binds).toMatchObject({ p_user: 'u1', p_up_to: '2026-11-30' });
  });

  it('sync activity per device and record counts per user, for one user or all', async () => {
    fake.on(
      REPORT_SQL.sync_activity,
      cursor([
        {
          USER_ID: 'u1',
          DEVICE_ID: ORIGIN,
          SYNCS: 3,
          SUCCEEDED: 2,
          PARTIAL: 0,
          FAILED: 1,
          PUSHED: 10,
          PULLED: 4,
          CONFLICTS: 1,
          FIRST_SYNC_AT: '2026-11-01T00:00:00.000Z',
          LAST_SYNC_AT: '2026-11-25T00:00:00.000Z',
          LAST_STATUS: 'Failed',
        },
      ]),
    );
    fake.on(
      REPORT_SQL.record_counts,
      cursor([
        { USER_ID: 'u1', NAME: 'Alice', TABLE_NAME: 'app_user', LIVE: 1, DELETED: 0 },
        { USER_ID: 'u1', NAME: 'Alice', TABLE_NAME: 'expense', LIVE: 40, DELETED: 2 },
      ]),
    );
    const activity = await store.reports.syncActivity();
    expect(activity).toEqual([
      {
        userId: 'u1',
        deviceId: ORIGIN,
        syncs: 3,
        succeeded: 2,
        partial: 0,
        failed: 1,
        pushed: 10,
        pulled: 4,
        conflicts: 1,
        firstSyncAt: '2026-11-01T00:00:00.000Z',
        lastSyncAt: '2026-11-25T00:00:00.000Z',
        lastStatus: 'Failed',
      },
    ]);
    expect(reportCall('sync_activity').binds).toMatchObject({ p_user: null });
    const counts = await store.reports.recordCounts(EVIL_USER);
    expect(counts[0]?.live).toBe(41);
    expect(counts[0]?.tables.expense).toEqual({ live: 40, deleted: 2 });
    expect(counts[0]?.tables.income).toEqual({ live: 0, deleted: 0 });
    expect(reportCall('record_counts').binds).toMatchObject({ p_user: EVIL_USER });
  });

  it('an unknown user is NotFoundError; a bad month is refused before any statement', async () => {
    fake.on(USER_CURRENCY_SQL, { rows: [] });
    await expect(store.reports.monthly('nobody', '2026-11')).rejects.toBeInstanceOf(NotFoundError);
    fake.reset();
    await expect(store.reports.monthly('u1', `2026-11${EVIL}`)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.reports.trend('u1', '2026-11', 0)).rejects.toBeInstanceOf(ValidationError);
    expect(fake.statements).toEqual([]);
  });

  it('closes every cursor it opens', async () => {
    const rs = new FakeResultSet([{ MONTH: '2026-11', INCOME: 1, EXPENSES: 1 }]);
    fake.on(REPORT_SQL.trend, { outBinds: { cur: rs } });
    await store.reports.trend('u1', '2026-11');
    expect(rs.closed).toBe(true);
  });
});

describe('errors', () => {
  it.each([
    [
      'ORA-03113 (as node-oracledb Thin reports it)',
      njsError('NJS-500', 'closed\nORA-03113: end-of-file', 3113),
      true,
    ],
    ['ORA-03113', oraError(3113, 'end-of-file on communication channel'), true],
    ['ORA-03114', oraError(3114, 'not connected to ORACLE'), true],
    ['ORA-12541', oraError(12541, 'TNS:no listener'), true],
    ['ORA-12170', oraError(12170, 'TNS:Connect timeout occurred'), true],
    ['ORA-03135', oraError(3135, 'connection lost contact'), true],
    ['NJS-500', njsError('NJS-500', 'connection to Oracle Database was closed or broken'), true],
    ['NJS-501', njsError('NJS-501', 'connection to host h port 1521 terminated unexpectedly'), true],
    ['NJS-503', njsError('NJS-503', 'connection to host h port 1521 could not be established'), true],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    ['a timeout', new Error('socket timed out'), true],
    [
      'ORA-01017 bad credentials',
      oraError(1017, 'invalid credential or not authorized; logon denied'),
      false,
    ],
    ['ORA-00001 constraint', oraError(1, 'unique constraint violated'), false],
    ['ORA-02290 check', oraError(2290, 'check constraint (PFM.SYS_C0010) violated'), false],
    ['ORA-00942 missing table', oraError(942, 'table or view does not exist'), false],
    ['ORA-12514 unknown service', oraError(12514, 'TNS:listener does not currently know of service'), false],
  ])('%s is transient: %s', async (_name, error, transient) => {
    fake.on(MAX_SEQ_SQL, error);
    const err = await store.maxSeq('u1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CentralError);
    expect((err as CentralError).transient).toBe(transient);
    expect((err as CentralError).message).toContain(SHOWN);
    // A broken connection is dropped, not handed back to the pool.
    expect(fake.callsOf('close').at(-1)?.options).toEqual(transient ? { drop: true } : undefined);
  });

  it('keeps the Oracle code and never the password, even when the driver echoes it', async () => {
    fake.on(MAX_SEQ_SQL, oraError(1017, `logon denied for ${URL} password=${PASSWORD}`));
    const err = (await store.maxSeq('u1').catch((e: unknown) => e)) as CentralError;
    expect(err.code).toBe('ORA-01017');
    expect(err.message).not.toContain(PASSWORD);
    expect(err.message).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('a closed store refuses work', async () => {
    await store.close();
    expect(fake.callsOf('poolClose')).toHaveLength(1);
    await expect(store.maxSeq('u1')).rejects.toMatchObject({ code: 'PFM_CLOSED' });
  });
});

describe('parseOracleUrl', () => {
  it('reads user, password, host, port and service; shows the URL only redacted', () => {
    expect(parseOracleUrl('oracle://scott:ti%40ger@db.example.com:1522/orclpdb1.example.com')).toEqual({
      user: 'scott',
      password: 'ti@ger',
      host: 'db.example.com',
      port: 1522,
      service: 'orclpdb1.example.com',
      connectString: 'db.example.com:1522/orclpdb1.example.com',
      redacted: 'oracle://scott:***@db.example.com:1522/orclpdb1.example.com',
    });
    expect(parseOracleUrl('oracle://pfm@10.0.0.5/FREEPDB1')).toMatchObject({
      password: undefined,
      port: 1521,
      connectString: '10.0.0.5:1521/FREEPDB1',
      redacted: 'oracle://pfm@10.0.0.5/FREEPDB1',
    });
    expect(parseOracleUrl('oracle://pfm@[::1]:1521/XE').connectString).toBe('[::1]:1521/XE');
  });

  it.each([
    [`oracle://db.example.com:1521/FREEPDB1`, 'user'],
    [`oracle://pfm:${PASSWORD}@db.example.com:1521`, 'service'],
    [`oracle://pfm:${PASSWORD}@db.example.com:99999/FREEPDB1`, 'parsed'],
    [`oracle://pfm:${PASSWORD}@db.example.com/FREE PDB`, 'service'],
    [`oracle://pfm:${PASSWORD}@db.example.com/FREEPDB1?ssl=true`, 'query'],
    [`postgres://pfm:${PASSWORD}@db.example.com/FREEPDB1`, 'scheme'],
  ])('refuses %s (%s) without showing the password', (url, why) => {
    const err = (() => {
      try {
        parseOracleUrl(url);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain(why);
    expect(err.message).not.toContain(PASSWORD);
  });
});

describe('the real node-oracledb, without a server', () => {
  it('is loaded in Thin mode and offers everything the store uses', () => {
    const driver = loadOracleDriver() as OracleDriver & { thin?: boolean };
    expect(driver.thin).toBe(true);
    expect(typeof driver.createPool).toBe('function');
    for (const k of [
      'OUT_FORMAT_OBJECT',
      'BIND_OUT',
      'DB_TYPE_VARCHAR',
      'DB_TYPE_NUMBER',
      'DB_TYPE_CLOB',
      'DB_TYPE_CURSOR',
    ]) {
      expect(driver[k as keyof OracleDriver], k).toBeDefined();
    }
  });

  it('reports a refused connection as transient, with the URL redacted and no password', async () => {
    const err = await openOracleStore(`oracle://pfm:${PASSWORD}@127.0.0.1:1/FREEPDB1`).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CentralError);
    expect(err).toMatchObject({ transient: true });
    expect((err as Error).message).toContain('oracle://pfm:***@127.0.0.1:1/FREEPDB1');
    expect((err as Error).message).not.toContain(PASSWORD);
  }, 20_000);
});
