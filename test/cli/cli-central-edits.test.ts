import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresSkipReason,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { pfmProcess, tempDataDir } from '../support/cli-runner.js';

/**
 * An admin's plain SQL on the central tables (PostgreSQL server), as real processes: the edit reaches every
 * device at its next sync, local and central reports agree, and `pfm sync --verify` leaves the edit alone.
 */
const skip = await postgresSkipReason();

interface Item {
  id: string;
  amount: number;
  note: string;
}

describe.skipIf(skip !== null)('plain SQL on the central store reaches devices', { timeout: 240_000 }, () => {
  let db: TestDatabase;
  const folder = tempDataDir();
  beforeAll(async () => {
    db = await createTestDatabase('edits');
  });
  afterAll(async () => {
    await db?.drop();
    folder.dispose();
  });

  const pfm = (device: string, ...args: string[]) => {
    const r = pfmProcess(['--data', join(folder.dir, device), '--json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };
  const sync = (device: string, ...extra: string[]) =>
    pfm(device, '--central', db.url, 'sync', '--user', 'alice', ...extra) as {
      users: { verify?: { table: string; match: boolean; repaired: boolean }[] }[];
    };
  const list = (device: string) =>
    (pfm(device, 'expense', 'list', '--user', 'alice') as { items: Item[] }).items
      .map(({ id, amount, note }) => ({ id, amount, note }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  const add = (amount: string, date: string, note: string) =>
    (
      pfm(
        'laptop',
        'expense',
        'add',
        '--user',
        'alice',
        '--amount',
        amount,
        '--category',
        'Food',
        '--date',
        date,
        '--note',
        note,
      ) as { id: string }
    ).id;
  const admin = async (sql: string, params: unknown[]) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  it('UPDATE, DELETE and INSERT by an admin show on both devices; verify then matches and keeps them', async () => {
    const user = pfm('laptop', 'user', 'add', 'Alice', '--currency', 'EUR') as { id: string };
    const edited = add('10.00', '2026-11-05', 'lunch');
    const dropped = add('20.00', '2026-11-06', 'dinner');
    sync('laptop');
    sync('phone');
    expect(list('phone')).toHaveLength(2);

    const [food] = await admin('SELECT category_id FROM finance_expense WHERE id = $1', [edited]);
    await admin('UPDATE finance_expense SET amount = $1 WHERE id = $2', [4200, edited]);
    await admin('DELETE FROM finance_expense WHERE id = $1', [dropped]);
    const inserted = randomUUID();
    await admin(
      'INSERT INTO finance_expense (id, user_id, category_id, amount, expense_date, description) ' +
        'VALUES ($1, $2, $3, $4, $5, $6)',
      [inserted, user.id, food?.category_id, 999, '2026-11-07', 'added by admin'],
    );

    const expected = [
      { id: edited, amount: 4200, note: 'lunch' },
      { id: inserted, amount: 999, note: 'added by admin' },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const device of ['laptop', 'phone']) {
      sync(device);
      expect(list(device), device).toEqual(expected);
      const local = pfm(device, 'report', 'monthly', '--user', 'alice', '--month', '2026-11');
      const central = pfm(
        device,
        '--central',
        db.url,
        'report',
        'monthly',
        '--user',
        'alice',
        '--month',
        '2026-11',
      );
      expect(local, device).toEqual(central);
    }

    // Verify finds nothing to repair, and the admin's values stay, centrally and on the device.
    const verified = sync('laptop', '--verify');
    const verify = verified.users[0]?.verify ?? [];
    expect(verify.length).toBeGreaterThan(0);
    expect(verify.filter((v) => !v.match)).toEqual([]);
    expect(list('laptop')).toEqual(expected);
    const rows = await admin(
      'SELECT id, amount, deleted FROM finance_expense WHERE user_id = $1 ORDER BY id',
      [user.id],
    );
    expect(rows.map((r) => [r.id, Number(r.amount), Number(r.deleted)])).toEqual(
      [
        [edited, 4200, 0],
        [dropped, 2000, 1],
        [inserted, 999, 0],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
  });
});
