import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { categoryIdFor, userIdFor } from '../../src/domain/ids.js';
import { SYNCED_TABLES } from '../../src/domain/tables.js';
import { DirectRemote } from '../../src/sync/direct-remote.js';
import { Device, TestClock } from '../support/devices.js';
import {
  createTestDatabase,
  postgresSkipReason,
  type TestDatabase,
} from '../support/postgres-test-database.js';

/**
 * The no-op sync (docs/architecture.md, "Pull": a sync with nothing to do reads no feed): with nothing
 * changed, a sync issues a constant number of central statements whatever the data size, and its local SQLite
 * work is index probes only (no table scan). Counted at 1,000 and 20,000 rows of one user, on the embedded
 * SQLite store and on the PostgreSQL server.
 */

const SIZES = [1_000, 20_000] as const;
const pgSkip = await postgresSkipReason();

interface LocalCall {
  readonly sql: string;
  readonly params: unknown[];
}

interface Measured {
  readonly rows: number;
  readonly firstSync: number;
  /** Central statements of the no-op sync, in order. */
  readonly noop: string[];
  /** Local SQLite statements the no-op sync ran, with their parameters. */
  readonly local: LocalCall[];
  readonly device: Device;
}

/** Record every statement the store prepares through `sql()` when it runs, with its parameters. */
function recordLocal(device: Device, calls: LocalCall[]): () => void {
  const store = device.store;
  const original = store.sql;
  store.sql = (text: string) => {
    const stmt = original.call(store, text);
    return new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'run' || prop === 'get' || prop === 'all' || prop === 'iterate') {
          return (...params: unknown[]) => {
            calls.push({ sql: text, params });
            return (value as (...a: unknown[]) => unknown).apply(target, params);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  };
  return () => {
    store.sql = original;
  };
}

const backends = [
  {
    name: 'SQLite (embedded)',
    skip: null as string | null,
    setup: async (onStatement: (sql: string) => void) => ({
      central: await openCentral('sqlite::memory:', { onStatement }),
      drop: async () => undefined,
    }),
  },
  {
    name: 'PostgreSQL server',
    skip: pgSkip,
    setup: async (onStatement: (sql: string) => void) => {
      const db: TestDatabase = await createTestDatabase('noop');
      return {
        central: await openCentral(db.url, { onStatement, maxConnections: 2 }),
        drop: () => db.drop(),
      };
    },
  },
];

describe.each(backends)('the no-op sync on $name', (backend) => {
  const title = backend.skip ? ` — skipped: ${backend.skip}` : '';
  let central: CentralStore;
  let drop: () => Promise<void>;
  let counting = false;
  let statements: string[] = [];
  const measured: Measured[] = [];

  beforeAll(async () => {
    if (backend.skip) return;
    ({ central, drop } = await backend.setup((sql) => {
      if (counting) statements.push(sql);
    }));
  }, 120_000);
  afterAll(async () => {
    for (const m of measured) m.device.close();
    await central?.close();
    await drop?.();
  });

  it.skipIf(backend.skip !== null)(
    `issues the same small number of central statements at ${SIZES.join(' and ')} rows${title}`,
    async () => {
      const clock = new TestClock();
      for (const size of SIZES) {
        const user = `user${size}`;
        const userId = userIdFor(user);
        const device = new Device(`device-${size}`, () => new DirectRemote(central, clock.now), clock);
        // Rows built fast: through the repositories, in one local transaction.
        device.store.transaction(() => {
          device.users.create({ name: user, currency: 'EUR', locale: 'en-IE' });
          const food = categoryIdFor(userId, 'expense', 'Food');
          for (let i = 0; i < size; i++) {
            device.expenses.create(userId, {
              categoryId: food,
              amount: 100 + (i % 5000),
              date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
              extra: 'card',
              note: `expense ${i}`,
            });
          }
        });

        counting = true;
        statements = [];
        const first = await device.sync(user, { batchSize: 2000 });
        const firstSync = statements.length;
        expect(first.log.status, first.log.errorMessage ?? '').toBe('Success');
        expect(first.log.pushed).toBeGreaterThanOrEqual(size);

        statements = [];
        const local: LocalCall[] = [];
        const stop = recordLocal(device, local);
        const noop = await device.sync(user, { batchSize: 2000 });
        stop();
        counting = false;
        expect(noop.log.status, noop.log.errorMessage ?? '').toBe('Success');
        expect(noop.log).toMatchObject({ pushed: 0, pulled: 0, conflicts: 0 });
        measured.push({ rows: size, firstSync, noop: [...statements], local, device });
      }

      const [small, large] = measured as [Measured, Measured];
      console.log(
        `${backend.name}: first sync ${small.firstSync} / ${large.firstSync} statements; ` +
          `no-op sync ${small.noop.length} / ${large.noop.length} central and ${small.local.length} / ` +
          `${large.local.length} local statements at ${small.rows} / ${large.rows} rows`,
      );
      // Constant: the same statements, in the same order, at both sizes; and few of them.
      expect(large.noop.length).toBe(small.noop.length);
      expect(large.noop).toEqual(small.noop);
      expect(small.noop.length).toBeLessThanOrEqual(20);
      // Reads only (plus the run's line in the central activity log): no transaction, no user lock, no write.
      expect(
        small.noop.filter((sql) => /^\s*(BEGIN|UPDATE|DELETE|INSERT INTO (?!sync_activity\b))/i.test(sql)),
      ).toEqual([]);
      // The first sync grows with the data (one round of statements per batch): the no-op must not.
      expect(large.firstSync).toBeGreaterThan(small.firstSync);

      // Local work is constant too: the same statements at both sizes...
      expect(large.local.map((c) => c.sql)).toEqual(small.local.map((c) => c.sql));
      // ...and none scans a synced table: the dirty probes use the partial is_synced index.
      const synced = new RegExp(`\\b(${SYNCED_TABLES.join('|')})\\b`);
      const plans: string[] = [];
      for (const call of large.local) {
        if (!synced.test(call.sql)) continue;
        const plan = large.device.store.db.prepare(`EXPLAIN QUERY PLAN ${call.sql}`).all(...call.params) as {
          detail: string;
        }[];
        const details = plan.map((p) => p.detail);
        plans.push(`${call.sql.replace(/\s+/g, ' ').slice(0, 90)} => ${details.join('; ')}`);
        for (const d of details) {
          expect(d, `${call.sql}: ${details.join('; ')}`).not.toMatch(
            new RegExp(`^SCAN (${SYNCED_TABLES.join('|')})\\b`),
          );
        }
        const dirty = /is_synced = 0/.exec(call.sql);
        const table = /FROM (\w+)/.exec(call.sql)?.[1];
        if (dirty && table && table !== 'app_user') {
          expect(details.join('; '), call.sql).toMatch(
            new RegExp(`USING (COVERING )?INDEX ${table}_dirty\\b`),
          );
        }
      }
      expect(
        large.local.filter((c) => /is_synced = 0/.test(c.sql)).length,
        'the no-op sync probes every table for changed rows',
      ).toBeGreaterThanOrEqual(SYNCED_TABLES.length);
      console.log(
        `${backend.name}: the no-op sync ran:\n  ${small.noop.map((s) => s.replace(/\s+/g, ' ').slice(0, 100)).join('\n  ')}`,
      );
    },
    300_000,
  );
});
