import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { USER, USER_ID } from './test-user.js';
import { between, pick } from '../../src/domain/seeded-random.js';
import { SYNCED_TABLES, TABLES, ownerColumn, type SyncedTable } from '../../src/domain/tables.js';
import type { LocalStore } from '../../src/local/local-store.js';
import { centralSnapshot, type Device } from './devices.js';

/** Shared pieces of the fault tests: snapshots and a workload. */

// --- snapshots ---

export type Snapshot = Record<SyncedTable, Record<string, unknown>[]>;

/** Every synced row of a user on one device (id, fields, clock), like Device.snapshot. */
export function storeSnapshot(store: LocalStore, userName: string): Snapshot {
  const userId = userIdFor(userName);
  const out = {} as Snapshot;
  for (const table of SYNCED_TABLES) {
    const owner = ownerColumn(table);
    const cols = ['id', ...TABLES[table].fields.map((f) => f.name), 'clock'];
    out[table] = store.db
      .prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE ${owner} = ? ORDER BY id`)
      .all(userId) as Record<string, unknown>[];
    for (const row of out[table]) row.clock = JSON.parse(String(row.clock)) as unknown;
  }
  return out;
}

/** The central rows of a user in the same shape. */
export async function centralRows(central: CentralStore, userName: string): Promise<Snapshot> {
  return (await centralSnapshot(central, userName)) as Snapshot;
}

function canonical(row: Record<string, unknown>): string {
  const { clock, ...rest } = row;
  const keys = Object.keys(rest).sort();
  const c = clock as Record<string, string>;
  return JSON.stringify([
    keys.map((k) => [k, rest[k]]),
    Object.keys(c)
      .sort()
      .map((k) => [k, c[k]]),
  ]);
}

/** null when both snapshots hold the same rows (fields and clocks), else a short description of how they differ. */
export function snapshotDiff(a: Snapshot, b: Snapshot, nameA: string, nameB: string): string | null {
  const problems: string[] = [];
  for (const table of SYNCED_TABLES) {
    const left = new Map(a[table].map((r) => [String(r.id), canonical(r)]));
    const right = new Map(b[table].map((r) => [String(r.id), canonical(r)]));
    const onlyLeft = [...left.keys()].filter((id) => !right.has(id));
    const onlyRight = [...right.keys()].filter((id) => !left.has(id));
    const differ = [...left.keys()].filter((id) => right.has(id) && left.get(id) !== right.get(id));
    if (onlyLeft.length + onlyRight.length + differ.length === 0) continue;
    const sample = differ[0];
    problems.push(
      `${table}: ${onlyLeft.length} only on ${nameA} (${onlyLeft.slice(0, 2).join(', ')}), ` +
        `${onlyRight.length} only on ${nameB} (${onlyRight.slice(0, 2).join(', ')}), ${differ.length} differ` +
        (sample ? ` (e.g. ${nameA} ${left.get(sample)} vs ${nameB} ${right.get(sample)})` : ''),
    );
  }
  return problems.length === 0 ? null : problems.join('\n');
}

/** null when the central ids of each table are exactly the expected ones with no duplicate, else why not. */
export function idsDiff(
  snapshot: Snapshot,
  expected: Readonly<Record<SyncedTable, Set<string>>>,
): string | null {
  const problems: string[] = [];
  for (const table of SYNCED_TABLES) {
    const ids = snapshot[table].map((r) => String(r.id));
    const set = new Set(ids);
    const want = expected[table];
    const missing = [...want].filter((id) => !set.has(id));
    const extra = [...set].filter((id) => !want.has(id));
    if (ids.length !== set.size || missing.length > 0 || extra.length > 0) {
      problems.push(
        `${table}: ${ids.length} rows, ${set.size} distinct ids, ${want.size} expected; ` +
          `missing ${missing.slice(0, 3).join(', ') || 'none'}${missing.length > 3 ? ` (+${missing.length - 3})` : ''}; ` +
          `unexpected ${extra.slice(0, 3).join(', ') || 'none'}`,
      );
    }
  }
  return problems.length === 0 ? null : problems.join('\n');
}

// --- a workload: each device creates, edits and deletes its own rows ---

export { USER, USER_ID };

const EXPENSE_CATEGORIES = ['Food', 'Housing', 'Transport', 'Utilities', 'Health', 'Entertainment'];
const INCOME_CATEGORIES = ['Salary', 'Freelance', 'Investments'];

export interface ChangeMix {
  readonly expenses: number;
  readonly incomes: number;
  readonly edits: number;
  readonly deletes: number;
  readonly contributions: number;
  /** New categories (each a new row with a natural id). */
  readonly categories?: number;
}

/** Changes made: total rows written (creates, edits and deletes). */
export interface Changes {
  readonly created: number;
  readonly edited: number;
  readonly deleted: number;
}

/**
 * Tracks every row id each device created, so a test knows exactly which ids the central store must hold.
 * A device edits and deletes only rows it created itself: no two devices change the same field, so a sync
 * that reports a conflict here reports a false one.
 */
export class Workload {
  readonly expected = Object.fromEntries(SYNCED_TABLES.map((t) => [t, new Set<string>()])) as Record<
    SyncedTable,
    Set<string>
  >;
  private readonly live = new Map<string, { table: 'expense' | 'income'; id: string }[]>();
  private readonly goals = new Map<string, string>();
  private categoryNo = 0;

  constructor(private readonly random: () => number) {}

  /** The user, created on its first device (with its default categories). */
  createUser(device: Device): void {
    device.users.create({ name: USER, currency: 'EUR', locale: 'en-IE' });
    this.expected.app_user.add(USER_ID);
    for (const c of device.categories.list(USER_ID, undefined, true)) this.expected.category.add(c.id);
    for (const a of device.accounts.list(USER_ID, { includeArchived: true })) this.expected.account.add(a.id);
  }

  /** Apply a mix of changes on one device in one local transaction. */
  change(device: Device, mix: ChangeMix): Changes {
    const rnd = this.random;
    const mine = this.live.get(device.name) ?? [];
    this.live.set(device.name, mine);
    let created = 0;
    let edited = 0;
    let deleted = 0;
    device.store.transaction(() => {
      let goal = this.goals.get(device.name);
      if (goal === undefined) {
        goal = device.goals.create(USER_ID, { name: `Goal of ${device.name}`, target: 500_000 }).id;
        this.goals.set(device.name, goal);
        this.expected.savings_goal.add(goal);
        created++;
      }
      for (let i = 0; i < (mix.categories ?? 0); i++) {
        const c = device.categories.create(USER_ID, `Cat ${device.name} ${++this.categoryNo}`, 'expense');
        this.expected.category.add(c.id);
        created++;
      }
      const day = () =>
        `2026-${String(between(rnd, 1, 11)).padStart(2, '0')}-${String(between(rnd, 1, 28)).padStart(2, '0')}`;
      for (let i = 0; i < mix.expenses; i++) {
        const e = device.expenses.create(USER_ID, {
          categoryId: device.categoryId(USER, pick(rnd, EXPENSE_CATEGORIES)),
          amount: between(rnd, 1, 50_000),
          date: day(),
          extra: pick(rnd, ['card', 'cash', null]),
          note: `e${i} on ${device.name}`,
        });
        this.expected.expense.add(e.id);
        mine.push({ table: 'expense', id: e.id });
        created++;
      }
      for (let i = 0; i < mix.incomes; i++) {
        const e = device.income.create(USER_ID, {
          categoryId: device.categoryId(USER, pick(rnd, INCOME_CATEGORIES), 'income'),
          amount: between(rnd, 1, 500_000),
          date: day(),
          extra: 'employer',
          note: `i${i} on ${device.name}`,
        });
        this.expected.income.add(e.id);
        mine.push({ table: 'income', id: e.id });
        created++;
      }
      for (let i = 0; i < mix.contributions; i++) {
        const c = device.goals.contribute(USER_ID, goal, between(rnd, 100, 10_000), day());
        this.expected.goal_contribution.add(c.id);
        created++;
      }
      for (let i = 0; i < mix.edits && mine.length > 0; i++) {
        const row = pick(rnd, mine);
        const repo = row.table === 'expense' ? device.expenses : device.income;
        repo.edit(USER_ID, row.id, { amount: between(rnd, 1, 90_000), note: `edited ${i}` });
        edited++;
      }
      for (let i = 0; i < mix.deletes && mine.length > 0; i++) {
        const at = Math.floor(rnd() * mine.length);
        const [row] = mine.splice(at, 1);
        if (!row) continue;
        (row.table === 'expense' ? device.expenses : device.income).delete(USER_ID, row.id);
        deleted++;
      }
    });
    return { created, edited, deleted };
  }
}

/** Rows of a user waiting to be pushed on one device (is_synced = 0), over every synced table. */
export function dirtyRows(store: LocalStore, userName = USER): number {
  const userId = userIdFor(userName);
  return SYNCED_TABLES.reduce((n, t) => {
    const owner = ownerColumn(t);
    const row = store.db
      .prepare(`SELECT count(*) AS n FROM ${t} WHERE ${owner} = ? AND is_synced = 0`)
      .get(userId) as {
      n: number;
    };
    return n + row.n;
  }, 0);
}
