import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgSqlPool } from '../../../src/central/postgres/sql-pool.js';
import {
  createTestDatabase,
  postgresSkipReason,
  type TestDatabase,
} from '../../support/postgres-test-database.js';

/**
 * QueryOptions.prepare on the PostgreSQL server: a statement is prepared once per connection under one name
 * per text, and gives the same answers as unprepared. QueryOptions.begin: BEGIN sent with a statement.
 */
const skip = await postgresSkipReason();

describe.skipIf(skip !== null)(
  `prepared statements on the PostgreSQL server${skip ? ` — ${skip}` : ''}`,
  () => {
    let db: TestDatabase;
    let pool: PgSqlPool;
    beforeAll(async () => {
      db = await createTestDatabase('prepared');
      pool = new PgSqlPool({ connectionString: db.url, password: undefined, max: 2 });
    });
    afterAll(async () => {
      await pool?.end();
      await db?.drop();
    });

    const prepared = async (s: Awaited<ReturnType<PgSqlPool['connect']>>) =>
      (
        await s.query<{ name: string; statement: string }>(
          'SELECT name, statement FROM pg_prepared_statements ORDER BY name',
        )
      ).rows;

    it('prepares each text once per connection under one name, and answers as unprepared', async () => {
      const a = await pool.connect();
      const b = await pool.connect();
      try {
        const sum = 'SELECT $1::int + $2::int AS n';
        const product = 'SELECT $1::int * $2::int AS n';
        for (const s of [a, b]) {
          for (const [x, y] of [
            [2, 3],
            [4, 5],
          ] as const) {
            expect((await s.query<{ n: number }>(sum, [x, y], { prepare: true })).rows).toEqual([
              { n: x + y },
            ]);
            expect((await s.query<{ n: number }>(sum, [x, y])).rows).toEqual([{ n: x + y }]);
          }
          expect((await s.query<{ n: number }>(product, [4, 5], { prepare: true })).rows).toEqual([
            { n: 20 },
          ]);
        }
        const onA = await prepared(a);
        expect(onA.map((p) => p.statement)).toEqual([sum, product]);
        // The same names on every connection: pg refuses one name for two texts.
        expect(await prepared(b)).toEqual(onA);
        expect(new Set(onA.map((p) => p.name)).size).toBe(2);
      } finally {
        a.release();
        b.release();
      }
    });

    it('sends BEGIN with a statement (QueryOptions.begin): it runs in the transaction BEGIN opened', async () => {
      const s = await pool.connect();
      try {
        const xact = 'SELECT pg_current_xact_id()::text AS x';
        const first = (await s.query<{ x: string }>(xact, [], { begin: true, prepare: true })).rows[0]?.x;
        // Outside a transaction, each statement would get a new id.
        expect((await s.query<{ x: string }>(xact, [], { prepare: true })).rows[0]?.x).toBe(first);
        await s.query('ROLLBACK');
        // A failing statement fails the call, and leaves the transaction open (aborted) for the caller's ROLLBACK.
        await expect(s.query('SELECT 1/0', [], { begin: true })).rejects.toThrow(/division by zero/);
        await expect(s.query('SELECT 1')).rejects.toThrow(/aborted/);
        await s.query('ROLLBACK');
        expect((await s.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      } finally {
        s.release();
      }
    });
  },
);
