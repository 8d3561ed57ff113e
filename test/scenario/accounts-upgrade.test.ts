import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { SqliteSession } from '../../src/central/sqlite/sqlite-session.js';
import { SqliteCentralStore } from '../../src/central/sqlite/sqlite-store.js';
import { SQLITE_MIGRATIONS } from '../../src/central/sqlite/sqlite-migrations.js';
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
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfm-upgrade-'));
  devices = [];
});
afterEach(async () => {
  devices.forEach((d) => d.close());
  await central?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The state both sides were in before accounts: the same rows, agreed on, the device's cursors at the head. */
async function beforeAccounts(devicePath: string, centralPath: string): Promise<void> {
  const url = `sqlite:${centralPath}`;
  const old = await SqliteCentralStore.open(
    SqliteSession.open(centralPath, url),
    url,
    true,
    SQLITE_MIGRATIONS.slice(0, 1),
  );
  const instanceId = await old.instanceId();
  let seq = 0;
  const session = SqliteSession.open(centralPath, url);
  for (const table of Object.keys(rows) as Table[]) {
    for (const r of rows[table]) {
      const fields = Object.keys(r.values);
      const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'server_seq'];
      const name = table === 'app_user' ? 'finance_user' : `finance_${table}`;
      session.run(
        `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        [r.id, ...Object.values(r.values), HLC, clockOf(r.values), '2026-11-01T10:00:00.000Z', ++seq],
      );
    }
  }
  session.run('UPDATE pfm_server_seq SET value = ?', [seq]);
  await session.close();
  await old.close();

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
      instanceId,
      table,
      seq,
    );
  }
  db.close();
}

describe('upgrading to accounts', () => {
  it('moves every earlier row into the same first account on the device and centrally, with no conflict', async () => {
    const devicePath = join(dir, 'device.sqlite');
    const centralPath = join(dir, 'central.db');
    await beforeAccounts(devicePath, centralPath);

    central = await openCentral(`sqlite:${centralPath}`);
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
