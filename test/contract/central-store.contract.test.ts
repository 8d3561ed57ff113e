import { monthRange } from '../../src/domain/dates.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CENTRAL_SCHEMA_VERSION,
  CentralError,
  CentralSchemaTooNewError,
  type CentralStore,
} from '../../src/central/central-store.js';
import { digestRows } from '../../src/domain/digest.js';
import { SYNCED_TABLES, TABLES, type SyncRow, type SyncedTable } from '../../src/domain/tables.js';
import { NotFoundError, ValidationError } from '../../src/domain/validation.js';
import { PostgresCentralStore } from '../../src/central/postgres/postgres-store.js';
import { readForPush } from '../../src/sync/apply-push.js';
import { mainAccountId, type AccountKind } from '../../src/domain/accounts.js';
import { AccountRepository } from '../../src/local/account-repository.js';
import { BudgetRepository } from '../../src/local/budget-repository.js';
import { CategoryRepository } from '../../src/local/category-repository.js';
import { createDemoData } from '../../src/local/demo-data.js';
import { ExpenseRepository } from '../../src/local/expense-repository.js';
import { GoalRepository } from '../../src/local/goal-repository.js';
import { IncomeRepository } from '../../src/local/income-repository.js';
import { LocalReports } from '../../src/local/local-reports.js';
import { LocalStore } from '../../src/local/local-store.js';
import { RowWriter } from '../../src/local/row-writer.js';
import { TransferRepository } from '../../src/local/transfer-repository.js';
import { UserRepository } from '../../src/local/user-repository.js';
import {
  oracleHarness,
  postgresHarness,
  sqliteHarness,
  type CentralHarness,
} from '../support/central-stores.js';
import {
  DEVICE,
  OTHER_DEVICE,
  localRows,
  newTestId,
  ownerOf,
  sampleRow,
  sleep,
  withChangedClock,
  withChangedField,
} from '../support/sample-rows.js';

/**
 * The central store contract (src/central/central-store.ts), one suite for every store: SQLite always; the
 * PostgreSQL server when it answers (always in CI); Oracle when PFM_TEST_ORACLE_URL is set. A store that is
 * not tested says so, with the reason, as skipped tests: never as passed ones.
 */
const harnesses: CentralHarness[] = [sqliteHarness(), await postgresHarness(), oracleHarness()];

for (const harness of harnesses) {
  if (harness.skipReason) {
    describe.skip(`${harness.name}: skipped, ${harness.skipReason}`, () => {
      it('central store contract', () => undefined);
    });
  } else {
    describe(harness.name, () => contractSuite(harness));
  }
}

function contractSuite(h: CentralHarness): void {
  let store: CentralStore;
  const statements: string[] = [];
  /** The statements that waited for an answer: the round trips (a pipelined statement shares one). */
  const roundTrips: string[] = [];
  const A = 'user-a';
  const B = 'user-b';

  beforeAll(async () => {
    store = await h.setup((sql, pipelined) => {
      statements.push(sql);
      if (!pipelined) roundTrips.push(sql);
    });
  });
  afterAll(async () => h.teardown(store));
  beforeEach(async () => {
    await h.reset(store);
    statements.length = 0;
  });

  /** Statements `fn` sent. */
  async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
    const start = statements.length;
    const result = await fn();
    return { result, sent: statements.slice(start) };
  }

  async function write(userId: string, table: SyncedTable, rows: SyncRow[], origin = DEVICE) {
    return store.withUserWrite(userId, (w) => w.writeRows(table, rows, origin));
  }

  it('is migrated to this build’s schema version, and migrating again does nothing', async () => {
    expect(await store.schemaVersion()).toBe(CENTRAL_SCHEMA_VERSION);
    expect(await store.migrate()).toBe(0);
    await expect(store.checkSchema()).resolves.toBeUndefined();
  });

  it('round-trips rows of every table, with their seq and origin, scoped by user', async () => {
    const written = new Map<SyncedTable, SyncRow>();
    for (const table of SYNCED_TABLES) {
      const row = sampleRow(table, A);
      written.set(table, row);
      const [w] = await write(A, table, [row]);
      expect(w?.id).toBe(row.id);
      const [back] = await store.readRowsById(A, table, [row.id, 'no-such-id']);
      expect(back).toEqual({ ...row, seq: w?.seq, origin: DEVICE });
      expect(await store.readRowsById(B, table, [row.id])).toEqual([]);
    }
    // Seqs come from one sequence: every write gets a new, larger one.
    const seqs = await Promise.all(
      SYNCED_TABLES.map(async (t) => (await store.readChanges(A, t, 0, 10))[0]?.seq),
    );
    expect(new Set(seqs).size).toBe(SYNCED_TABLES.length);
    expect(await store.maxSeq(A)).toBe(Math.max(...(seqs as number[])));
    expect(await store.maxSeq(B)).toBe(0);
  });

  it('writes a batch in ONE statement per table and reads versions in one, whatever the batch size', async () => {
    for (const size of [1, 250]) {
      const rows = Array.from({ length: size }, (_, i) => sampleRow('expense', A, i));
      const { sent: whole } = await counted(() =>
        store.withUserWrite(A, async (w) => {
          // A push records its batch first (the PostgreSQL family takes the user's lock in that statement).
          // The transaction's BEGIN goes with its first statement (the PostgreSQL family sends them at once).
          const { sent: batch } = await counted(() => w.recordBatch(newTestId('batch')));
          expect(batch.filter((s) => s !== 'BEGIN')).toHaveLength(1);
          const { sent: read } = await counted(() =>
            w.readVersions(
              'expense',
              rows.map((r) => r.id),
            ),
          );
          expect(read).toHaveLength(1);
          const { result, sent } = await counted(() => w.writeRows('expense', rows, DEVICE));
          expect(sent).toHaveLength(h.statementsPerWrite);
          expect(result).toHaveLength(size);
        }),
      );
      // BEGIN, lock insert, lock select, read, write, batch, COMMIT (Oracle has no BEGIN and skips the lock
      // insert once the lock row exists): a constant, never one per row.
      expect(whole.length).toBeLessThanOrEqual(7);
    }
    // Updating existing rows is the same single statement.
    const existing = await store.readChanges(A, 'expense', 0, 1000);
    const { sent } = await counted(() =>
      write(
        A,
        'expense',
        existing.map((r) => withChangedField('expense', r, 'amount')),
      ),
    );
    expect(sent.filter((s) => /finance_expense/.test(s))).toHaveLength(1);
  });

  it('reads a push under the lock: batch record, versions and parents, one round trip where it pipelines', async () => {
    const category = sampleRow('category', A);
    const otherCategory = sampleRow('category', B);
    const mine = sampleRow('expense', A);
    const expense = { ...mine, values: { ...mine.values, category_id: category.id } };
    const otherExpense = sampleRow('expense', B);
    await write(A, 'category', [category]);
    await write(A, 'expense', [expense]);
    await write(B, 'category', [otherCategory]);
    await write(B, 'expense', [otherExpense]);
    const parents = [
      { table: 'category' as const, ids: [category.id, otherCategory.id, 'no-such-category'] },
      { table: 'account' as const, ids: [] },
    ];
    const ids = [expense.id, otherExpense.id, 'no-such-expense'];
    const trips = roundTrips.length;
    const first = await store.withUserWrite(A, (w) => readForPush(w, 'push-1', 'expense', ids, parents));
    const tripsTaken = roundTrips.length - trips;
    expect(first.fresh).toBe(true);
    // The user's own rows only: another user's row of that id is not "there" for this user.
    expect(first.current.map((r) => ({ ...r, seq: 0 }))).toEqual([{ ...expense, seq: 0, origin: DEVICE }]);
    expect(first.parents.map((found) => [...found])).toEqual([[category.id], []]);
    const pipelines = await store.withUserWrite(A, async (w) => w.recordBatchAndRead !== undefined);
    if (pipelines) expect(tripsTaken).toBe(2); // BEGIN, lock, batch, reads; then COMMIT
    // A replay of the batch id: not fresh, the same versions.
    const again = await store.withUserWrite(A, (w) => readForPush(w, 'push-1', 'expense', ids, parents));
    expect(again.fresh).toBe(false);
    expect(again.current).toEqual(first.current);
    // Another user's batch of the same id is its own, and sees none of A's rows.
    const other = await store.withUserWrite(B, (w) => readForPush(w, 'push-1', 'expense', ids, parents));
    expect(other.fresh).toBe(true);
    expect(other.current.map((r) => r.id)).toEqual([otherExpense.id]);
    expect(other.parents.map((found) => [...found])).toEqual([[otherCategory.id], []]);
  });

  it('applies a replayed batch id once: the replay changes nothing', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => sampleRow('income', A, i));
    const apply = (batchId: string, batch: SyncRow[]) =>
      store.withUserWrite(A, async (w) => {
        if (!(await w.recordBatch(batchId))) return false;
        await w.writeRows('income', batch, DEVICE);
        return true;
      });
    expect(await apply('batch-1', rows)).toBe(true);
    const before = await store.readChanges(A, 'income', 0, 100);
    const maxBefore = await store.maxSeq(A);
    // The retry carries the same batch id (here even with other values): nothing is written.
    expect(
      await apply(
        'batch-1',
        rows.map((r) => withChangedField('income', r, 'amount')),
      ),
    ).toBe(false);
    expect(await store.readChanges(A, 'income', 0, 100)).toEqual(before);
    expect(await store.maxSeq(A)).toBe(maxBefore);
    // Batch ids are per user: another user's batch of the same id is its own.
    await write(B, 'app_user', [sampleRow('app_user', B)]);
    expect(await store.withUserWrite(B, (w) => w.recordBatch('batch-1'))).toBe(true);
  });

  it('rolls a failed batch back whole, batch record included, so its retry applies', async () => {
    const rows = [sampleRow('expense', A, 1), sampleRow('expense', A, 2)];
    await expect(
      store.withUserWrite(A, async (w) => {
        expect(await w.recordBatch('batch-x')).toBe(true);
        await w.writeRows('expense', rows, DEVICE);
        throw new Error('merge failed half-way');
      }),
    ).rejects.toThrow('merge failed half-way');
    expect(
      await store.readRowsById(
        A,
        'expense',
        rows.map((r) => r.id),
      ),
    ).toEqual([]);
    expect(
      await store.withUserWrite(A, async (w) => {
        if (!(await w.recordBatch('batch-x'))) return 'replayed';
        await w.writeRows('expense', rows, DEVICE);
        return 'applied';
      }),
    ).toBe('applied');
    // A write unit cannot be used after its transaction.
    let escaped: Parameters<Parameters<CentralStore['withUserWrite']>[1]>[0] | undefined;
    await store.withUserWrite(A, async (w) => {
      escaped = w;
    });
    await expect(escaped?.writeRows('expense', rows, DEVICE)).rejects.toBeInstanceOf(CentralError);
  });

  it('refuses rows of another user and ids another user owns, changing nothing', async () => {
    const mine = sampleRow('category', A);
    await write(A, 'category', [mine]);
    // A row that says it belongs to B, written under A's lock.
    await expect(write(A, 'category', [sampleRow('category', B)])).rejects.toMatchObject({
      code: 'PFM_FOREIGN_ROW',
    });
    // B tries to take over A's id: the whole batch is refused, its other row included.
    const theirs = { ...sampleRow('category', B), id: mine.id };
    const innocent = sampleRow('category', B);
    await expect(write(B, 'category', [innocent, theirs])).rejects.toMatchObject({ code: 'PFM_FOREIGN_ROW' });
    expect(await store.readRowsById(A, 'category', [mine.id])).toMatchObject([{ values: mine.values }]);
    expect(await store.readRowsById(B, 'category', [innocent.id, mine.id])).toEqual([]);
  });

  it('returns exactly the changes after a cursor, in seq order, a page at a time', async () => {
    const first = Array.from({ length: 30 }, (_, i) => sampleRow('expense', A, i));
    await write(A, 'expense', first.slice(0, 10));
    await write(B, 'app_user', [sampleRow('app_user', B)]);
    await write(B, 'expense', [sampleRow('expense', B, 1)]);
    await write(A, 'expense', first.slice(10, 20));
    const all = await store.readChanges(A, 'expense', 0, 1000);
    expect(all.map((r) => r.id)).toEqual(first.slice(0, 20).map((r) => r.id));
    const seqs = all.map((r) => r.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    for (const cursor of [0, seqs[0] as number, seqs[9] as number, seqs[10] as number, seqs[19] as number]) {
      const after = await store.readChanges(A, 'expense', cursor, 1000);
      expect(after.map((r) => r.seq)).toEqual(seqs.filter((s) => s > cursor));
    }
    // Paging with limit 7 from 0 meets every change once.
    const paged: number[] = [];
    for (let cursor = 0; ;) {
      const page = await store.readChanges(A, 'expense', cursor, 7);
      if (page.length === 0) break;
      paged.push(...page.map((r) => r.seq));
      cursor = page[page.length - 1]?.seq as number;
    }
    expect(paged).toEqual(seqs);
    // An upper bound (a pull's high-water mark) leaves later changes for the next pull.
    expect(
      (await store.readChanges(A, 'expense', seqs[4] as number, 1000, seqs[12])).map((r) => r.seq),
    ).toEqual(seqs.slice(5, 13));
    // A changed row moves to a new seq after the cursor; its old place is gone.
    const cursor = seqs[19] as number;
    const changed = withChangedField('expense', all[3] as SyncRow, 'description');
    await write(A, 'expense', [changed], OTHER_DEVICE);
    const after = await store.readChanges(A, 'expense', cursor, 1000);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: changed.id, values: changed.values, origin: OTHER_DEVICE });
    expect(await store.maxSeq(A)).toBe(after[0]?.seq);
    await expect(store.readChanges(A, 'expense', -1, 10)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.readChanges(A, 'expense', 0, 0)).rejects.toBeInstanceOf(ValidationError);
  });

  it('never lets a reader skip a change while two writers of one user and one of another run at once', async () => {
    const batches = h.concurrent ? 20 : 4;
    const perBatch = 10;
    const written: Record<string, string[]> = { [A]: [], [B]: [] };
    let writing = true;

    const writer = async (userId: string) => {
      for (let b = 0; b < batches; b++) {
        const rows = Array.from({ length: perBatch }, (_, i) => sampleRow('expense', userId, i));
        await store.withUserWrite(userId, async (w) => {
          await w.writeRows('expense', rows, DEVICE);
          // Stay in flight a while after taking seqs: without the user lock, the other writer of this user
          // would commit later seqs first and the reader would move its cursor past these.
          await sleep(Math.random() * 4);
        });
        written[userId]?.push(...rows.map((r) => r.id));
      }
    };
    const reader = async (userId: string) => {
      const seen = new Map<string, number>();
      const order: number[] = [];
      let cursor = 0;
      const drain = async () => {
        for (;;) {
          const page = await store.readChanges(userId, 'expense', cursor, 40);
          if (page.length === 0) return;
          for (const r of page) {
            seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
            order.push(r.seq);
          }
          cursor = page[page.length - 1]?.seq as number;
        }
      };
      while (writing) {
        await drain();
        await sleep(1);
      }
      await drain();
      return { seen, order };
    };

    const readers = [reader(A), reader(B)];
    await Promise.all([writer(A), writer(A), writer(B)]);
    writing = false;
    const [ra, rb] = await Promise.all(readers);
    for (const [userId, r] of [
      [A, ra],
      [B, rb],
    ] as const) {
      expect(r?.seen.size).toBe(written[userId]?.length);
      expect([...(r?.seen.keys() ?? [])].sort()).toEqual([...(written[userId] ?? [])].sort());
      expect([...(r?.seen.values() ?? [])].every((n) => n === 1)).toBe(true);
      const order = r?.order ?? [];
      expect(order.every((s, i) => i === 0 || s > (order[i - 1] as number))).toBe(true);
    }
    expect(written[A]).toHaveLength(2 * batches * perBatch);
  });

  it('gives equal digests for equal data, and different ones for any changed field value or clock', async () => {
    for (const table of SYNCED_TABLES) {
      const rows = [sampleRow(table, A, 1), ...(table === 'app_user' ? [] : [sampleRow(table, A, 2)])];
      rows.sort((x, y) => (x.id < y.id ? -1 : 1));
      await write(A, table, rows);
      const base = await store.digest(A, table);
      // The same data digests the same in the central store and in plain TypeScript (so on a device too),
      // and rewriting it (new seq, other origin) changes nothing.
      expect(base).toEqual(digestRows(table, rows));
      expect(base.rows).toBe(rows.length);
      await write(A, table, rows, OTHER_DEVICE);
      expect(await store.digest(A, table)).toEqual(base);

      const target = rows[rows.length - 1] as SyncRow;
      for (const field of TABLES[table].fields.map((f) => f.name)) {
        // The owner column cannot change centrally (the store refuses it); digest.test.ts covers it.
        if (field === 'user_id') continue;
        for (const changed of [withChangedField(table, target, field), withChangedClock(target, field)]) {
          await write(A, table, [changed]);
          const d = await store.digest(A, table);
          expect(d.sha256, `${table}.${field}`).not.toBe(base.sha256);
          expect(d).toEqual(
            digestRows(
              table,
              rows.map((r) => (r.id === target.id ? changed : r)),
            ),
          );
        }
        await write(A, table, [target]);
        expect((await store.digest(A, table)).sha256).toBe(base.sha256);
      }
      expect((await store.digest(B, table)).rows).toBe(0);
    }
  });

  it('keeps device tokens by hash: finds, lists, touches and revokes them, one user or one device', async () => {
    const hash = (c: string) => c.repeat(64);
    const token = (id: string, userId: string, deviceId: string, c: string, createdAt: string) => ({
      id,
      userId,
      deviceId,
      label: `${deviceId} laptop`,
      createdAt,
      lastUsedAt: null,
      revokedAt: null,
      tokenHash: hash(c),
    });
    await store.deviceTokens.create(token('t1', A, DEVICE, 'a', '2026-11-20T09:00:00.000Z'));
    await store.deviceTokens.create(token('t2', A, OTHER_DEVICE, 'b', '2026-11-20T09:01:00.000Z'));
    await store.deviceTokens.create(token('t3', B, DEVICE, 'c', '2026-11-20T09:02:00.000Z'));
    // One secret, one token: a second row with the same hash is refused.
    await expect(
      store.deviceTokens.create(token('t4', B, DEVICE, 'c', '2026-11-20T09:03:00.000Z')),
    ).rejects.toBeInstanceOf(CentralError);

    expect(await store.deviceTokens.findByHash(hash('a'))).toEqual({
      id: 't1',
      userId: A,
      deviceId: DEVICE,
      label: `${DEVICE} laptop`,
      createdAt: '2026-11-20T09:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(await store.deviceTokens.findByHash(hash('d'))).toBeNull();
    await expect(store.deviceTokens.findByHash("a' OR '1'='1")).rejects.toBeInstanceOf(ValidationError);
    expect((await store.deviceTokens.list(A)).map((t) => t.id)).toEqual(['t1', 't2']);
    expect((await store.deviceTokens.list()).map((t) => t.id)).toEqual(['t1', 't2', 't3']);

    await store.deviceTokens.touch('t1', '2026-11-20T10:00:00.000Z');
    expect((await store.deviceTokens.findByHash(hash('a')))?.lastUsedAt).toBe('2026-11-20T10:00:00.000Z');

    // Revoking one device of A leaves A's other device and B alone; revoking again counts nothing.
    const at = '2026-11-21T00:00:00.000Z';
    expect(await store.deviceTokens.revoke({ userId: A, deviceId: OTHER_DEVICE }, at)).toBe(1);
    expect(await store.deviceTokens.revoke({ userId: A, deviceId: OTHER_DEVICE }, at)).toBe(0);
    expect((await store.deviceTokens.findByHash(hash('b')))?.revokedAt).toBe(at);
    expect((await store.deviceTokens.findByHash(hash('a')))?.revokedAt).toBeNull();
    expect(await store.deviceTokens.revoke({ id: 't3' }, at)).toBe(1);
    expect(await store.deviceTokens.revoke({ userId: A }, at)).toBe(1);
    expect((await store.deviceTokens.list()).every((t) => t.revokedAt === at)).toBe(true);
  });

  it('refuses a central schema newer than this pfm, telling the user to upgrade', async () => {
    await h.setSchemaVersion(store, CENTRAL_SCHEMA_VERSION + 1);
    expect(await store.schemaVersion()).toBe(CENTRAL_SCHEMA_VERSION + 1);
    const check = store.checkSchema();
    await expect(check).rejects.toBeInstanceOf(CentralSchemaTooNewError);
    await expect(check).rejects.toThrow(/upgrade pfm/);
    await expect(store.migrate()).rejects.toBeInstanceOf(CentralSchemaTooNewError);
  });

  it('records each device’s syncs and counts every user’s records', async () => {
    await write(A, 'app_user', [sampleRow('app_user', A)]);
    const base = {
      userId: A,
      syncType: 'Manual',
      pushed: 3,
      pulled: 1,
      conflicts: 0,
      errorMessage: null,
    } as const;
    await store.recordSyncActivity({
      ...base,
      deviceId: DEVICE,
      status: 'Success',
      startedAt: '2026-01-01T10:00:00.000Z',
      finishedAt: '2026-01-01T10:00:01.000Z',
    });
    await store.recordSyncActivity({
      ...base,
      deviceId: DEVICE,
      status: 'Failed',
      startedAt: '2026-01-02T10:00:00.000Z',
      finishedAt: null,
      errorMessage: 'connection refused',
    });
    await store.recordSyncActivity({
      ...base,
      deviceId: OTHER_DEVICE,
      status: 'Partial',
      startedAt: '2026-01-01T12:00:00.000Z',
      finishedAt: '2026-01-01T12:00:02.000Z',
      conflicts: 2,
    });
    await store.recordSyncActivity({
      ...base,
      userId: B,
      deviceId: OTHER_DEVICE,
      status: 'Success',
      startedAt: '2026-01-03T00:00:00.000Z',
      finishedAt: null,
    });
    const activity = await store.reports.syncActivity(A);
    expect(activity).toEqual([
      {
        userId: A,
        deviceId: DEVICE,
        syncs: 2,
        succeeded: 1,
        partial: 0,
        failed: 1,
        pushed: 6,
        pulled: 2,
        conflicts: 0,
        firstSyncAt: '2026-01-01T10:00:00.000Z',
        lastSyncAt: '2026-01-02T10:00:00.000Z',
        lastStatus: 'Failed',
      },
      {
        userId: A,
        deviceId: OTHER_DEVICE,
        syncs: 1,
        succeeded: 0,
        partial: 1,
        failed: 0,
        pushed: 3,
        pulled: 1,
        conflicts: 2,
        firstSyncAt: '2026-01-01T12:00:00.000Z',
        lastSyncAt: '2026-01-01T12:00:00.000Z',
        lastStatus: 'Partial',
      },
    ]);
    expect(await store.reports.syncActivity()).toHaveLength(3);
    await expect(
      store.recordSyncActivity({
        ...base,
        deviceId: DEVICE,
        status: 'Done' as 'Success',
        startedAt: 'x',
        finishedAt: null,
      }),
    ).rejects.toBeInstanceOf(ValidationError);

    await write(A, 'expense', [
      sampleRow('expense', A, 1),
      { ...sampleRow('expense', A, 2), values: { ...sampleRow('expense', A, 2).values, deleted: 1 } },
    ]);
    await write(B, 'category', [sampleRow('category', B, 1)]);
    await write(A, 'schedule', [sampleRow('schedule', A, 1)]);
    const counts = await store.reports.recordCounts();
    expect(counts.map((c) => c.userId)).toEqual([A, B]);
    expect(counts[0]).toMatchObject({
      name: 'user 1',
      live: 3,
      tables: {
        app_user: { live: 1, deleted: 0 },
        expense: { live: 1, deleted: 1 },
        schedule: { live: 1, deleted: 0 },
        budget: { live: 0, deleted: 0 },
      },
    });
    expect(counts[1]).toMatchObject({ name: null, live: 1, tables: { category: { live: 1, deleted: 0 } } });
    expect(await store.reports.recordCounts(B)).toEqual([counts[1]]);
  });

  describe.runIf(h.plainSql !== undefined)('plain SQL writes on the central tables (an admin, a job)', () => {
    const plain = async (sql: string, params: unknown[] = []) => {
      if (!h.plainSql) throw new Error(`${h.name} has no plain SQL access`);
      return h.plainSql(store, sql, params);
    };
    const read = async (id: string) => {
      const [row] = await store.readRowsById(A, 'expense', [id]);
      if (!row) throw new Error(`expense ${id} is gone`);
      return row;
    };
    const CENTRAL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9A-F]{4}-ce00000000000000$/;
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

    it('an UPDATE of one field gets a new seq and a newer clock on that field only', async () => {
      const row = sampleRow('expense', A);
      const [w] = await write(A, 'expense', [row]);
      await plain('UPDATE finance_expense SET amount = $1 WHERE id = $2', [4321, row.id]);
      const after = await read(row.id);
      expect(after.values).toEqual({ ...row.values, amount: 4321 });
      expect(after.seq).toBeGreaterThan(w?.seq ?? Infinity);
      expect(after.clock.amount).toMatch(CENTRAL_CLOCK);
      expect((after.clock.amount ?? '') > (row.clock.amount ?? '')).toBe(true);
      expect(after.clock).toEqual({ ...row.clock, amount: after.clock.amount });
      expect(after.hlc).toBe(after.clock.amount);
      expect(after.modifiedAt).toMatch(ISO);
      expect(after.origin).toBeNull();
      expect((await store.readChanges(A, 'expense', w?.seq ?? 0, 10)).map((r) => r.id)).toEqual([row.id]);
      // Edits in quick succession (one millisecond, or a device clock ahead) still get ever newer clocks.
      let last = after;
      for (const amount of [1, 2, 3]) {
        await plain('UPDATE finance_expense SET amount = $1, description = $2 WHERE id = $3', [
          amount,
          `edit ${amount}`,
          row.id,
        ]);
        const next = await read(row.id);
        expect(next.hlc > last.hlc && next.seq > last.seq).toBe(true);
        expect(next.clock.description).toBe(next.hlc);
        last = next;
      }
      // An UPDATE that changes no synced value leaves the row as it was.
      await plain('UPDATE finance_expense SET amount = amount, description = description WHERE id = $1', [
        row.id,
      ]);
      expect(await read(row.id)).toEqual(last);
    });

    it('an INSERT of the business columns only is stamped: clocks, hlc, modified_at, seq', async () => {
      const id = newTestId('expense');
      await plain(
        'INSERT INTO finance_expense (id, user_id, category_id, amount, expense_date, description, account_id) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, A, 'cat-1', 700, '2026-02-01', 'by a job', A],
      );
      const row = await read(id);
      expect(row.values).toEqual({
        user_id: A,
        category_id: 'cat-1',
        amount: 700,
        expense_date: '2026-02-01',
        payment_method: null,
        description: 'by a job',
        deleted: 0,
        account_id: A,
        status: 'uncleared',
        payee: null,
        tags: null,
        splits: null,
      });
      expect(row.hlc).toMatch(CENTRAL_CLOCK);
      expect(row.clock).toEqual(Object.fromEntries(TABLES.expense.fields.map((f) => [f.name, row.hlc])));
      expect(row.modifiedAt).toMatch(ISO);
      expect(row.seq).toBeGreaterThan(0);
      expect(await store.maxSeq(A)).toBe(row.seq);
      // The writer took the user's lock, as a sync does.
      expect(await plain('SELECT user_id FROM sync_user_lock WHERE user_id = $1', [A])).toHaveLength(1);
    });

    it('a DELETE leaves a tombstone with a fresh clock on deleted; deleting it again changes nothing', async () => {
      const row = sampleRow('expense', A);
      const [w] = await write(A, 'expense', [row]);
      await plain('DELETE FROM finance_expense WHERE id = $1', [row.id]);
      const gone = await read(row.id);
      expect(gone.values).toEqual({ ...row.values, deleted: 1 });
      expect(gone.clock).toEqual({ ...row.clock, deleted: gone.hlc });
      expect(gone.hlc).toMatch(CENTRAL_CLOCK);
      expect(gone.seq).toBeGreaterThan(w?.seq ?? Infinity);
      await plain('DELETE FROM finance_expense WHERE id = $1', [row.id]);
      expect(await read(row.id)).toEqual(gone);
    });

    it('leaves the sync’s own writes exactly as written, clocks included, before and after a plain edit', async () => {
      const row = sampleRow('expense', A);
      const [w] = await write(A, 'expense', [row]);
      expect(await read(row.id)).toEqual({ ...row, seq: w?.seq, origin: DEVICE });
      await plain('UPDATE finance_expense SET description = $1 WHERE id = $2', ['admin', row.id]);
      const edited = await read(row.id);
      // A device's later edit of another field, merged as a push would: written as given.
      const pushed = withChangedField('expense', { ...edited, values: edited.values }, 'amount');
      const [w2] = await write(A, 'expense', [pushed], OTHER_DEVICE);
      expect(await read(row.id)).toEqual({
        id: pushed.id,
        values: pushed.values,
        hlc: pushed.hlc,
        clock: pushed.clock,
        modifiedAt: pushed.modifiedAt,
        seq: w2?.seq,
        origin: OTHER_DEVICE,
      });
    });

    it.runIf(h.concurrent)(
      'a plain write holds the user’s lock: a sync of that user waits for it',
      async () => {
        const row = sampleRow('expense', A);
        await write(A, 'expense', [row]);
        if (!(store instanceof PostgresCentralStore)) throw new Error('not a PostgreSQL-family store');
        const order: string[] = [];
        let syncDone: Promise<unknown> = Promise.resolve();
        await store.transaction(async (s) => {
          await s.query('UPDATE finance_expense SET amount = 99 WHERE id = $1', [row.id]);
          syncDone = write(A, 'expense', [sampleRow('expense', A, 2)]).then(() => order.push('sync'));
          await sleep(300);
          order.push('admin commits');
        });
        await syncDone;
        expect(order).toEqual(['admin commits', 'sync']);
        const seqs = (await store.readChanges(A, 'expense', 0, 10)).map((r) => r.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      },
    );
  });

  /** Copies every row of a device to the central store as sync would: per user, parents first, one statement per table. */
  async function copyToCentral(local: LocalStore): Promise<Map<SyncedTable, SyncRow[]>> {
    const rows = localRows(local);
    for (const table of SYNCED_TABLES) {
      const byUser = new Map<string, SyncRow[]>();
      for (const row of rows.get(table) ?? [])
        byUser.set(ownerOf(table, row), [...(byUser.get(ownerOf(table, row)) ?? []), row]);
      for (const [userId, userRows] of byUser) await write(userId, table, userRows);
    }
    return rows;
  }

  /**
   * A device holding the demo's data (made from `seed`) and the rows `addCases` adds, every row copied to the
   * central store; `fn` compares the two sides. The device is closed after.
   */
  async function onSameData<E>(
    seed: number,
    addCases: (local: LocalStore) => E,
    fn: (data: {
      edge: E;
      rows: Map<SyncedTable, SyncRow[]>;
      reports: LocalReports;
      users: string[];
    }) => Promise<void>,
  ): Promise<void> {
    const now = new Date('2026-03-15T12:00:00.000Z');
    const local = LocalStore.open({ path: ':memory:', now: () => now });
    try {
      createDemoData(local, { passwordHash: 'demo-hash', months: 4, seed });
      const edge = addCases(local);
      const rows = await copyToCentral(local);
      const users = (rows.get('app_user') ?? []).map((r) => r.id);
      await fn({ edge, rows, reports: new LocalReports(local), users });
    } finally {
      local.close();
    }
  }

  it('gives the same balances and net worth as the device, to the digit, on the same data', () =>
    onSameData(11, addAccountCases, async ({ edge, rows, reports, users }) => {
      expect(users).toContain(edge.user);
      for (const userId of users) {
        for (const asOf of [
          '2025-10-31',
          '2025-12-01',
          '2026-01-14',
          '2026-01-15',
          '2026-02-28',
          '2026-03-15',
          '2027-01-31',
          // The last day of every month of the demo and around it.
          ...['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'].map((m) => monthRange(m).to),
        ]) {
          expect(await store.reports.balances(userId, asOf)).toEqual(reports.balances(userId, asOf));
        }
        for (const [from, to] of [
          ['2025-10', '2026-04'],
          ['2026-02', '2026-02'],
          ['2024-01', '2024-03'],
          ['2026-12', '2027-02'],
        ] as const) {
          expect(await store.reports.netWorth(userId, from, to)).toEqual(reports.netWorth(userId, from, to));
        }
      }
      // The cases really are in the data the reports were compared on.
      const balances = await store.reports.balances(edge.user, '2026-03-15');
      const named = (name: string) => balances.accounts.find((a) => a.name === name);
      expect(balances.accounts.map((a) => a.name)).not.toContain('never used');
      expect(named('Gone')?.balance).toBe(-700);
      expect(named('old cash')?.archived).toBe(true);
      expect(named('Visa')?.balance).toBeLessThan(0);
      expect(balances.accounts.map((a) => a.name)).toEqual(
        reports.balances(edge.user, '2026-03-15').accounts.map((a) => a.name),
      );
      const savingsOn = async (asOf: string) =>
        (await store.reports.balances(edge.user, asOf)).accounts.find((a) => a.name === 'savings')?.balance;
      expect(await savingsOn('2026-01-14')).toBe(105_000); // the opening balance is not counted yet
      expect(await savingsOn('2026-01-15')).toBe(155_000);
      const worth = await store.reports.netWorth(edge.user, '2025-11', '2026-03');
      expect(worth.months.map((m) => m.month)).toEqual([
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
      ]);
      expect(worth.months.at(-1)?.total).toBe((await store.reports.balances(edge.user, '2026-03-31')).total);
      // Record counts cover every synced table, accounts and transfers included.
      const [counts] = await store.reports.recordCounts(edge.user);
      for (const table of SYNCED_TABLES) {
        const mine = (rows.get(table) ?? []).filter((r) => ownerOf(table, r) === edge.user);
        const deleted = mine.filter((r) => r.values.deleted !== 0).length;
        expect(counts?.tables[table], table).toEqual({ live: mine.length - deleted, deleted });
      }
      expect(counts?.tables.transfer).toEqual({ live: 5, deleted: 1 });
      expect(counts?.tables.account).toEqual({ live: 6, deleted: 2 });

      await expect(store.reports.balances('nobody', '2026-03-15')).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.reports.balances(edge.user, '2026-02-30x')).rejects.toBeInstanceOf(ValidationError);
      await expect(store.reports.netWorth(edge.user, '2026-03', '2026-02')).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(() => reports.netWorth(edge.user, '2026-03', '2026-02')).toThrow(ValidationError);
      await expect(store.reports.netWorth(edge.user, '2026-3', '2026-04')).rejects.toBeInstanceOf(
        ValidationError,
      );
    }));

  it('gives the same six reports as the device, to the digit, on the same data', () =>
    onSameData(7, addEdgeCases, async ({ edge, rows, reports, users }) => {
      expect(users.length).toBeGreaterThanOrEqual(6);
      for (const userId of users) {
        for (const month of ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']) {
          expect(await store.reports.monthly(userId, month)).toEqual(reports.monthly(userId, month));
          expect(await store.reports.budgets(userId, month)).toEqual(reports.budgets(userId, month));
        }
        for (const [from, to] of [
          ['2026-03-01', '2026-03-31'],
          ['2025-12-01', '2026-03-15'],
          ['2026-02-10', '2026-02-10'],
          ['2020-01-01', '2020-12-31'],
        ] as const) {
          expect(await store.reports.categories(userId, from, to)).toEqual(
            reports.categories(userId, from, to),
          );
          expect(await store.reports.tags(userId, from, to)).toEqual(reports.tags(userId, from, to));
        }
        for (const asOf of ['2026-03-15', '2025-10-01', '2027-01-31']) {
          expect(await store.reports.goals(userId, asOf)).toEqual(reports.goals(userId, asOf));
        }
        expect(await store.reports.trend(userId, '2026-03')).toEqual(reports.trend(userId, '2026-03'));
        expect(await store.reports.trend(userId, '2026-04', 3)).toEqual(reports.trend(userId, '2026-04', 3));
        // And every table digests the same on both sides.
        for (const table of SYNCED_TABLES) {
          const mine = (rows.get(table) ?? []).filter((r) => ownerOf(table, r) === userId);
          expect(await store.digest(userId, table)).toEqual(digestRows(table, mine));
        }
      }
      // The demo's tags and split rows really are in the data the reports were compared on.
      const demoUser = users.find((u) => u !== edge.user) as string;
      const tagged = await store.reports.tags(demoUser, '2025-11-01', '2026-03-31');
      expect(tagged.tags.map((t) => t.tag)).toEqual(expect.arrayContaining(['holiday', 'work']));
      expect(tagged).toEqual(reports.tags(demoUser, '2025-11-01', '2026-03-31'));
      const split = (rows.get('expense') ?? []).filter((r) => r.values.splits !== null);
      expect(split.length).toBeGreaterThanOrEqual(users.length - 1);
      // The edge cases really are in the data the reports were compared on.
      expect((await store.reports.tags(edge.user, '2026-02-01', '2026-03-31')).tags).toEqual([
        { tag: 'Kids', expenses: 100, income: 300, count: 2 },
        { tag: 'work', expenses: 100, income: 300, count: 2 },
        { tag: 'kids', expenses: 0, income: 200, count: 1 },
      ]);
      const edgeBudgets = await store.reports.budgets(edge.user, '2026-03');
      expect(edgeBudgets.budgets.map((b) => b.category)).toEqual(
        reports.budgets(edge.user, '2026-03').budgets.map((b) => b.category),
      );
      expect(
        edgeBudgets.budgets.some((b) => b.status === 'over') &&
          edgeBudgets.budgets.some((b) => b.status === 'at'),
      ).toBe(true);
      expect(edgeBudgets.unbudgetedCategories.map((c) => [c.name, c.spent])).toEqual([
        ['Car', 40],
        ['rent', 900],
      ]);
      expect(edgeBudgets).toMatchObject({ unbudgeted: 940, totalSpent: 4474 });
      const cats = await store.reports.categories(edge.user, '2026-03-01', '2026-03-31');
      expect(cats.categories.some((c) => c.deleted)).toBe(true);
      const goals = await store.reports.goals(edge.user, '2026-03-15');
      expect(goals.goals.map((g) => g.onTrack)).toEqual(expect.arrayContaining([true, false, null]));
      const projected = (name: string, report: typeof goals) =>
        report.goals.find((g) => g.name === name)?.projectedDate;
      expect(projected('far away', goals)).toBeNull();
      expect(projected('lifetime', goals)).toBe('2100-02-15');
      expect(projected('lifetime', await store.reports.goals(edge.user, '2027-01-31'))).toBeNull();

      await expect(store.reports.monthly('nobody', '2026-03')).rejects.toBeInstanceOf(NotFoundError);
      expect(() => reports.monthly('nobody', '2026-03')).toThrow(NotFoundError);
      await expect(store.reports.monthly(edge.user, '2026-13')).rejects.toBeInstanceOf(ValidationError);
      await expect(store.reports.categories(edge.user, '2026-03-02', '2026-03-01')).rejects.toBeInstanceOf(
        ValidationError,
      );
    }));

  it('carries budgets over from month to month as the device does, to the digit', () =>
    onSameData(5, addRolloverCases, async ({ edge, reports, users }) => {
      const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
      for (const userId of users) {
        for (const month of months) {
          expect(await store.reports.budgets(userId, month)).toEqual(reports.budgets(userId, month));
        }
      }
      const carried = async (month: string) =>
        Object.fromEntries(
          (await store.reports.budgets(edge.user, month)).budgets.map((b) => [
            b.category,
            [b.carried, b.available],
          ]),
        );
      // Larder, a chain over three months: 1000 - 600 = 400, 1000 + 400 - 1500 (a split's part) = -100.
      expect((await carried('2026-02')).Larder).toEqual([400, -100]);
      expect((await carried('2026-03')).Larder).toEqual([-100, 1000 - 100 - 0]);
      // Outings: overspent in January, carried as a negative amount.
      expect((await carried('2026-02')).Outings).toEqual([-250, 500 - 250 - 300]);
      // Gap: no February budget, so March starts afresh; rollover off in April carries nothing into May.
      expect((await carried('2026-03')).Gap).toEqual([0, 300]);
      expect((await carried('2026-04')).Gap).toEqual([300, 600]);
      expect((await carried('2026-05')).Gap).toEqual([0, 300]);
      const rolls = async (month: string) =>
        (await store.reports.budgets(edge.user, month)).budgets.map((b) => [b.category, b.rollover]);
      expect(await rolls('2026-03')).toEqual([
        ['Gap', true],
        ['Larder', true],
      ]);
      expect(await rolls('2026-04')).toEqual([['Gap', false]]);
    }));
}

/**
 * Budgets that roll over: a chain over three months with a split expense in it, an overspent month, a month
 * without a budget in between, and rollover turned off.
 */
function addRolloverCases(local: LocalStore): { user: string } {
  const users = new UserRepository(local);
  const categories = new CategoryRepository(local);
  const expenses = new ExpenseRepository(local);
  const budgets = new BudgetRepository(local);
  const user = users.create({ name: 'Rolling', currency: 'EUR', locale: 'en-IE' }).id;
  const food = categories.create(user, 'Larder', 'expense').id;
  const fun = categories.create(user, 'Outings', 'expense').id;
  const gap = categories.create(user, 'Gap', 'expense').id;
  const on = { rollover: true };
  for (const month of ['2026-01', '2026-02', '2026-03']) budgets.set(user, food, month, 1000, on);
  expenses.create(user, { categoryId: food, amount: 600, date: '2026-01-31' });
  expenses.create(user, {
    categoryId: food,
    amount: 1800,
    date: '2026-02-01',
    splits: [
      { categoryId: food, amount: 1500, note: '' },
      { categoryId: fun, amount: 300, note: 'cinema' },
    ],
  });
  budgets.set(user, fun, '2026-01', 500, on);
  budgets.set(user, fun, '2026-02', 500, on);
  expenses.create(user, { categoryId: fun, amount: 750, date: '2026-01-15' });
  const gone = expenses.create(user, { categoryId: fun, amount: 9999, date: '2026-01-16' });
  expenses.delete(user, gone.id);
  budgets.set(user, gap, '2026-01', 300, on);
  budgets.set(user, gap, '2026-03', 300, on);
  budgets.set(user, gap, '2026-04', 300, on);
  budgets.set(user, gap, '2026-04', 300, { rollover: false });
  budgets.set(user, gap, '2026-05', 300, on);
  return { user };
}

/**
 * Data the demo does not make: categories whose names sort differently case-sensitively and not, a deleted
 * category that still has expenses, a deleted expense, budgets under, at and over their limit, goals reached,
 * on track, behind, without contributions and without a target date.
 */
function addEdgeCases(local: LocalStore): { user: string } {
  const users = new UserRepository(local);
  const categories = new CategoryRepository(local);
  const expenses = new ExpenseRepository(local);
  const income = new IncomeRepository(local);
  const budgets = new BudgetRepository(local);
  const goals = new GoalRepository(local);
  const user = users.create({ name: 'Edge', currency: 'JPY', locale: 'ja-JP' }).id;
  const cat = (name: string) => categories.create(user, name, 'expense').id;
  const ids = {
    apple: cat('apple'),
    Banana: cat('Banana'),
    zeta: cat('Zeta'),
    eclair: cat('Éclair'),
    under: cat('_under'),
    rent: cat('rent'),
    Car: cat('Car'),
  };
  const spend = (categoryId: string, amount: number, date: string) =>
    expenses.create(user, { categoryId, amount, date }).id;
  spend(ids.apple, 500, '2026-03-01');
  spend(ids.apple, 500, '2026-03-31');
  spend(ids.Banana, 1200, '2026-03-10');
  spend(ids.zeta, 1000, '2026-03-10'); // ties apple's total: the name decides
  spend(ids.eclair, 333, '2026-03-05');
  spend(ids.under, 1, '2026-03-05');
  const gone = spend(ids.Banana, 999, '2026-03-11');
  expenses.delete(user, gone);
  income.create(user, {
    categoryId: categories.resolve(user, 'Salary', 'income').id,
    amount: 3000,
    date: '2026-03-25',
  });
  // Tags differing only in case are two tags in byte order; equal spending ties broken by income; a
  // deleted row's tags count nowhere.
  const earn = (amount: number, date: string, tags: string[]) =>
    income.create(user, { categoryId: categories.resolve(user, 'Salary', 'income').id, amount, date, tags })
      .id;
  earn(200, '2026-03-05', ['kids']);
  earn(300, '2026-03-06', ['Kids', 'work']);
  income.delete(user, earn(50, '2026-03-07', ['work', 'gone']));
  expenses.create(user, { categoryId: ids.apple, amount: 100, date: '2026-02-20', tags: ['Kids', 'work'] });
  budgets.set(user, ids.apple, '2026-03', 1000); // at
  budgets.set(user, ids.Banana, '2026-03', 1000); // over
  budgets.set(user, ids.zeta, '2026-03', 3000); // under
  budgets.set(user, ids.eclair, '2026-03', 1000);
  budgets.set(user, ids.under, '2026-03', 7);
  // Spending no budget of the month covers: rent has none, Car only one for another month.
  spend(ids.rent, 900, '2026-03-03');
  spend(ids.Car, 40, '2026-03-20');
  budgets.set(user, ids.Car, '2026-02', 100);
  categories.delete(user, ids.zeta); // its expense still counts, under the deleted category
  const reached = goals.create(user, { name: 'bike', target: 1000, targetDate: '2026-06-01' });
  goals.contribute(user, reached.id, 400, '2026-01-10');
  goals.contribute(user, reached.id, 600, '2026-02-10'); // reaches exactly
  goals.contribute(user, reached.id, 50, '2026-02-10');
  const behind = goals.create(user, { name: 'Car', target: 10_000, targetDate: '2026-12-31' });
  goals.contribute(user, behind.id, 1000, '2026-03-01');
  const dropped = goals.contribute(user, behind.id, 5000, '2026-03-02');
  goals.deleteContribution(user, dropped.id);
  goals.create(user, { name: 'again', target: 500 }); // no contributions, no date
  const open = goals.create(user, { name: 'Trip', target: 3000 });
  goals.contribute(user, open.id, 100, '2026-04-02'); // after some asOf dates: days at least 1
  // A cent toward a million: the rate so far reaches it millions of years on, past any date type: null.
  const far = goals.create(user, { name: 'far away', target: 100_000_000, targetDate: '2030-01-01' });
  goals.contribute(user, far.id, 1, '2026-03-01');
  // Decades away as of 2026-03-15 (a rate over GOAL_RATE_MIN_DAYS), beyond the 100-year horizon as of
  // 2027-01-31 (a rate over 337 days).
  const lifetime = goals.create(user, { name: 'lifetime', target: 30_100 });
  goals.contribute(user, lifetime.id, 100, '2026-03-01');
  return { user };
}

/**
 * Accounts the demo does not make: opening balances with and without a date (one dated after some reports'
 * days), a debt, names that sort differently case-sensitively and not, transfers both ways, deleted rows, an
 * archived account, a deleted account that never held anything (it does not count) and one that live rows
 * still name (it does).
 */
function addAccountCases(local: LocalStore): { user: string } {
  const users = new UserRepository(local);
  const categories = new CategoryRepository(local);
  const expenses = new ExpenseRepository(local);
  const income = new IncomeRepository(local);
  const accounts = new AccountRepository(local);
  const transfers = new TransferRepository(local);
  const user = users.create({ name: 'Accounts', currency: 'EUR', locale: 'de-DE' }).id;
  const food = categories.resolve(user, 'Food', 'expense').id;
  const salary = categories.resolve(user, 'Salary', 'income').id;
  const main = mainAccountId(user);
  const open = (name: string, kind: AccountKind, openingBalance = 0, openingDate: string | null = null) =>
    accounts.create(user, { name, kind, openingBalance, openingDate }).id;
  const checking = open('checking', 'checking', 120_000);
  const savings = open('savings', 'savings', 50_000, '2026-01-15');
  const visa = open('Visa', 'credit_card', -20_000, '2025-12-01');
  const loan = open('a loan', 'loan', -1_000_000, '2025-11-01');
  const cash = open('old cash', 'cash', 3000);
  const gone = open('Gone', 'cash');
  accounts.delete(user, open('never used', 'investment', 999));
  const spend = (accountId: string, amount: number, date: string) =>
    expenses.create(user, { categoryId: food, amount, date, accountId }).id;
  const earn = (accountId: string, amount: number, date: string) =>
    income.create(user, { categoryId: salary, amount, date, accountId }).id;
  const move = (fromAccountId: string, toAccountId: string, amount: number, date: string) =>
    transfers.create(user, { fromAccountId, toAccountId, amount, date }).id;
  earn(checking, 300_000, '2025-11-28');
  earn(checking, 300_000, '2025-12-29');
  earn(main, 4500, '2026-02-01');
  spend(checking, 12_345, '2025-12-01');
  spend(visa, 8000, '2025-12-24');
  spend(visa, 1999, '2026-03-15');
  spend(visa, 500, '2026-03-16'); // after some reports' day
  spend(main, 250, '2026-01-31');
  expenses.delete(user, spend(checking, 77_777, '2026-01-05'));
  move(checking, savings, 100_000, '2025-12-31');
  move(checking, savings, 5000, '2026-01-14'); // before the savings' opening date: counts on that day
  move(savings, checking, 25_000, '2026-02-28'); // back the other way
  move(checking, visa, 8000, '2026-01-10'); // paying the card
  move(checking, loan, 50_000, '2026-03-01');
  transfers.delete(user, move(savings, checking, 1, '2026-02-01'));
  spend(cash, 1200, '2025-11-03');
  accounts.edit(user, cash, { archived: true });
  spend(gone, 700, '2026-02-14');
  // Another device deleted the account while this one still filed a row in it: the merged state a sync
  // leaves (the repository itself refuses to delete an account that holds rows).
  new RowWriter(local).tombstone('account', gone);
  return { user };
}
