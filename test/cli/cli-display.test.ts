import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-database.js';
import { runCli, tempDataDir } from '../support/cli-runner.js';

/** What `conflicts list`, `budget list` and `report budgets` show a person (in-process, real PostgreSQL). */

let db: TestDatabase;
let data: ReturnType<typeof tempDataDir>;
beforeAll(async () => {
  db = await createTestDatabase('cli_display');
  data = tempDataDir();
});
afterAll(async () => {
  data.dispose();
  await db.drop();
});

// Each command a second after the previous one, as a person at two machines.
let clock = Date.parse('2026-11-20T12:00:00Z');
const on = (device: string, ...args: string[]) =>
  runCli(['--data', join(data.dir, device), '--central', db.url, ...args], {
    now: new Date((clock += 1000)),
  });
const json = async <T>(device: string, ...args: string[]): Promise<T> => {
  const r = await on(device, '--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};
const expense = (device: string, amount: string, date: string, note: string) =>
  json<{ id: string }>(
    device,
    'expense',
    'add',
    '--user',
    'Rio',
    '--amount',
    amount,
    '--category',
    'Food',
    '--date',
    date,
    '--note',
    note,
  );
const syncBoth = async () => {
  for (const device of ['a', 'b', 'a']) await json(device, 'sync', '--user', 'Rio');
};

describe('conflicts list', { timeout: 60_000 }, () => {
  it('shows money in the user currency, plain text, which row, and the edit a delete won over', async () => {
    await json('a', 'user', 'add', 'Rio', '--currency', 'EUR');
    const lunch = await expense('a', '10', '2026-11-05', 'Lunch');
    const dinner = await expense('a', '30', '2026-11-06', 'Dinner');
    await syncBoth();
    await json('a', 'expense', 'edit', lunch.id, '--amount', '12.50');
    await json('b', 'expense', 'edit', lunch.id, '--amount', '15');
    await json('a', 'expense', 'delete', dinner.id);
    await json('b', 'expense', 'edit', dinner.id, '--note', 'Dinner with Sam');
    await syncBoth();

    const list = await on('b', 'conflicts', 'list', '--user', 'Rio');
    expect(list.code, list.stderr).toBe(0);
    const rows = list.stdout.split('\n');
    const amount = rows.find((l) => / amount /.test(l)) ?? '';
    expect(amount).toContain('expense 2026-11-05 Lunch');
    expect(amount).toMatch(/€15\.00 +€12\.50/);
    const deleted = rows.find((l) => / deleted /.test(l)) ?? '';
    expect(deleted).toContain('expense 2026-11-06 Dinner with Sam');
    expect(deleted).toMatch(/ deleted +edit: description Dinner with Sam /);
    expect(list.stdout).not.toContain('"');

    // --json stays raw: minor units and the stored values.
    const raw = await json<{ field: string; keptValue: unknown; lostValue: unknown }[]>(
      'b',
      'conflicts',
      'list',
      '--user',
      'Rio',
    );
    expect(raw).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'amount', keptValue: 1500, lostValue: 1250 }),
        expect.objectContaining({ field: 'deleted', keptValue: 1, lostValue: 0 }),
      ]),
    );
  });
});

describe('conflicts over a split', { timeout: 60_000 }, () => {
  it('shows each side as its parts, by category name and in money', async () => {
    await json('s', 'user', 'add', 'Sol', '--currency', 'EUR');
    for (const device of ['s', 't']) await json(device, 'sync', '--user', 'Sol');
    const made = await json<{ id: string }>(
      's',
      'expense',
      'add',
      '--user',
      'Sol',
      '--amount',
      '20',
      '--date',
      '2026-11-07',
      '--split',
      'Food=15',
      '--split',
      'Shopping=5',
    );
    for (const device of ['s', 't']) await json(device, 'sync', '--user', 'Sol');
    await json('s', 'expense', 'edit', made.id, '--split', 'Food=10', '--split', 'Shopping=10');
    await json('t', 'expense', 'edit', made.id, '--split', 'Food=18', '--split', 'Health=2');
    for (const device of ['s', 't', 's']) await json(device, 'sync', '--user', 'Sol');
    const list = await on('t', 'conflicts', 'list', '--user', 'Sol');
    expect(list.code, list.stderr).toBe(0);
    const row = list.stdout.split('\n').find((l) => / splits /.test(l)) ?? '';
    expect(row).toMatch(/Food €18\.00 \+ Health €2\.00 +Food €10\.00 \+ Shopping €10\.00/);
    expect(list.stdout).not.toContain('category_id');
  });
});

describe('budgets of a deleted category', () => {
  it('are marked (deleted) in budget list and report budgets', async () => {
    await json('c', 'user', 'add', 'Bo', '--currency', 'EUR');
    await json(
      'c',
      'budget',
      'set',
      '--user',
      'Bo',
      '--category',
      'Food',
      '--month',
      '2026-11',
      '--limit',
      '100',
    );
    const categories = await json<{ id: string; name: string }[]>('c', 'category', 'list', '--user', 'Bo');
    const food = categories.find((c) => c.name === 'Food');
    await json('c', 'category', 'delete', food?.id ?? '', '--user', 'Bo');

    // This device's own report (a global --central would ask the central store).
    const local = (...args: string[]) => runCli(['--data', join(data.dir, 'c'), ...args]);
    const list = await local('budget', 'list', '--user', 'Bo');
    expect(list.stdout).toMatch(/2026-11 +Food \(deleted\) +€100\.00/);
    const report = await local('report', 'budgets', '--user', 'Bo', '--month', '2026-11');
    expect(report.stdout).toMatch(/Food \(deleted\) +€100\.00/);
  });
});
