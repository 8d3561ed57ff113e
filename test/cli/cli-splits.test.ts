import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli-runner.js';

interface Part {
  categoryName: string;
  amount: number;
  note: string;
}
interface Event {
  id: string;
  amount: number;
  categoryName: string;
  splits: Part[] | null;
}

let data: { dir: string; dispose: () => void };
beforeEach(async () => {
  data = tempDataDir();
  await pfmJson('user', 'add', 'Zoe', '--currency', 'EUR');
});
afterEach(() => data.dispose());

const pfm = (...args: string[]) => runCli(['--data', data.dir, ...args]);
async function pfmJson<T>(...args: string[]): Promise<T> {
  const r = await runCli(['--data', data.dir, '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const addSplit = () =>
  pfmJson<Event>(
    'expense',
    'add',
    '--user',
    'zoe',
    '--amount',
    '20',
    '--date',
    '2026-11-01',
    '--split',
    'Food=12.50',
    '--split',
    'Transport=7.50:bus: there and back',
  );

describe('pfm expense --split', () => {
  it('adds a split expense without --category; list shows "Split (2)", show and --json give the parts', async () => {
    const added = await addSplit();
    expect(added).toMatchObject({ amount: 2000, categoryName: 'Food' });
    expect(added.splits).toMatchObject([
      { categoryName: 'Food', amount: 1250, note: '' },
      { categoryName: 'Transport', amount: 750, note: 'bus: there and back' },
    ]);

    const list = await pfm('expense', 'list', '--user', 'zoe');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Split \(2\)/);
    const json = await pfmJson<{ items: Event[] }>('expense', 'list', '--user', 'zoe');
    expect(json.items[0]?.splits).toHaveLength(2);

    const shown = await pfm('expense', 'show', added.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Split \(2\)/);
    expect(shown.stdout).toMatch(/Transport\s+€7\.50\s+bus: there and back/);
    expect((await pfmJson<Event>('expense', 'show', added.id)).splits).toEqual(added.splits);
  });

  it('edit replaces the parts (with a new amount), and --no-split removes them', async () => {
    const added = await addSplit();
    const edited = await pfmJson<Event>(
      'expense',
      'edit',
      added.id,
      '--amount',
      '30',
      '--split',
      'Transport=10',
      '--split',
      'Food=20',
    );
    expect(edited).toMatchObject({ amount: 3000, categoryName: 'Transport' });
    expect(edited.splits?.map((p) => [p.categoryName, p.amount])).toEqual([
      ['Transport', 1000],
      ['Food', 2000],
    ]);
    const unsplit = await pfmJson<Event>('expense', 'edit', added.id, '--no-split', '--category', 'Food');
    expect(unsplit).toMatchObject({ amount: 3000, categoryName: 'Food', splits: null });
  });

  it('works for income too', async () => {
    const added = await pfmJson<Event>(
      'income',
      'add',
      '--user',
      'zoe',
      '--amount',
      '100',
      '--split',
      'Salary=60',
      '--split',
      'Freelance=40',
    );
    expect(added.splits?.map((p) => p.categoryName)).toEqual(['Salary', 'Freelance']);
  });

  it.each([
    ['parts not adding up', ['--split', 'Food=12', '--split', 'Transport=7'], /add up/],
    ['one part', ['--split', 'Food=20'], /at least 2 parts/],
    ['a part without "="', ['--split', 'Food 20', '--split', 'Transport=0'], /CATEGORY=AMOUNT/],
    ['an unknown category', ['--split', 'Nope=10', '--split', 'Food=10'], /part 1 of the split: no expense/],
    ['a bad amount', ['--split', 'Food=ten', '--split', 'Transport=10'], /part 1 of the split/],
    ['neither --category nor --split', [], /category is required/],
  ])('refuses %s: exit 2, one message, nothing written', async (_what, extra, message) => {
    const r = await pfm('expense', 'add', '--user', 'zoe', '--amount', '20', ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await pfmJson<{ total: number }>('expense', 'list', '--user', 'zoe')).total).toBe(0);
  });

  it('refuses a new amount on a split expense without new parts', async () => {
    const added = await addSplit();
    const r = await pfm('expense', 'edit', added.id, '--amount', '25');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is split: give its parts again/);
    expect((await pfmJson<Event>('expense', 'show', added.id)).amount).toBe(2000);
  });

  it('documents --split in --help', async () => {
    const r = await pfm('expense', 'add', '--help');
    expect(r.stdout).toMatch(/--split <part>.*CATEGORY=AMOUNT\[:NOTE\]/s);
  });
});
