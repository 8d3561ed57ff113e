import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCentralRow } from '../../src/central/central-rows.js';
import { CentralSchemaTooNewError, type CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { POSTGRES_MIGRATIONS } from '../../src/central/postgres/migrations.js';
import { PostgresCentralStore } from '../../src/central/postgres/postgres-store.js';
import { PgSqlPool } from '../../src/central/postgres/sql-pool.js';
import { SQLITE_MIGRATIONS } from '../../src/central/sqlite/sqlite-migrations.js';
import { SqliteSession } from '../../src/central/sqlite/sqlite-session.js';
import { SqliteCentralStore } from '../../src/central/sqlite/sqlite-store.js';
import { CENTRAL_TABLE_NAMES, centralColumns } from '../../src/central/table-names.js';
import { encodeClock } from '../../src/domain/clock-codec.js';
import { userIdFor } from '../../src/domain/ids.js';
import { SYNCED_TABLES, TABLES, ownerColumn, type SyncedTable } from '../../src/domain/tables.js';
import { centralSnapshot, Device, direct, TestClock } from '../support/devices.js';
import {
  createTestDatabase,
  postgresSkipReason,
  type TestDatabase,
} from '../support/postgres-test-database.js';

/**
 * A central store at schema 8 (clocks as JSON) holding what two devices synced, edits and conflicts included,
 * and a bookkeeper's plain SQL edit, is migrated to schema 9 (compact clocks): every value and every clock reads
 * back as before, the devices go on syncing (edits, a conflict, another plain SQL edit) and converge, and a pfm
 * that knows only schema 8 is refused with CentralSchemaTooNewError.
 *
 * This build cannot sync with a schema 8 store (it writes compact clocks), so the devices sync with a current
 * store first, and the schema 8 store is then given exactly that store's rows (JSON clocks, the same seqs and
 * instance id, so the devices' cursors hold): the state a schema 8 store would have after the same syncs.
 */

const uid = userIdFor('ann');
const OLD_SCHEMA = 8;

/** Plain SQL on the central database, as an admin has it: `$n` placeholders on both dialects. */
interface PlainSql {
  all(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

interface Dialect {
  /** A central store at schema 8, made by the migrations of that release. */
  makeOld(): Promise<void>;
  url(): string;
  plain(): Promise<PlainSql>;
  /** Sets the store's seq counter ($1): the next write's seq comes after it. */
  readonly setSeqSql: string;
  /** The store as a pfm that knows only schema 8 opens it. */
  openAsOlderPfm(): Promise<unknown>;
}

let dir: string;
let database: TestDatabase | undefined;
let devices: Device[];
let stores: CentralStore[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfm-compact-'));
  devices = [];
  stores = [];
});
afterEach(async () => {
  devices.forEach((d) => d.close());
  for (const s of stores) await s.close();
  await database?.drop();
  database = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const sqlite: Dialect = {
  setSeqSql: 'UPDATE pfm_server_seq SET value = $1 WHERE singleton = 1',
  url: () => `sqlite:${join(dir, 'central.db')}`,
  async makeOld() {
    const path = join(dir, 'central.db');
    const old = await SqliteCentralStore.open(
      SqliteSession.open(path, this.url()),
      this.url(),
      true,
      SQLITE_MIGRATIONS.filter((m) => m.version <= OLD_SCHEMA),
    );
    await old.close();
  },
  async plain() {
    const db = new Database(join(dir, 'central.db'));
    return {
      all: async (sql, params = []) => {
        const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
        if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
        statement.run(...params);
        return [];
      },
      close: async () => void db.close(),
    };
  },
  openAsOlderPfm() {
    const path = join(dir, 'central.db');
    return SqliteCentralStore.open(
      SqliteSession.open(path, this.url()),
      this.url(),
      true,
      SQLITE_MIGRATIONS.filter((m) => m.version <= OLD_SCHEMA),
    );
  },
};

const postgres: Dialect = {
  setSeqSql: "SELECT setval('pfm_server_seq', $1)",
  url: () => database?.url ?? '',
  async makeOld() {
    database = await createTestDatabase('compact');
    const old = await PostgresCentralStore.open({
      kind: 'postgres',
      url: database.url,
      pool: new PgSqlPool({ connectionString: database.url, password: undefined, max: 2 }),
      secrets: [],
      migrations: POSTGRES_MIGRATIONS.filter((m) => m.version <= OLD_SCHEMA),
    });
    await old.close();
  },
  async plain() {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    return {
      all: async (sql, params = []) =>
        (await client.query(sql, [...params])).rows as Record<string, unknown>[],
      close: () => client.end(),
    };
  },
  openAsOlderPfm() {
    return PostgresCentralStore.open({
      kind: 'postgres',
      url: this.url(),
      pool: new PgSqlPool({ connectionString: this.url(), password: undefined, max: 2 }),
      secrets: [],
      migrations: POSTGRES_MIGRATIONS.filter((m) => m.version <= OLD_SCHEMA),
    });
  },
};

/** Every row of `from` (a current store) written into the schema 8 store as it stores them: JSON clocks. */
async function copyAsSchema8(from: CentralStore, to: PlainSql, dialect: Dialect): Promise<void> {
  let maxSeq = 0;
  for (const table of SYNCED_TABLES) {
    for (const r of await from.readChanges(uid, table, 0, 100_000)) {
      const columns = centralColumns(table);
      const params = [
        r.id,
        ...TABLES[table].fields.map((f) => r.values[f.name] ?? null),
        r.hlc,
        JSON.stringify(r.clock),
        r.modifiedAt,
        r.seq,
        r.origin,
      ];
      // Naming server_seq keeps the edit triggers out, as for the sync's own writes.
      await to.all(
        `INSERT INTO ${CENTRAL_TABLE_NAMES[table]} (${columns.join(', ')}) ` +
          `VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        params,
      );
      maxSeq = Math.max(maxSeq, r.seq);
    }
  }
  await to.all(dialect.setSeqSql, [maxSeq]);
  await to.all('UPDATE pfm_instance SET instance_id = $1', [await from.instanceId()]);
}

/** The user's rows as a schema 8 store holds them, in centralSnapshot's shape, the clocks parsed from JSON. */
async function schema8Snapshot(plain: PlainSql): Promise<Record<SyncedTable, Record<string, unknown>[]>> {
  const out = {} as Record<SyncedTable, Record<string, unknown>[]>;
  for (const table of SYNCED_TABLES) {
    const rows = await plain.all(
      `SELECT * FROM ${CENTRAL_TABLE_NAMES[table]} WHERE ${ownerColumn(table)} = $1 ORDER BY id`,
      [uid],
    );
    out[table] = rows.map((raw) => {
      const { id, values } = toCentralRow(table, { ...raw, clock: '' });
      const clock = typeof raw.clock === 'string' ? (JSON.parse(raw.clock) as unknown) : raw.clock;
      return { id, ...values, clock };
    });
  }
  return out;
}

/** The stored hlc and clock column of every row of the user, by table and id (JSON text as stored). */
async function storedClocks(plain: PlainSql): Promise<Map<string, { hlc: string; clock: string }>> {
  const out = new Map<string, { hlc: string; clock: string }>();
  for (const table of SYNCED_TABLES) {
    const rows = await plain.all(
      `SELECT id, hlc, clock FROM ${CENTRAL_TABLE_NAMES[table]} WHERE ${ownerColumn(table)} = $1`,
      [uid],
    );
    for (const r of rows) {
      const clock = typeof r.clock === 'string' ? r.clock : JSON.stringify(r.clock);
      out.set(`${table} ${String(r.id)}`, { hlc: String(r.hlc), clock });
    }
  }
  return out;
}

/** All stored clock text together, in characters. */
const clockChars = (stored: Map<string, { clock: string }>) =>
  [...stored.values()].reduce((n, s) => n + s.clock.length, 0);

const pgSkip = await postgresSkipReason();
const cases: [string, Dialect, string | null][] = [
  ['sqlite', sqlite, null],
  ['postgres', postgres, pgSkip],
];

for (const [name, dialect, skip] of cases) {
  describe.skipIf(skip !== null)(
    `compact clocks on an upgraded ${name} central store${skip ? ` (${skip})` : ''}`,
    () => {
      it('keeps every value and clock, and devices go on syncing and converge; an older pfm is refused', async () => {
        // The real time: plain SQL edits are stamped with the database's clock, and a device refuses a clock
        // far ahead of its own.
        const clock = new TestClock(Date.now());
        const scratch = await openCentral('sqlite::memory:');
        stores.push(scratch);
        let current: CentralStore = scratch;
        // Both devices reach whichever store is current: first the scratch store, then the migrated one.
        const remote = direct(() => current, clock.now);
        const laptop = new Device('laptop', remote, clock);
        const phone = new Device('phone', remote, clock);
        devices.push(laptop, phone);

        // Real data, synced both ways, with edits of different fields and of the same field (a conflict).
        laptop.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
        const food = laptop.categoryId('ann', 'Food');
        const lunch = laptop.expenses.create(uid, {
          categoryId: food,
          amount: 1250,
          date: '2026-11-01',
          note: 'Lunch',
        });
        const rent = laptop.expenses.create(uid, {
          categoryId: laptop.categoryId('ann', 'Housing'),
          amount: 90_000,
          date: '2026-11-02',
          note: 'Rent',
        });
        const pay = laptop.income.create(uid, {
          categoryId: laptop.categoryId('ann', 'Salary', 'income'),
          amount: 250_000,
          date: '2026-11-01',
        });
        expect((await laptop.sync('ann')).log.status).toBe('Success');
        expect((await phone.sync('ann')).log.status).toBe('Success');
        laptop.expenses.edit(uid, lunch.id, { amount: 1300 });
        phone.expenses.edit(uid, lunch.id, { note: 'Team lunch' });
        phone.expenses.edit(uid, rent.id, { amount: 95_000 });
        clock.advance(1000);
        laptop.expenses.edit(uid, rent.id, { amount: 92_000 });
        phone.income.delete(uid, pay.id);
        for (const d of [laptop, phone, laptop]) expect((await d.sync('ann')).log.status).toBe('Success');
        expect(laptop.conflicts.list(uid, true).length).toBeGreaterThan(0);
        expect(phone.snapshot('ann')).toEqual(laptop.snapshot('ann'));
        const synced = await centralSnapshot(scratch, 'ann');
        expect(synced).toEqual(laptop.snapshot('ann'));

        // The same state in a schema 8 store, and a bookkeeper's edit there (stamped by schema 8's triggers).
        await dialect.makeOld();
        const plain = await dialect.plain();
        try {
          await copyAsSchema8(scratch, plain, dialect);
          await plain.all(`UPDATE finance_expense SET description = 'Rent, November' WHERE id = $1`, [
            rent.id,
          ]);
          const before = await schema8Snapshot(plain);
          const rentBefore = before.expense.find((r) => r.id === rent.id) as {
            clock: Record<string, string>;
          };
          expect(rentBefore.clock.description).toMatch(/-ce00000000000000$/);
          const asJson = await storedClocks(plain);

          // Migrated: every value and clock as before, stored compact.
          const central = await openCentral(dialect.url());
          stores.push(central);
          expect(await centralSnapshot(central, 'ann')).toEqual(before);
          const compact = await storedClocks(plain);
          for (const table of SYNCED_TABLES) {
            for (const row of before[table]) {
              const key = `${table} ${String(row.id)}`;
              const { hlc } = compact.get(key) ?? { hlc: '' };
              // Only the fields off the row's clock: nothing at all for a row never edited since it was made.
              expect(compact.get(key)?.clock, key).toBe(
                encodeClock(row.clock as Record<string, string>, hlc),
              );
            }
          }
          expect([...compact.values()].filter((c) => c.clock === '').length).toBeGreaterThan(
            compact.size / 2,
          );
          // Here half the rows were edited after they were made, which writes most of their fields' clocks.
          expect(clockChars(compact)).toBeLessThan(clockChars(asJson) / 3);

          // A pfm that knows only schema 8 is told to upgrade, whether it would migrate or only check.
          const refused = await dialect.openAsOlderPfm().catch((e: unknown) => e);
          expect(refused).toBeInstanceOf(CentralSchemaTooNewError);
          expect((refused as Error).message).toContain(
            `has schema version 9, newer than this pfm knows (${OLD_SCHEMA}): upgrade pfm on this device`,
          );

          // The devices go on: the bookkeeper's edit is all there is to pull, nothing conflicts.
          current = central;
          for (const d of [laptop, phone]) {
            const report = await d.sync('ann');
            expect(report.log).toMatchObject({ status: 'Success', pushed: 0, pulled: 1, conflicts: 0 });
            expect(d.snapshot('ann')).toEqual(before);
          }

          // More edits on both devices (one field on both: a conflict) and a plain SQL edit on the new schema.
          // The devices' clocks run ahead of the database's a little, so that their edits order by the test clock.
          clock.advance(30_000);
          laptop.expenses.edit(uid, lunch.id, { amount: 1350 });
          clock.advance(1000);
          phone.expenses.edit(uid, lunch.id, { amount: 1400, note: 'Team lunch, paid' });
          const extra = phone.expenses.create(uid, {
            categoryId: food,
            amount: 480,
            date: '2026-11-03',
            note: 'Bread',
          });
          await plain.all(`UPDATE finance_expense SET amount = 93000 WHERE id = $1`, [rent.id]);
          for (const d of [laptop, phone, laptop]) expect((await d.sync('ann')).log.status).toBe('Success');
          const settled = await centralSnapshot(central, 'ann');
          expect(laptop.snapshot('ann')).toEqual(settled);
          expect(phone.snapshot('ann')).toEqual(settled);
          expect(laptop.expenses.get(uid, lunch.id)).toMatchObject({
            amount: 1400,
            note: 'Team lunch, paid',
          });
          expect(laptop.expenses.get(uid, rent.id)).toMatchObject({ amount: 93_000, note: 'Rent, November' });
          expect(laptop.expenses.get(uid, extra.id)).toMatchObject({ amount: 480 });
          expect(laptop.conflicts.list(uid).some((c) => c.rowId === lunch.id && c.field === 'amount')).toBe(
            true,
          );
          // The plain edit changed the amount's clock only: the description keeps the earlier edit's.
          const rentAfter = settled.expense.find((r) => r.id === rent.id) as {
            clock: Record<string, string>;
          };
          expect(rentAfter.clock.amount).toMatch(/-ce00000000000000$/);
          expect(rentAfter.clock.description).toBe(rentBefore.clock.description);
          expect((await laptop.sync('ann', { verify: true })).log.status).toBe('Success');
        } finally {
          await plain.close();
        }
      });
    },
  );
}
