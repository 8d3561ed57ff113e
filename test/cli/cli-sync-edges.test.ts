import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresSkipReason,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { runCli, pfmProcess, tempDataDir, type CliResult } from '../support/cli-runner.js';

/**
 * The edges of sync as a person meets them, each through `pfm` as a real process against a PostgreSQL server:
 * two people who pick the same name, a clock that ran ahead and is right again, a conflict seen on the device
 * whose value lost, and rows whose parent is missing, pushed by a broken device or written into the central
 * store by hand.
 */
const skip = await postgresSkipReason();

const CLOCK_OFFSET = pathToFileURL(join(import.meta.dirname, '..', 'support', 'clock-offset.mjs')).href;
const HOUR = 60 * 60 * 1000;

interface Expense {
  id: string;
  amount: number;
  currency?: string;
  note: string;
}

describe.skipIf(skip !== null)('sync at the edges (real processes, PostgreSQL)', { timeout: 240_000 }, () => {
  let db: TestDatabase;
  const folder = tempDataDir();
  beforeEach(async () => {
    db = await createTestDatabase('edges');
  });
  afterEach(async () => {
    await db?.drop();
  });
  afterAll(() => folder.dispose());

  let run = 0;
  beforeEach(() => {
    run++;
  });
  const dir = (device: string) => join(folder.dir, `${run}-${device}`);
  const raw = (device: string, args: string[], env: Record<string, string> = {}): CliResult =>
    pfmProcess(['--data', dir(device), '--central', db.url, ...args], { env });
  /** A command run as a real process: what each case is about (the syncs, the refusals). */
  const ok = <T>(device: string, ...args: string[]): T => {
    const r = raw(device, ['--json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  /** A command run in this process, on the real clock: setting up, and looking around between syncs. */
  const local = async <T>(device: string, ...args: string[]): Promise<T> => {
    const r = await runCli(['--data', dir(device), '--central', db.url, '--json', ...args], {
      now: new Date(),
    });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  const expenses = (device: string, user: string) =>
    local<{ items: Expense[]; currency: string }>(device, 'expense', 'list', '--user', user);
  const admin = async (sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  it('same name on a second device: a new user with only its defaults adopts the central one', async () => {
    await local('x', 'user', 'add', 'Kim', '--currency', 'JPY');
    await local('x', 'expense', 'add', '--user', 'Kim', '--amount', '1500', '--category', 'Food');
    ok('x', 'sync', '--user', 'Kim');
    await local('y', 'user', 'add', 'Kim'); // EUR by default, before this device ever synced
    const adopted = raw('y', ['sync', '--user', 'Kim']);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(adopted.stdout).toMatch(/WARNING - The central store already had user "Kim"/);
    ok('x', 'sync', '--user', 'Kim');
    for (const device of ['x', 'y']) {
      const list = await expenses(device, 'Kim');
      expect(list.currency, device).toBe('JPY');
      expect(list.items.map((e) => e.amount)).toEqual([1500]);
      expect(await local<unknown[]>(device, 'conflicts', 'list', '--user', 'Kim'), device).toEqual([]);
    }
    expect(await admin('SELECT currency FROM finance_user')).toEqual([{ currency: 'JPY' }]);
  });

  it('same name on a second device holding data of its own: refused with exit 2, nothing written; rename and sync', async () => {
    await local('x', 'user', 'add', 'Kim', '--currency', 'JPY');
    await local('x', 'expense', 'add', '--user', 'Kim', '--amount', '1500', '--category', 'Food');
    ok('x', 'sync', '--user', 'Kim');
    const before = await admin('SELECT id, server_seq FROM finance_expense ORDER BY id');
    await local('y', 'user', 'add', 'Kim');
    await local('y', 'expense', 'add', '--user', 'Kim', '--amount', '3.00', '--category', 'Food');

    const refused = raw('y', ['sync', '--user', 'Kim']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/already has a user named "Kim".*pfm user rename/);
    expect(await local<unknown[]>('y', 'sync', 'log', '--user', 'Kim')).toEqual([]);
    expect(await admin('SELECT id, server_seq FROM finance_expense ORDER BY id')).toEqual(before);
    expect(await admin('SELECT currency FROM finance_user')).toEqual([{ currency: 'JPY' }]);
    ok('x', 'sync', '--user', 'Kim');
    expect(await expenses('x', 'Kim')).toMatchObject({ currency: 'JPY', items: [{ amount: 1500 }] });
    expect(await expenses('y', 'Kim')).toMatchObject({ currency: 'EUR', items: [{ amount: 300 }] });

    ok('y', 'user', 'rename', 'Kim', 'Kim B');
    ok('y', 'sync', '--user', 'Kim B');
    ok('z', 'sync', '--user', 'Kim B');
    expect(await expenses('z', 'Kim B')).toMatchObject({ currency: 'EUR', items: [{ amount: 300 }] });
    expect(await expenses('x', 'Kim')).toMatchObject({ currency: 'JPY', items: [{ amount: 1500 }] });
  });

  it('a clock that ran an hour ahead: refused while wrong, syncs again once right, keeping the edits', async () => {
    const ahead = { NODE_OPTIONS: `--import=${CLOCK_OFFSET}`, PFM_TEST_CLOCK_OFFSET_MS: String(HOUR) };
    await local('x', 'user', 'add', 'Ann');
    ok('x', 'sync', '--user', 'Ann');
    const add = (amount: string, note: string) =>
      raw(
        'x',
        [
          '--json',
          'expense',
          'add',
          '--user',
          'Ann',
          '--amount',
          amount,
          '--category',
          'Food',
          '--note',
          note,
        ],
        ahead,
      );
    expect(add('10.00', 'first').code).toBe(0);
    expect(add('20.00', 'second').code).toBe(0);
    const wrong = raw('x', ['sync', '--user', 'Ann'], ahead);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/more than 5 minutes ahead/);

    // The clock is right again: one WARNING, the edits re-stamped in their order, and the sync goes through.
    const right = raw('x', ['sync', '--user', 'Ann']);
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout.match(/WARNING - This device's clock had run 60 min ahead/g)).toHaveLength(1);
    await local(
      'x',
      'expense',
      'edit',
      (await expenses('x', 'Ann')).items.find((e) => e.note === 'first')?.id ?? '',
      '--amount',
      '11.00',
    );
    ok('x', 'sync', '--user', 'Ann');
    ok('y', 'sync', '--user', 'Ann');
    const seen = (await expenses('y', 'Ann')).items.map((e) => [e.note, e.amount]).sort();
    expect(seen).toEqual([
      ['first', 1100],
      ['second', 2000],
    ]);
    const again = raw('x', ['sync', '--user', 'Ann']);
    expect(again.stdout).not.toMatch(/WARNING/);
  });

  it('a conflict is listed on the device whose value lost, and dismissing it there settles it everywhere', async () => {
    await local('a', 'user', 'add', 'Ann');
    ok('a', 'sync', '--user', 'Ann');
    ok('b', 'sync', '--user', 'Ann');
    const budget = (device: string, limit: string) =>
      local(
        device,
        'budget',
        'set',
        '--user',
        'Ann',
        '--category',
        'Food',
        '--month',
        '2026-11',
        '--limit',
        limit,
      );
    await budget('a', '120');
    await budget('b', '150');
    ok('a', 'sync', '--user', 'Ann');
    ok('b', 'sync', '--user', 'Ann');
    ok('a', 'sync', '--user', 'Ann');
    type Listed = { id: string; field: string; lostValue: number; keptValue: number; lostSide: string };
    const onA = await local<Listed[]>('a', 'conflicts', 'list', '--user', 'Ann');
    expect(onA).toEqual([
      expect.objectContaining({
        field: 'limit_amount',
        lostValue: 12_000,
        keptValue: 15_000,
        lostSide: 'local',
      }),
    ]);
    const shown = raw('a', ['conflicts', 'list', '--user', 'Ann']);
    expect(shown.stdout).toMatch(/€120\.00/);
    expect(await local<Listed[]>('b', 'conflicts', 'list', '--user', 'Ann')).toEqual([
      expect.objectContaining({ id: onA[0]?.id, lostSide: 'central' }),
    ]);

    ok('a', 'conflicts', 'dismiss', onA[0]?.id ?? '');
    ok('a', 'sync', '--user', 'Ann');
    ok('b', 'sync', '--user', 'Ann');
    expect(await local<Listed[]>('b', 'conflicts', 'list', '--user', 'Ann')).toEqual([]);
    expect(await local<Listed[]>('b', 'conflicts', 'list', '--user', 'Ann', '--all')).toEqual([
      expect.objectContaining({ id: onA[0]?.id, resolution: 'dismissed' }),
    ]);
  });

  it('a pushed row whose category is missing is refused before anything is written', async () => {
    await local('x', 'user', 'add', 'Ann');
    ok('x', 'sync', '--user', 'Ann');
    const { id } = await local<{ id: string }>(
      'x',
      'expense',
      'add',
      '--user',
      'Ann',
      '--amount',
      '5',
      '--category',
      'Food',
    );
    // A broken (or hostile) device: its row names a category no one has.
    const file = new Database(join(dir('x'), 'pfm.db'));
    file.pragma('foreign_keys = OFF');
    file.prepare('UPDATE expense SET category_id = ? WHERE id = ?').run(randomUUID(), id);
    file.close();
    const refused = raw('x', ['sync', '--user', 'Ann']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/category_id names a category that this user does not have/);
    expect(await admin('SELECT id FROM finance_expense')).toEqual([]);
    ok('y', 'sync', '--user', 'Ann');
    expect((await expenses('y', 'Ann')).items).toEqual([]);
  });

  it('a central row whose category is missing is reported and skipped, and the device keeps syncing', async () => {
    const user = await local<{ id: string }>('x', 'user', 'add', 'Ann');
    await local(
      'x',
      'expense',
      'add',
      '--user',
      'Ann',
      '--amount',
      '5',
      '--category',
      'Food',
      '--note',
      'fine',
    );
    ok('x', 'sync', '--user', 'Ann');
    const orphan = randomUUID();
    await admin(
      'INSERT INTO finance_expense (id, user_id, category_id, amount, expense_date, description) ' +
        'VALUES ($1, $2, $3, $4, $5, $6)',
      [orphan, user.id, randomUUID(), 700, '2026-11-07', 'no such category'],
    );
    await local(
      'x',
      'expense',
      'add',
      '--user',
      'Ann',
      '--amount',
      '6',
      '--category',
      'Food',
      '--note',
      'later',
    );
    const first = raw('x', ['sync', '--user', 'Ann']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`WARNING - Skipped expense ${orphan} .*category`));
    const again = raw('x', ['sync', '--user', 'Ann']);
    expect(again.code, again.stderr).toBe(0);
    ok('y', 'sync', '--user', 'Ann');
    expect((await expenses('y', 'Ann')).items.map((e) => e.note).sort()).toEqual(['fine', 'later']);
  });
});
