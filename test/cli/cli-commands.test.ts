import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA_TABLES } from '../../src/domain/tables.js';
import { runCli, pfmProcess, tempDataDir } from '../support/cli-runner.js';

let data: { dir: string; dispose: () => void };
beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => data.dispose());

const pfm = (...args: string[]) => runCli(['--data', data.dir, ...args]);
const pfmJson = async <T>(...args: string[]): Promise<T> => {
  const r = await runCli(['--data', data.dir, '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

function rowCounts(dir: string): Record<string, number> {
  const db = new Database(join(dir, 'pfm.db'), { readonly: true });
  try {
    return Object.fromEntries(
      DATA_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

describe('pfm demo and reports', () => {
  it('demo makes six users and at least 1,350 records, and prints their password', async () => {
    const r = await pfmJson<{ users: number; total: number; userNames: string[]; password: string }>('demo');
    expect(r.users).toBe(6);
    expect(r.total).toBeGreaterThanOrEqual(1350);
    const counts = rowCounts(data.dir);
    for (const table of DATA_TABLES) expect(counts[table], table).toBeGreaterThan(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(r.total);
    const listed = await pfmJson<{ name: string }[]>('user', 'list');
    expect(listed.map((u) => u.name).sort()).toEqual([...r.userNames].sort());
    expect(r.password.length).toBeGreaterThanOrEqual(8);
  });

  it('the monthly report equals figures recomputed independently from the rows', async () => {
    await pfmJson('demo');
    for (const name of ['alice', 'emi']) {
      const report = await pfmJson<{
        income: number;
        expenses: number;
        net: number;
        savingsRate: number | null;
      }>('report', 'monthly', '--user', name, '--month', '2026-10');
      const db = new Database(join(data.dir, 'pfm.db'), { readonly: true });
      const user = db.prepare('SELECT id FROM app_user WHERE name = ?').get(name) as { id: string };
      const rows = (table: string, column: string) =>
        db.prepare(`SELECT amount, ${column} AS d, deleted FROM ${table} WHERE user_id = ?`).all(user.id) as {
          amount: number;
          d: string;
          deleted: number;
        }[];
      const sum = (list: { amount: number; d: string; deleted: number }[]) =>
        list.filter((r) => r.deleted === 0 && r.d.startsWith('2026-10')).reduce((a, r) => a + r.amount, 0);
      const income = sum(rows('income', 'income_date'));
      const expenses = sum(rows('expense', 'expense_date'));
      db.close();
      expect(income).toBeGreaterThan(0);
      expect(report.income).toBe(income);
      expect(report.expenses).toBe(expenses);
      expect(report.net).toBe(income - expenses);
      expect(report.savingsRate).toBeCloseTo((100 * (income - expenses)) / income, 1);
    }
  });

  it('demo --if-missing leaves existing demo data alone', async () => {
    await pfmJson('demo');
    const before = rowCounts(data.dir);
    const again = await pfmJson<{ created: boolean }>('demo', '--if-missing');
    expect(again.created).toBe(false);
    expect(rowCounts(data.dir)).toEqual(before);
  });

  it('every report prints as a table for people', async () => {
    await pfmJson('demo');
    for (const name of ['monthly', 'categories', 'budgets', 'goals', 'trend']) {
      const r = await pfm('report', name, '--user', 'bob');
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout.split('\n').length).toBeGreaterThan(2);
    }
  });
});

describe('pfm expense and income', () => {
  beforeEach(async () => {
    await pfmJson('user', 'add', 'Zoe', '--currency', 'EUR');
  });

  it('adds, lists, edits and deletes an expense', async () => {
    const added = await pfmJson<{ id: string; amount: number; categoryName: string }>(
      'expense',
      'add',
      '--user',
      'zoe',
      '--amount',
      '12.50',
      '--category',
      'food',
      '--date',
      '2026-11-01',
      '--method',
      'card',
      '--note',
      "'); DROP TABLE expense;--",
    );
    expect(added.amount).toBe(1250);
    expect(added.categoryName).toBe('Food');
    const edited = await pfmJson<{ amount: number; categoryName: string }>(
      'expense',
      'edit',
      added.id,
      '--amount',
      '13',
      '--category',
      'Transport',
    );
    expect(edited).toMatchObject({ amount: 1300, categoryName: 'Transport' });
    const list = await pfmJson<{ items: { id: string; note: string }[]; total: number }>(
      'expense',
      'list',
      '--user',
      'zoe',
    );
    expect(list.total).toBe(1);
    expect(list.items[0]?.note).toBe("'); DROP TABLE expense;--");
    expect((await pfm('expense', 'delete', added.id)).code).toBe(0);
    expect((await pfmJson<{ total: number }>('expense', 'list', '--user', 'zoe')).total).toBe(0);
  });

  it('reads a grouped amount only with a locale', async () => {
    const refused = await pfm(
      'income',
      'add',
      '--user',
      'zoe',
      '--amount',
      '1.234,50',
      '--category',
      'Salary',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ambiguous|locale/);
    const added = await pfmJson<{ amount: number; source: string }>(
      '--locale',
      'de-DE',
      'income',
      'add',
      '--user',
      'zoe',
      '--amount',
      '1.234,50',
      '--category',
      'Salary',
      '--source',
      'Employer',
    );
    expect(added).toMatchObject({ amount: 123450, source: 'Employer' });
  });

  it('sets a budget, a goal and a contribution, and the reports show them', async () => {
    await pfmJson(
      'budget',
      'set',
      '--user',
      'zoe',
      '--category',
      'Food',
      '--month',
      '2026-11',
      '--limit',
      '100',
    );
    await pfmJson(
      'expense',
      'add',
      '--user',
      'zoe',
      '--amount',
      '120',
      '--category',
      'Food',
      '--date',
      '2026-11-03',
    );
    const budgets = await pfmJson<{ budgets: { spent: number; status: string }[] }>(
      'report',
      'budgets',
      '--user',
      'zoe',
      '--month',
      '2026-11',
    );
    expect(budgets.budgets).toEqual([expect.objectContaining({ spent: 12000, status: 'over' })]);
    const goal = await pfmJson<{ id: string }>(
      'goal',
      'add',
      '--user',
      'zoe',
      '--name',
      'Bike',
      '--target',
      '500',
    );
    const after = await pfmJson<{ goal: { saved: number } }>('goal', 'contribute', goal.id, '--amount', '50');
    expect(after.goal.saved).toBe(5000);
  });

  it("copies a month's budgets to another, keeping a limit already set there", async () => {
    const set = (category: string, month: string, limit: string) =>
      pfmJson('budget', 'set', '--user', 'zoe', '--category', category, '--month', month, '--limit', limit);
    await set('Food', '2026-11', '100');
    await set('Transport', '2026-11', '40');
    await set('Transport', '2026-12', '55');
    const copy = (to: string) =>
      pfmJson<{ budgets: { categoryName: string; month: string; limit: number }[] }>(
        'budget',
        'copy',
        '--user',
        'zoe',
        '--from',
        '2026-11',
        '--to',
        to,
      );
    expect((await copy('2026-12')).budgets).toEqual([
      expect.objectContaining({ categoryName: 'Food', month: '2026-12', limit: 10000 }),
    ]);
    expect((await copy('2026-12')).budgets).toEqual([]);
    const list = await pfmJson<{ budgets: { categoryName: string; limit: number }[] }>(
      'budget',
      'list',
      '--user',
      'zoe',
      '--month',
      '2026-12',
    );
    expect(list.budgets.map((b) => [b.categoryName, b.limit])).toEqual([
      ['Food', 10000],
      ['Transport', 5500],
    ]);
    const text = await pfm('budget', 'copy', '--user', 'zoe', '--from', '2026-11', '--to', '2027-01');
    expect(text.stdout).toBe('Copied 2 budgets from 2026-11 to 2027-01\n');
    const same = await pfm('budget', 'copy', '--user', 'zoe', '--from', '2026-11', '--to', '2026-11');
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/another month/);
  });

  it('turns rollover on and off, and the budgets report shows what was carried and is available', async () => {
    const set = (month: string, ...flags: string[]) =>
      pfm(
        'budget',
        'set',
        '--user',
        'zoe',
        '--category',
        'Food',
        '--month',
        month,
        '--limit',
        '100',
        ...flags,
      );
    let out = await set('2026-10', '--rollover');
    expect(out.stdout).toBe('Budget for Food in 2026-10: €100.00, rolls over into the next month\n');
    await set('2026-11');
    await pfm(
      'expense',
      'add',
      '--user',
      'zoe',
      '--amount',
      '88',
      '--category',
      'Food',
      '--date',
      '2026-10-03',
    );
    const report = (month: string) =>
      pfmJson<{ budgets: { carried: number; available: number; rollover: boolean }[] }>(
        'report',
        'budgets',
        '--user',
        'zoe',
        '--month',
        month,
      );
    expect((await report('2026-11')).budgets).toEqual([
      expect.objectContaining({ carried: 1200, available: 11200, rollover: false }),
    ]);
    const text = await pfm('report', 'budgets', '--user', 'zoe', '--month', '2026-11');
    expect(text.stdout).toMatch(/carried.*available/);
    expect(text.stdout).toMatch(/Food\s+€100\.00\s+€12\.00\s+€0\.00\s+€100\.00\s+€112\.00/);
    const list = await pfm('budget', 'list', '--user', 'zoe');
    expect(list.stdout).toMatch(/2026-10\s+Food\s+€100\.00\s+on/);
    out = await set('2026-10', '--no-rollover');
    expect(out.stdout).toBe('Budget for Food in 2026-10: €100.00\n');
    expect((await report('2026-11')).budgets[0]).toMatchObject({ carried: 0, available: 10000 });
    const bad = await set('2026-13', '--rollover');
    expect(bad.code).toBe(2);
  });
});

describe('pfm --version and --help', () => {
  it('prints the package version and the commands, exit 0', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/sync/);
    expect(help.stdout).toMatch(/--version/);
  });
});

describe('bad command lines', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'unknown user',
      ['expense', 'add', '--user', 'nobody', '--amount', '3', '--category', 'Food'],
      /no user named "nobody"/,
    ],
    [
      'negative amount',
      ['expense', 'add', '--user', 'zoe', '--amount', '-3', '--category', 'Food'],
      /greater than zero/,
    ],
    [
      'impossible date',
      ['expense', 'add', '--user', 'zoe', '--amount', '3', '--category', 'Food', '--date', '2026-02-30'],
      /not a real date/,
    ],
    [
      'over-precise amount',
      ['expense', 'add', '--user', 'zoe', '--amount', '3.333', '--category', 'Food'],
      /decimals/,
    ],
    [
      'unknown category',
      ['expense', 'add', '--user', 'zoe', '--amount', '3', '--category', 'Yachts'],
      /no expense category "Yachts"/,
    ],
    ['unknown currency', ['user', 'add', 'Yan', '--currency', 'XYZ'], /ISO 4217/],
    ['missing option', ['expense', 'add', '--user', 'zoe'], /required option/],
    ['unknown command', ['frobnicate'], /unknown command/],
    ['unknown report', ['report', 'weekly', '--user', 'zoe'], /unknown report "weekly"/],
    ['bad limit', ['expense', 'list', '--user', 'zoe', '--limit', 'lots'], /limit must be a number/],
  ];

  it.each(cases)('%s: exits 2 with one clear line and writes nothing', async (_name, args, message) => {
    await pfmJson('user', 'add', 'Zoe');
    const before = rowCounts(data.dir);
    const r = await pfm(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(rowCounts(data.dir)).toEqual(before);
  });
});

describe('the pfm process', () => {
  it('demo then --json report monthly, as separate processes', () => {
    const demo = pfmProcess(['--data', data.dir, 'demo']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/password is: \S+/);
    const report = pfmProcess(['--data', data.dir, '--json', 'report', 'monthly', '--user', 'carol']);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ currency: 'GBP' });
  });

  it('`pfm expense add --user nobody --amount -3` exits 2 with one line and creates no user', () => {
    const r = pfmProcess([
      '--data',
      data.dir,
      'expense',
      'add',
      '--user',
      'nobody',
      '--amount',
      '-3',
      '--category',
      'Food',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(Object.values(rowCounts(data.dir)).every((n) => n === 0)).toBe(true);
  });
});
