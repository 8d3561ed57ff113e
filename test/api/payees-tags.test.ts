import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalReports } from '../../src/local/local-reports.js';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

interface Row {
  id: string;
  amount: number;
  payee: string | null;
  tags: string[];
}

describe('payees and tags through the API', () => {
  let s: TestServer;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => {
    s = await openServer(); // the clock says 2026-11-20
    await s.addUser('alice');
    await s.addUser('bob');
    alice = await s.login('alice');
    bob = await s.login('bob');
  });
  afterAll(() => s.close());

  const addExpense = async (client: Client, body: Record<string, unknown>): Promise<Row> => {
    const res = await client.post('/api/expenses', { date: '2026-11-05', category: 'Food', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ expense: Row }>().expense;
  };

  it('adds an expense and an income with a payee and tags, tidied', async () => {
    const e = await addExpense(alice, {
      amount: '12.50',
      payee: '  Corner Shop ',
      tags: ['work', ' Kids', 'work'],
    });
    expect(e).toMatchObject({ payee: 'Corner Shop', tags: ['Kids', 'work'] });
    const res = await alice.post('/api/income', {
      amount: '100',
      date: '2026-11-06',
      category: 'Salary',
      payee: 'ACME Ltd',
      tags: ['work'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ income: Row }>().income).toMatchObject({ payee: 'ACME Ltd', tags: ['work'] });
  });

  it('changes the payee and replaces the tags with PATCH; null and [] clear them', async () => {
    const e = await addExpense(alice, { amount: '3', payee: 'Bakery', tags: ['holiday'] });
    const path = `/api/expenses/${e.id}`;
    let res = await alice.patch(path, { payee: 'Baker & Sons', tags: ['kids', 'holiday'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ expense: Row }>().expense).toMatchObject({
      payee: 'Baker & Sons',
      tags: ['holiday', 'kids'],
    });
    // Leaving both out keeps them.
    res = await alice.patch(path, { note: 'bread' });
    expect(res.json<{ expense: Row }>().expense).toMatchObject({
      payee: 'Baker & Sons',
      tags: ['holiday', 'kids'],
    });
    res = await alice.patch(path, { payee: null, tags: [] });
    expect(res.json<{ expense: Row }>().expense).toMatchObject({ payee: null, tags: [] });
  });

  it.each([
    [{ tags: [''] }, 'tags'],
    [{ tags: ['  '] }, 'tags'],
    [{ tags: ['a,b'] }, 'tags'],
    [{ tags: 'holiday' }, 'tags'],
    [{ tags: ['x'.repeat(41)] }, 'tags'],
    [{ payee: 'x'.repeat(121) }, 'payee'],
    [{ payee: 'tab\there' }, 'payee'],
    [{ payee: 5 }, 'payee'],
  ])('refuses %j with 400 on %s and writes nothing', async (extra, field) => {
    const before = (await alice.json<{ total: number }>('/api/expenses')).total;
    expectError(
      await alice.post('/api/expenses', { amount: '1', date: '2026-11-05', category: 'Food', ...extra }),
      400,
      field,
    );
    const e = await addExpense(alice, { amount: '1' });
    expectError(await alice.patch(`/api/expenses/${e.id}`, extra), 400, field);
    expect((await alice.json<{ total: number }>('/api/expenses')).total).toBe(before + 1);
    expect((await alice.json<{ expense: Row }>(`/api/expenses/${e.id}`)).expense).toMatchObject({
      payee: null,
      tags: [],
    });
    await alice.delete(`/api/expenses/${e.id}`);
  });

  it('filters lists by tag and by payee, ignoring case', async () => {
    await addExpense(alice, { amount: '7', payee: 'Fuel Stop', tags: ['Road trip'] });
    await addExpense(alice, { amount: '8', payee: 'fuel stop', tags: ['road trip', 'kids'] });
    await addExpense(bob, { amount: '9', payee: 'Fuel Stop', tags: ['road trip'] });
    const byTag = await alice.json<{ items: Row[]; total: number }>('/api/expenses?tag=ROAD%20TRIP');
    expect(byTag.items.map((r) => r.amount).sort()).toEqual([700, 800]);
    const byPayee = await alice.json<{ items: Row[] }>('/api/expenses?payee=Fuel%20Stop&tag=kids');
    expect(byPayee.items.map((r) => r.amount)).toEqual([800]);
    const bySearch = await alice.json<{ items: Row[] }>('/api/expenses?search=fuel');
    expect(bySearch.items).toHaveLength(2);
    const income = await alice.json<{ items: Row[] }>('/api/income?tag=work');
    expect(income.items.map((r) => r.payee)).toEqual(['ACME Ltd']);
  });

  it('suggests payees by prefix, most used first, of one kind and one user only', async () => {
    await addExpense(alice, { amount: '1', payee: 'Supermarket' });
    await addExpense(alice, { amount: '1', payee: 'Supermarket' });
    await addExpense(alice, { amount: '1', payee: 'Superstore' });
    await addExpense(bob, { amount: '1', payee: 'Super Bob' });
    expect(await alice.json('/api/payees?prefix=super')).toEqual({ items: ['Supermarket', 'Superstore'] });
    expect(await alice.json('/api/payees?prefix=ac&kind=income')).toEqual({ items: ['ACME Ltd'] });
    expect(await alice.json('/api/payees?prefix=ac')).toEqual({ items: [] });
    expectError(await alice.get('/api/payees?kind=transfer'), 400, 'kind');
  });

  it('lists tags with how many rows carry them, most used first', async () => {
    const { items } = await alice.json<{ items: { tag: string; count: number }[] }>('/api/tags');
    expect(items[0]).toEqual({ tag: 'work', count: 2 });
    expect(items).toContainEqual({ tag: 'Kids', count: 1 });
    expect(await alice.json('/api/tags?kind=income')).toEqual({ items: [{ tag: 'work', count: 1 }] });
  });

  it('reports by tag as JSON (the local report) and as CSV', async () => {
    const local = new LocalReports(s.store);
    expect(await alice.json('/api/reports/tags')).toEqual(
      local.tags(alice.user.id, '2026-11-01', '2026-11-30'),
    );
    const report = await alice.json<{ tags: { tag: string; expenses: number; income: number }[] }>(
      '/api/reports/tags?from=2026-11-01&to=2026-11-30',
    );
    expect(report.tags.find((t) => t.tag === 'work')).toEqual({
      tag: 'work',
      expenses: 1250,
      income: 10000,
      count: 2,
    });
    const csv = await alice.get('/api/reports/tags?format=csv&from=2026-11-05&to=2026-11-06');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="pfm-tags-2026-11-05_2026-11-06.csv"',
    );
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('from,to,tag,expenses,income,count,currency');
    expect(lines).toContain('2026-11-05,2026-11-06,work,12.50,100.00,2,EUR');
    expectError(await alice.get('/api/reports/tags?from=2026-11-10&to=2026-11-01'), 400, 'to');
  });
});
