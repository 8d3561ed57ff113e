import { firstAccountValues, mainAccountId } from '../src/domain/accounts.js';
import { budgetIdFor, categoryIdFor, userIdFor } from '../src/domain/ids.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { SYNCED_TABLES, TABLES, type FieldValue, type SyncedTable } from '../src/domain/tables.js';
import type { LocalStore } from '../src/local/local-store.js';

/**
 * Reproducible benchmark data: one user with a realistic mix of rows (a few categories, goals and budgets,
 * then expenses, income and goal contributions), made from a fixed-seed PRNG. The same seed and size give
 * the same rows, byte for byte (only the device id in the clocks differs per device).
 */

export const BENCH_SEED = 20261120;
export const BENCH_USER = 'bench';
export const BENCH_USER_ID = userIdFor(BENCH_USER);

/** Clocks of the generated rows start here (in the past, so no clock is ever "ahead"). */
const BASE_MILLIS = Date.parse('2026-01-01T00:00:00.000Z');
const WORDS = [
  'groceries',
  'rent',
  'coffee',
  'train',
  'cinema',
  'books',
  'pharmacy',
  'lunch',
  'fuel',
  'gym',
  'gift',
  'phone',
  'internet',
  'bakery',
  'market',
  'taxi',
  'museum',
  'shoes',
  'repair',
  'insurance',
  'dinner',
];
const METHODS = ['card', 'cash', 'transfer', null];
const SOURCES = ['salary', 'freelance', 'refund', 'interest', null];
const STATUSES = ['uncleared', 'cleared', 'cleared', 'reconciled'];
const EXPENSE_CATEGORIES = 12;
const INCOME_CATEGORIES = 4;
const GOALS = 4;
const BUDGET_MONTHS = ['2026-01', '2026-02'];

export interface GeneratedRow {
  readonly table: SyncedTable;
  readonly id: string;
  readonly values: Record<string, FieldValue>;
  readonly hlc: string;
  readonly modifiedAt: string;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * The rows of a data set of `total` rows (every synced table together), parents first, ids increasing as
 * UUIDv7 ids made on one device would. `node` is the device id the clocks end with.
 */
export function* generateRows(total: number, node: string, seed = BENCH_SEED): Generator<GeneratedRow> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  let n = 0;
  const clockOf = () => {
    const millis = BASE_MILLIS + n * 7; // a few ms apart, strictly increasing
    n++;
    return {
      hlc: `${new Date(millis).toISOString()}-0000-${node}`,
      modifiedAt: new Date(millis).toISOString(),
      millis,
    };
  };
  const uuid7 = (millis: number) => {
    const r = () => Math.floor(rand() * 0x10000);
    const ms = hex(millis, 12);
    return (
      `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(r() & 0xfff, 3)}-` +
      `${hex(0x8000 | (r() & 0x3fff), 4)}-${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`
    );
  };
  const date = () => {
    const d = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 730) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const text = () => {
    const words = 1 + Math.floor(rand() * 4);
    return Array.from({ length: words }, () => pick(WORDS)).join(' ');
  };
  const userId = BENCH_USER_ID;
  const row = (table: SyncedTable, id: string | null, values: Record<string, FieldValue>): GeneratedRow => {
    const c = clockOf();
    return {
      table,
      id: id ?? uuid7(c.millis),
      values: { deleted: 0, ...values },
      hlc: c.hlc,
      modifiedAt: c.modifiedAt,
    };
  };

  const fixed: GeneratedRow[] = [];
  fixed.push(
    row('app_user', userId, {
      name: BENCH_USER,
      currency: 'EUR',
      locale: 'en-GB',
      password_hash: null,
      created_at: '2026-01-01T00:00:00.000Z',
    }),
  );
  // The user's first account, as the user's creation makes it: every expense and income is filed in it.
  const accountId = mainAccountId(userId);
  fixed.push(row('account', accountId, firstAccountValues(userId)));
  const expenseCats: string[] = [];
  const incomeCats: string[] = [];
  for (let i = 0; i < EXPENSE_CATEGORIES + INCOME_CATEGORIES; i++) {
    const kind = i < EXPENSE_CATEGORIES ? 'expense' : 'income';
    const name = `${kind}-category-${i}`;
    const id = categoryIdFor(userId, kind, name);
    (kind === 'expense' ? expenseCats : incomeCats).push(id);
    fixed.push(row('category', id, { user_id: userId, name, kind }));
  }
  const goals: string[] = [];
  for (let i = 0; i < GOALS; i++) {
    const r = row('savings_goal', null, {
      user_id: userId,
      name: `goal ${i}`,
      target_amount: 100_000 + Math.floor(rand() * 1_000_000),
      target_date: '2027-12-31',
      created_on: '2026-01-01',
    });
    goals.push(r.id);
    fixed.push(r);
  }
  for (const category of expenseCats) {
    for (const month of BUDGET_MONTHS) {
      fixed.push(
        row('budget', budgetIdFor(userId, category, month), {
          user_id: userId,
          category_id: category,
          month,
          limit_amount: 10_000 + Math.floor(rand() * 90_000),
          rollover: 0,
        }),
      );
    }
  }
  // Parents first, in the sync's table order.
  let left = total;
  for (const table of SYNCED_TABLES) {
    for (const r of fixed) {
      if (r.table !== table) continue;
      if (left <= 0) return;
      left--;
      yield r;
    }
  }
  // The bulk: 75% expenses, 20% income, 5% goal contributions, in id (time) order within each table.
  const bulk = left;
  const counts = { expense: Math.round(bulk * 0.75), income: Math.round(bulk * 0.2) };
  const split: [SyncedTable, number][] = [
    ['expense', counts.expense],
    ['income', counts.income],
    ['goal_contribution', bulk - counts.expense - counts.income],
  ];
  for (const [table, count] of split) {
    for (let i = 0; i < count; i++) {
      if (table === 'expense') {
        yield row('expense', null, {
          user_id: userId,
          category_id: pick(expenseCats),
          amount: 100 + Math.floor(rand() * 49_900),
          expense_date: date(),
          payment_method: pick(METHODS),
          description: text(),
          account_id: accountId,
          status: pick(STATUSES),
        });
      } else if (table === 'income') {
        yield row('income', null, {
          user_id: userId,
          category_id: pick(incomeCats),
          amount: 10_000 + Math.floor(rand() * 490_000),
          income_date: date(),
          source: pick(SOURCES),
          description: text(),
          account_id: accountId,
          status: pick(STATUSES),
        });
      } else {
        yield row('goal_contribution', null, {
          user_id: userId,
          goal_id: pick(goals),
          amount: 1_000 + Math.floor(rand() * 20_000),
          contributed_on: date(),
          description: text(),
        });
      }
    }
  }
}

/** Column list and parameters of a local INSERT of a generated row, as a device that made it would hold it. */
function localInsert(table: SyncedTable): string {
  const fields = TABLES[table].fields.map((f) => f.name);
  const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'is_synced'];
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

export function localParams(r: GeneratedRow): FieldValue[] {
  const fields = TABLES[r.table].fields.map((f) => f.name);
  const clock: Record<string, string> = {};
  for (const f of fields) clock[f] = r.hlc;
  return [r.id, ...fields.map((f) => r.values[f] ?? null), r.hlc, JSON.stringify(clock), r.modifiedAt, 0];
}

/**
 * Fill a device with `total` new (unsynced) rows of the bench user, as if made on it: bulk-loaded in a few
 * transactions (the data set is the input, not what is measured). Returns the rows per table.
 */
export function loadDevice(store: LocalStore, total: number): Record<SyncedTable, number> {
  const counts = Object.fromEntries(SYNCED_TABLES.map((t) => [t, 0])) as Record<SyncedTable, number>;
  const stmts = Object.fromEntries(SYNCED_TABLES.map((t) => [t, store.db.prepare(localInsert(t))]));
  let inTx = 0;
  store.db.exec('BEGIN');
  for (const r of generateRows(total, store.deviceId)) {
    stmts[r.table]?.run(...localParams(r));
    counts[r.table]++;
    if (++inTx === 50_000) {
      store.db.exec('COMMIT');
      store.db.exec('BEGIN');
      inTx = 0;
    }
  }
  store.db.exec('COMMIT');
  return counts;
}
