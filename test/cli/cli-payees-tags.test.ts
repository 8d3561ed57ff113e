import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOn, tempDataDir } from '../support/cli-runner.js';

let data: { dir: string; dispose: () => void };
beforeEach(async () => {
  data = tempDataDir();
  await pfmJson('user', 'add', 'zoe', '--currency', 'EUR');
});
afterEach(() => data.dispose());

const { pfm, pfmJson } = cliOn(() => data.dir);

interface Row {
  id: string;
  amount: number;
  payee: string | null;
  tags: string[];
}

const addFood = (...args: string[]) =>
  pfmJson<Row>(
    'expense',
    'add',
    '--user',
    'zoe',
    '--amount',
    '5',
    '--category',
    'Food',
    '--date',
    '2026-11-03',
    ...args,
  );

describe('pfm expense and income with payees and tags', () => {
  it('adds with --payee, repeated --tag and --tags, and lists them in columns', async () => {
    const row = await addFood('--payee', 'Corner Shop', '--tag', 'kids', '--tags', 'holiday, Work');
    expect(row).toMatchObject({ payee: 'Corner Shop', tags: ['holiday', 'kids', 'Work'] });
    const income = await pfmJson<Row>(
      'income',
      'add',
      '--user',
      'zoe',
      '--amount',
      '100',
      '--category',
      'Salary',
      '--date',
      '2026-11-01',
      '--payee',
      'ACME',
      '--tags',
      'work',
    );
    expect(income).toMatchObject({ payee: 'ACME', tags: ['work'] });
    const list = await pfm('expense', 'list', '--user', 'zoe');
    expect(list.code).toBe(0);
    const [header, , line] = list.stdout.split('\n');
    expect(header).toMatch(/payee .*tags/);
    expect(line).toContain('Corner Shop');
    expect(line).toContain('holiday, kids, Work');
  });

  it('edit replaces the tags, --tags "" clears them and --no-payee clears the payee', async () => {
    const row = await addFood('--payee', 'Bakery', '--tag', 'a', '--tag', 'b');
    let edited = await pfmJson<Row>('expense', 'edit', row.id, '--tag', 'c');
    expect(edited).toMatchObject({ payee: 'Bakery', tags: ['c'] });
    edited = await pfmJson<Row>('expense', 'edit', row.id, '--note', 'bread');
    expect(edited).toMatchObject({ payee: 'Bakery', tags: ['c'] });
    edited = await pfmJson<Row>('expense', 'edit', row.id, '--payee', 'Baker', '--tags', '');
    expect(edited).toMatchObject({ payee: 'Baker', tags: [] });
    edited = await pfmJson<Row>('expense', 'edit', row.id, '--no-payee');
    expect(edited).toMatchObject({ payee: null, tags: [] });
  });

  it('filters the list by --tag and --payee', async () => {
    await addFood('--payee', 'Fuel Stop', '--tag', 'Road trip');
    await addFood('--payee', 'Bakery', '--tag', 'road trip');
    await addFood('--payee', 'fuel stop');
    const byTag = await pfmJson<{ items: Row[] }>('expense', 'list', '--user', 'zoe', '--tag', 'ROAD TRIP');
    expect(byTag.items.map((r) => r.payee).sort()).toEqual(['Bakery', 'Fuel Stop']);
    const byPayee = await pfmJson<{ items: Row[] }>(
      'expense',
      'list',
      '--user',
      'zoe',
      '--payee',
      'FUEL STOP',
    );
    expect(byPayee.items).toHaveLength(2);
    const both = await pfmJson<{ items: Row[] }>(
      'expense',
      'list',
      '--user',
      'zoe',
      '--payee',
      'fuel stop',
      '--tag',
      'road trip',
    );
    expect(both.items.map((r) => r.tags)).toEqual([['Road trip']]);
  });

  it.each([[['--tag', '']], [['--tag', 'a,b']], [['--tag', 'x'.repeat(41)]], [['--payee', 'x'.repeat(121)]]])(
    'refuses %j with exit 2 and writes nothing',
    async (args) => {
      const r = await pfm('expense', 'add', '--user', 'zoe', '--amount', '5', '--category', 'Food', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/tag|payee/);
      const row = await addFood();
      const edit = await pfm('expense', 'edit', row.id, ...args);
      expect(edit.code).toBe(2);
      const list = await pfmJson<{ items: Row[] }>('expense', 'list', '--user', 'zoe');
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ payee: null, tags: [] });
    },
  );

  it('reports by tag from this device and from the central store', async () => {
    await addFood('--tags', 'holiday, kids');
    await addFood('--tag', 'holiday');
    await pfmJson(
      'income',
      'add',
      '--user',
      'zoe',
      '--amount',
      '20',
      '--category',
      'Salary',
      '--date',
      '2026-11-02',
      '--tag',
      'kids',
    );
    const report = await pfmJson<{ tags: unknown[] }>(
      'report',
      'tags',
      '--user',
      'zoe',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
    );
    expect(report.tags).toEqual([
      { tag: 'holiday', expenses: 1000, income: 0, count: 2 },
      { tag: 'kids', expenses: 500, income: 2000, count: 2 },
    ]);
    const text = await pfm('report', 'tags', '--user', 'zoe', '--month', '2026-11');
    expect(text.stdout).toContain('By tag 2026-11-01 to 2026-11-30');
    expect(text.stdout).toMatch(/holiday\s+€10\.00\s+€0\.00\s+2/);
    const central = `sqlite:${join(data.dir, 'central.db')}`;
    expect((await pfm('--central', central, 'sync', '--user', 'zoe')).code).toBe(0);
    const fromCentral = await pfmJson<{ tags: unknown[] }>(
      '--central',
      central,
      'report',
      'tags',
      '--user',
      'zoe',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--central',
    );
    expect(fromCentral).toEqual(report);
    const bad = await pfm('report', 'tags', '--user', 'zoe', '--from', '2026-11-10', '--to', '2026-11-01');
    expect(bad.code).toBe(2);
  });
});
