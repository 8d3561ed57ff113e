import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOn, tempDataDir } from '../support/cli-runner.js';

let data: { dir: string; dispose: () => void };
beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => data.dispose());

const { pfm, pfmJson } = cliOn(() => data.dir);

interface Row {
  id: string;
  categoryName: string;
  tags: string[];
  date: string;
}
interface Operation {
  id: string;
  label: string;
  count: number;
  undoneAt: string | null;
}

async function setUp(): Promise<string[]> {
  await pfmJson('user', 'add', 'zoe', '--currency', 'EUR');
  const ids: string[] = [];
  for (const [date, note] of [
    ['2026-11-01', 'bread'],
    ['2026-11-05', 'milk'],
    ['2026-11-20', 'cinema'],
  ] as const) {
    const row = await pfmJson<Row>(
      'expense',
      'add',
      '--user',
      'zoe',
      '--amount',
      '3',
      '--category',
      'Food',
      '--date',
      date,
      '--note',
      note,
    );
    ids.push(row.id);
  }
  return ids;
}
const list = async () =>
  (await pfmJson<{ items: Row[] }>('expense', 'list', '--user', 'zoe', '--sort', 'date', '--order', 'asc'))
    .items;

describe('pfm bulk and pfm undo', () => {
  it('changes the rows named by --ids, prints the operation, and pfm undo (the latest) puts them back', async () => {
    const ids = await setUp();
    const r = await pfm(
      'bulk',
      'expense',
      '--user',
      'zoe',
      '--ids',
      ids.slice(0, 2).join(','),
      '--set-category',
      'Housing',
      '--add-tag',
      'home, move',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Category → Housing; add tag home, move on 2 expenses \(operation \S+; pfm undo \S+ puts it back\)\n$/,
    );
    expect((await list()).map((e) => [e.categoryName, e.tags])).toEqual([
      ['Housing', ['home', 'move']],
      ['Housing', ['home', 'move']],
      ['Food', []],
    ]);
    const undone = await pfm('undo', '--user', 'zoe');
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain('Undone: Category → Housing');
    expect((await list()).map((e) => e.categoryName)).toEqual(['Food', 'Food', 'Food']);
  });

  it('picks the rows by filter, deletes them, lists the operations and undoes one by id', async () => {
    await setUp();
    const { operation } = await pfmJson<{ operation: Operation }>(
      'bulk',
      'expense',
      '--user',
      'zoe',
      '--from',
      '2026-11-02',
      '--delete',
    );
    expect(operation).toMatchObject({ label: 'Delete 2 expenses', count: 2 });
    expect((await list()).map((e) => e.date)).toEqual(['2026-11-01']);
    const { operations } = await pfmJson<{ operations: Operation[] }>('undo', '--list', '--user', 'zoe');
    expect(operations.map((o) => o.id)).toEqual([operation.id]);
    const human = await pfm('undo', '--list', '--user', 'zoe');
    expect(human.stdout).toContain('Delete 2 expenses');
    await pfmJson('undo', operation.id, '--user', 'zoe');
    expect(await list()).toHaveLength(3);
  });

  it('a delete prints its undo command, which brings the row back', async () => {
    const [first = ''] = await setUp();
    const { undo } = await pfmJson<{ undo: string }>('expense', 'delete', first);
    await pfmJson('undo', undo, '--user', 'zoe');
    expect(await list()).toHaveLength(3);
  });

  it('refuses bad input with exit 2, one message, and changes nothing', async () => {
    const ids = await setUp();
    const before = await list();
    const refused = async (args: string[], message: RegExp) => {
      const r = await pfm('bulk', 'expense', '--user', 'zoe', ...args);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    await refused(['--ids', `${ids[0] ?? ''},nope`, '--delete'], /no expense with id nope/);
    await refused(['--ids', ids.join(','), '--set-category', 'Nope'], /Nope/);
    await refused(['--ids', ids.join(','), '--add-tag', 'x', '--delete'], /delete cannot be combined/);
    await refused(['--ids', ids.join(','), '--from', '2026-11-01', '--delete'], /not both/);
    await refused(['--delete'], /name the rows/);
    await refused(['--search', 'nothing like it', '--delete'], /no expense matches/);
    await refused(['--ids', ids.join(',')], /the change: say what to change/);
    expect(await list()).toEqual(before);
    const nothing = await pfm('undo', '--user', 'zoe');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to undo/);
  });
});
