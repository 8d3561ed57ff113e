import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { SqliteSession } from '../../src/central/sqlite/sqlite-session.js';
import { SqliteCentralStore } from '../../src/central/sqlite/sqlite-store.js';
import { SQLITE_MIGRATIONS } from '../../src/central/sqlite/sqlite-migrations.js';
import { POSTGRES_MIGRATIONS } from '../../src/central/postgres/migrations.js';
import { PostgresCentralStore } from '../../src/central/postgres/postgres-store.js';
import { PgSqlPool } from '../../src/central/postgres/sql-pool.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-database.js';
import { MAIN_ACCOUNT_NAME, mainAccountId } from '../../src/domain/accounts.js';
import { categoryIdFor, userIdFor } from '../../src/domain/ids.js';
import { FIRST_SYNCED_TABLES } from '../../src/domain/tables.js';
import { MIGRATIONS } from '../../src/local/migrations.js';
import { openSqlite } from '../../src/local/sqlite-database.js';
import { centralSnapshot, Device, direct, TestClock } from '../support/devices.js';

/**
 * A device and a central store that agreed on a user's data before accounts existed are upgraded (the device's
 * migration 8, the central store's schema 6), then sync: nothing conflicts, no earlier row moves again, and
 * both hold the same first account with every row in it.
 */

const uid = userIdFor('ann');
const food = categoryIdFor(uid, 'expense', 'food');
const HLC = '2026-11-01T10:00:00.000Z-0000-00000000000000a1';
const DEVICE = '00000000000000a1';
const rows = {
  app_user: [
    {
      id: uid,
      values: {
        name: 'Ann',
        currency: 'EUR',
        locale: 'en-IE',
        password_hash: null,
        created_at: '2026-11-01T10:00:00.000Z',
        deleted: 0,
      },
    },
  ],
  category: [{ id: food, values: { user_id: uid, name: 'Food', kind: 'expense', deleted: 0 } }],
  expense: ['e1', 'e2'].map((n, i) => ({
    id: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5${i}`,
    values: {
      user_id: uid,
      category_id: food,
      amount: 1_000 + i,
      expense_date: '2026-11-0' + String(i + 1),
      payment_method: null,
      description: n,
      deleted: 0,
    },
  })),
};
type Table = keyof typeof rows;
const clockOf = (values: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.keys(values).map((f) => [f, HLC])));

let dir: string;
let devices: Device[];
let central: CentralStore | undefined;
let database: TestDatabase | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfm-upgrade-'));
  devices = [];
});
afterEach(async () => {
  devices.forEach((d) => d.close());
  await central?.close();
  central = undefined;
  await database?.drop();
  database = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The central rows of the state before accounts, as plain INSERTs with their seqs (no trigger runs). */
function centralInserts(): { sql: string; params: unknown[] }[] {
  let seq = 0;
  return (Object.keys(rows) as Table[]).flatMap((table) =>
    rows[table].map((r) => {
      const fields = Object.keys(r.values);
      const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'server_seq'];
      const name = table === 'app_user' ? 'finance_user' : `finance_${table}`;
      return {
        sql: `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        params: [r.id, ...Object.values(r.values), HLC, clockOf(r.values), '2026-11-01T10:00:00.000Z', ++seq],
      };
    }),
  );
}

/** A central store before accounts, holding the rows; its URL, instance id and last seq. */
interface OldCentral {
  readonly url: string;
  readonly instanceId: string;
  readonly seq: number;
}

const DIALECTS = {
  /** The embedded store at schema 5, its first migration. */
  sqlite: async (): Promise<OldCentral> => {
    const path = join(dir, 'central.db');
    const url = `sqlite:${path}`;
    const old = await SqliteCentralStore.open(
      SqliteSession.open(path, url),
      url,
      true,
      SQLITE_MIGRATIONS.slice(0, 1),
    );
    const instanceId = await old.instanceId();
    await old.close();
    const session = SqliteSession.open(path, url);
    const inserts = centralInserts();
    for (const i of inserts) session.run(i.sql.replace(/\$\d+/g, '?'), i.params);
    session.run('UPDATE pfm_server_seq SET value = ?', [inserts.length]);
    await session.close();
    return { url, instanceId, seq: inserts.length };
  },
  /** A PostgreSQL database at schema 5. */
  postgres: async (): Promise<OldCentral> => {
    database = await createTestDatabase('upgrade');
    const url = database.url;
    const pool = new PgSqlPool({ connectionString: url, password: undefined, max: 2 });
    const old = await PostgresCentralStore.open({
      kind: 'postgres',
      url,
      pool,
      secrets: [],
      migrations: POSTGRES_MIGRATIONS.slice(0, 5),
    });
    const instanceId = await old.instanceId();
    const inserts = centralInserts();
    await old.run(async (s) => {
      for (const i of inserts) await s.query(i.sql, i.params);
      await s.query('SELECT setval($1, $2)', ['pfm_server_seq', inserts.length]);
    });
    await old.close();
    return { url, instanceId, seq: inserts.length };
  },
} as const;

/** The device before accounts: the same rows, agreed on, its cursors at the central store's head. */
function deviceBeforeAccounts(devicePath: string, central: OldCentral): void {
  const db = openSqlite(devicePath, MIGRATIONS.slice(0, 7));
  db.prepare('INSERT INTO device (singleton, device_id, last_hlc, created_at) VALUES (1, ?, ?, ?)').run(
    DEVICE,
    HLC,
    '2026-11-01T10:00:00.000Z',
  );
  for (const table of Object.keys(rows) as Table[]) {
    for (const r of rows[table]) {
      const fields = Object.keys(r.values);
      const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'is_synced', 'base_hlc', 'base_clock'];
      db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ).run(
        r.id,
        ...Object.values(r.values),
        HLC,
        clockOf(r.values),
        '2026-11-01T10:00:00.000Z',
        1,
        HLC,
        clockOf(r.values),
      );
    }
  }
  for (const table of FIRST_SYNCED_TABLES) {
    db.prepare('INSERT INTO sync_state (user_id, remote, table_name, pull_cursor) VALUES (?, ?, ?, ?)').run(
      uid,
      central.instanceId,
      table,
      central.seq,
    );
  }
  db.close();
}

describe.each(['sqlite', 'postgres'] as const)('upgrading to accounts (%s central store)', (dialect) => {
  it('moves every earlier row into the same first account on the device and centrally, with no conflict', async () => {
    const devicePath = join(dir, 'device.sqlite');
    const old = await DIALECTS[dialect]();
    deviceBeforeAccounts(devicePath, old);

    central = await openCentral(old.url);
    const open = central;
    const clock = new TestClock();
    const laptop = new Device(
      'laptop',
      direct(() => open, clock.now),
      clock,
      devicePath,
    );
    devices.push(laptop);
    expect(laptop.expenses.list(uid).items.map((e) => [e.note, e.accountName, e.status])).toEqual([
      ['e2', MAIN_ACCOUNT_NAME, 'uncleared'],
      ['e1', MAIN_ACCOUNT_NAME, 'uncleared'],
    ]);

    const report = await laptop.sync('ann');
    expect(report.log.status).toBe('Success');
    expect(report.log.conflicts).toBe(0);
    // At most the first account moves (the device's copy up, the central copy down): no earlier row.
    expect(report.log.pushed).toBeLessThanOrEqual(1);
    expect(report.log.pulled).toBeLessThanOrEqual(1);
    expect(laptop.conflicts.list(uid, true)).toEqual([]);
    expect(laptop.snapshot('ann')).toEqual(await centralSnapshot(central, 'ann'));
    expect(laptop.accounts.get(uid, mainAccountId(uid)).balance).toBe(-2_001);
    expect((await laptop.sync('ann', { verify: true })).log.status).toBe('Success');

    // A device that joins later gets exactly the same.
    const phone = new Device(
      'phone',
      direct(() => open, clock.now),
      clock,
    );
    devices.push(phone);
    expect((await phone.sync('ann')).log.status).toBe('Success');
    expect(phone.snapshot('ann')).toEqual(laptop.snapshot('ann'));
    expect(phone.conflicts.list(uid, true)).toEqual([]);
  });
});
