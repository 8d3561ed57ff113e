import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

interface Part {
  categoryId: string;
  categoryName: string;
  amount: number;
  note: string;
}
interface Event {
  id: string;
  amount: number;
  categoryId: string;
  categoryName: string;
  splits: Part[] | null;
}

const KINDS = [
  { path: '/api/expenses', noun: 'expense', a: 'Food', b: 'Transport', other: 'Salary' },
  { path: '/api/income', noun: 'income', a: 'Salary', b: 'Freelance', other: 'Food' },
] as const;

describe.each(KINDS)('splits on $path', ({ path, noun, a, b, other }) => {
  let s: TestServer;
  let alice: Client;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    alice = await s.login('alice');
  });
  afterAll(() => s.close());

  const one = (res: { json: <T>() => T }) => res.json<Record<string, Event>>()[noun] as Event;
  const addSplit = async () => {
    const res = await alice.post(path, {
      amount: '20.00',
      date: '2026-11-02',
      splits: [
        { category: a, amount: '12.50', note: 'weekly' },
        { category: b, amount: 7.5 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    return one(res);
  };

  it('adds a split row without a category: the parts, and the first part as its category', async () => {
    const e = await addSplit();
    expect(e.amount).toBe(2000);
    expect(e.categoryName).toBe(a);
    expect(e.splits).toMatchObject([
      { categoryName: a, amount: 1250, note: 'weekly' },
      { categoryName: b, amount: 750, note: '' },
    ]);
    const again = await alice.json<Record<string, Event>>(`${path}/${e.id}`);
    expect(again[noun]?.splits).toEqual(e.splits);
    const page = await alice.json<{ items: Event[] }>(`${path}?from=2026-11-02&to=2026-11-02`);
    expect(page.items.find((x) => x.id === e.id)?.splits).toHaveLength(2);
  });

  it.each([
    ['parts not adding up', [{ amount: '10' }, { amount: '5' }]],
    ['one part', [{ amount: '20' }]],
    ['no parts', []],
    ['an unknown category', [{ amount: '10', category: 'Nope' }, { amount: '10' }]],
    ['a category of the other kind', [{ amount: '10', category: other }, { amount: '10' }]],
    ['an amount that is not one', [{ amount: 'ten' }, { amount: '10' }]],
    ['a zero part', [{ amount: '0' }, { amount: '20' }]],
    ['a note with a line break', [{ amount: '10', note: 'a\nb' }, { amount: '10' }]],
  ])('refuses %s with 400 naming splits, and writes nothing', async (_what, parts) => {
    const splits = parts.map((p, i) => ({ category: i === 0 ? a : b, ...p }));
    const before = (await alice.json<{ total: number }>(path)).total;
    expectError(await alice.post(path, { amount: '20', date: '2026-11-03', splits }), 400, 'splits');
    expect((await alice.json<{ total: number }>(path)).total).toBe(before);
  });

  it('still needs a category when not split', async () => {
    expectError(await alice.post(path, { amount: '20', date: '2026-11-03' }), 400, 'category');
    expectError(await alice.post(path, { amount: '20', date: '2026-11-03', splits: null }), 400, 'category');
  });

  it('changes the parts, refuses a lone amount change, and removes the split with null', async () => {
    const e = await addSplit();
    let res = await alice.patch(`${path}/${e.id}`, {
      amount: '30',
      splits: [
        { category: b, amount: '10' },
        { category: a, amount: '15' },
        { category: a, amount: '5', note: 'extra' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(one(res)).toMatchObject({ amount: 3000, categoryName: b });
    expect(one(res).splits?.map((p) => p.amount)).toEqual([1000, 1500, 500]);

    expectError(await alice.patch(`${path}/${e.id}`, { amount: '31' }), 400, 'amount');
    expectError(await alice.patch(`${path}/${e.id}`, { category: a }), 400, 'category');
    expectError(
      await alice.patch(`${path}/${e.id}`, { splits: [{ category: a, amount: '30' }] }),
      400,
      'splits',
    );
    expect((await alice.json<Record<string, Event>>(`${path}/${e.id}`))[noun]?.amount).toBe(3000);

    res = await alice.patch(`${path}/${e.id}`, { splits: null, category: a });
    expect(res.statusCode, res.body).toBe(200);
    expect(one(res)).toMatchObject({ amount: 3000, categoryName: a, splits: null });
    // Unsplit, the amount changes alone again.
    res = await alice.patch(`${path}/${e.id}`, { amount: '31' });
    expect(one(res).amount).toBe(3100);
  });

  it('splits a row that was not split', async () => {
    const res = await alice.post(path, { amount: '8', date: '2026-11-04', category: a });
    const e = one(res);
    const patched = await alice.patch(`${path}/${e.id}`, {
      splits: [
        { category: b, amount: '3' },
        { category: a, amount: '5' },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(one(patched)).toMatchObject({ amount: 800, categoryName: b });
  });
});
