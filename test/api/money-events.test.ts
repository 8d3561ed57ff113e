import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

interface Event {
  id: string;
  amount: number;
  date: string;
  categoryName: string;
  note: string;
  method?: string | null;
  source?: string | null;
}
interface Page {
  items: Event[];
  total: number;
  limit: number;
  offset: number;
  currency: string;
}

const KINDS = [
  { path: '/api/expenses', noun: 'expense', extra: 'method', category: 'Food', other: 'Transport' },
  { path: '/api/income', noun: 'income', extra: 'source', category: 'Salary', other: 'Freelance' },
] as const;

describe.each(KINDS)('$path', ({ path, noun, extra, category, other }) => {
  let s: TestServer;
  let alice: Client;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    alice = await s.login('alice');
  });
  afterAll(() => s.close());

  const add = async (body: Record<string, unknown>) => {
    const res = await alice.post(path, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Record<string, Event>>()[noun] as Event;
  };

  it('adds one (201) with the amount in minor units and the currency', async () => {
    const res = await alice.post(path, {
      amount: '12.50',
      date: '2026-11-02',
      category,
      [extra]: 'card',
      note: 'lunch',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Record<string, unknown>>();
    expect(body.currency).toBe('EUR');
    expect(body[noun]).toMatchObject({
      amount: 1250,
      date: '2026-11-02',
      categoryName: category,
      [extra]: 'card',
      note: 'lunch',
    });
    // By category id, and a JSON number amount, work too.
    const cats = await alice.json<{ items: { id: string; name: string }[] }>(`/api/categories?kind=${noun}`);
    const id = cats.items.find((c) => c.name === other)?.id;
    expect((await add({ amount: 3, date: '2026-11-03', category: id })).amount).toBe(300);
  });

  it.each([
    [{ date: '2026-11-02', category: 'Food' }, 'amount'],
    [{ amount: '-5', date: '2026-11-02', category: 'Food' }, 'amount'],
    [{ amount: '0', date: '2026-11-02', category: 'Food' }, 'amount'],
    [{ amount: '1,5', date: '2026-11-02', category: 'Food' }, 'amount'],
    [{ amount: '1.005', date: '2026-11-02', category: 'Food' }, 'amount'],
    [{ amount: '1e400', date: '2026-11-02', category: 'Food' }, 'amount'],
    [{ amount: true, date: '2026-11-02', category: 'Food' }, 'amount'],
    [{ amount: '1', date: '2026-02-30', category: 'Food' }, 'date'],
    [{ amount: '1', category: 'Food' }, 'date'],
    [{ amount: '1', date: '2026-11-02' }, 'category'],
    [{ amount: '1', date: '2026-11-02', category: 'Nope' }, 'category'],
    [{ amount: '1', date: '2026-11-02', category: 'Food', note: 'x'.repeat(501) }, 'note'],
    [{ amount: '1', date: '2026-11-02', category: 'Food', id: 'mine' }, 'id'],
  ])('refuses %j with 400 on %s', async (body, field) => {
    const fixed = { ...body } as Record<string, unknown>;
    if (fixed.category === 'Food') fixed.category = category;
    expectError(await alice.post(path, fixed), 400, field);
  });

  it('refuses a category of the other kind', async () => {
    expectError(
      await alice.post(path, {
        amount: '1',
        date: '2026-11-02',
        category: noun === 'expense' ? 'Salary' : 'Food',
      }),
      400,
      'category',
    );
  });

  it('edits any subset of fields (PATCH), and clears the method/source with null', async () => {
    const e = await add({ amount: '10', date: '2026-10-01', category, [extra]: 'cash', note: 'a' });
    let res = await alice.patch(`${path}/${e.id}`, { amount: '11.25' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Record<string, Event>>()[noun]).toMatchObject({
      amount: 1125,
      note: 'a',
      [extra]: 'cash',
    });
    res = await alice.patch(`${path}/${e.id}`, {
      category: other,
      date: '2026-10-02',
      note: 'b',
      [extra]: null,
    });
    expect(res.json<Record<string, Event>>()[noun]).toMatchObject({
      categoryName: other,
      date: '2026-10-02',
      note: 'b',
      [extra]: null,
    });
    expect((await alice.patch(`${path}/${e.id}`, {})).statusCode).toBe(200);
    expectError(await alice.patch(`${path}/${e.id}`, { amount: 'ten' }), 400, 'amount');
    expectError(await alice.patch(`${path}/${e.id}`, { date: '2026-13-01' }), 400, 'date');
    expectError(await alice.patch(`${path}/${e.id}`, { category: 'Nope' }), 400, 'category');
    expectError(await alice.patch(`${path}/${e.id}`, { amount: 5, userId: 'someone' }), 400, 'userId');
    const after = (await alice.json<Page>(`${path}?from=2026-10-02&to=2026-10-02`)).items[0];
    expect(after?.amount).toBe(1125); // the refused patches changed nothing
  });

  it('deletes one (204), then it is gone (404)', async () => {
    const e = await add({ amount: '7', date: '2026-09-09', category });
    expect((await alice.delete(`${path}/${e.id}`)).statusCode).toBe(204);
    expectError(await alice.delete(`${path}/${e.id}`), 404);
    expectError(await alice.patch(`${path}/${e.id}`, { amount: '1' }), 404);
    expect((await alice.json<Page>(`${path}?from=2026-09-09&to=2026-09-09`)).total).toBe(0);
  });

  it('lists with filters, search, sorting and pagination done by the server', async () => {
    const base = { category: other, [extra]: 'bank' };
    for (const [i, amount] of ['3.00', '1.00', '2.00', '5.00', '4.00'].entries()) {
      await add({ ...base, amount, date: `2025-01-0${i + 1}`, note: i === 2 ? '100% café_x' : `n${i}` });
    }
    const q = `from=2025-01-01&to=2025-01-31&category=${other}`;
    let page = await alice.json<Page>(`${path}?${q}`);
    expect(page).toMatchObject({ total: 5, limit: 50, offset: 0, currency: 'EUR' });
    expect(page.items.map((e) => e.date)).toEqual([
      '2025-01-05',
      '2025-01-04',
      '2025-01-03',
      '2025-01-02',
      '2025-01-01',
    ]);
    page = await alice.json<Page>(`${path}?${q}&sort=amount&order=asc&limit=2&offset=1`);
    expect(page.items.map((e) => e.amount)).toEqual([200, 300]);
    expect(page.total).toBe(5);
    page = await alice.json<Page>(`${path}?${q}&search=${encodeURIComponent('% café_')}`);
    expect(page.items.map((e) => e.note)).toEqual(['100% café_x']);
    page = await alice.json<Page>(`${path}?${q}&${extra}=BANK`);
    expect(page.total).toBe(5);
    page = await alice.json<Page>(`${path}?category=${other}&${extra}=cash&from=&search=`);
    expect(page.total).toBe(0);
  });

  it.each([
    ['from=2026-1-1', 'from'],
    ['to=yesterday', 'to'],
    ['from=2026-02-01&to=2026-01-01', 'to'],
    ['sort=price', 'sort'],
    ['order=up', 'order'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=1.5', 'offset'],
    ['category=Nope', 'category'],
    ['from=2026-01-01&from=2026-02-01', 'from'],
    [`search=${'x'.repeat(101)}`, 'search'],
  ])('refuses the list query %s with 400 on %s', async (query, field) => {
    expectError(await alice.get(`${path}?${query}`), 400, field);
  });
});
