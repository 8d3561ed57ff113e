import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

describe('what a filtered list adds up to, and its CSV export', () => {
  let s: TestServer;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    await s.addUser('bob');
    alice = await s.login('alice');
    bob = await s.login('bob');
    const add = async (client: Client, body: Record<string, unknown>) => {
      const res = await client.post('/api/expenses', { date: '2026-11-05', category: 'Food', ...body });
      expect(res.statusCode, res.body).toBe(201);
    };
    await add(alice, { amount: '12.50', payee: 'Corner Shop', note: 'milk, "fresh"', tags: ['kids'] });
    await add(alice, { amount: '7.25', category: 'Transport', note: '=SUM(A1)' });
    await add(alice, {
      amount: '20',
      note: 'market',
      splits: [
        { category: 'Food', amount: '15' },
        { category: 'Shopping', amount: '5' },
      ],
    });
    await add(bob, { amount: '99', note: 'not alice' });
  });
  afterAll(() => s.close());

  it('gives the sum of every match, not only the page', async () => {
    const page = await alice.json<{ total: number; sum: number; items: unknown[] }>('/api/expenses?limit=1');
    expect(page).toMatchObject({ total: 3, sum: 1250 + 725 + 2000 });
    expect(page.items).toHaveLength(1);
    const food = await alice.json<{ total: number; sum: number }>('/api/expenses?category=Food');
    expect(food).toMatchObject({ total: 2, sum: 1250 + 2000 });
    const none = await alice.json<{ total: number; sum: number }>('/api/expenses?search=nothing-like-this');
    expect(none).toMatchObject({ total: 0, sum: 0 });
  });

  it('exports what the filter keeps as CSV: every match, split parts named, formulas defused', async () => {
    const res = await alice.get('/api/expenses/export?sort=amount&order=asc&limit=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date,Category,Amount,Currency,Payee,Payment method,Note,Tags,Account,Status,Id');
    // limit is ignored: all three, in the list's order (amount, ascending); nothing of bob's.
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^2026-11-05,Transport,7\.25,EUR,,,'=SUM\(A1\),,Main account,uncleared,/);
    expect(lines[2]).toMatch(/^2026-11-05,Food,12\.50,EUR,Corner Shop,,"milk, ""fresh""",kids,/);
    expect(lines[3]).toMatch(/^2026-11-05,Food 15\.00; Shopping 5\.00,20\.00,EUR,/);
    expect(res.body).not.toContain('not alice');

    const filtered = await alice.get('/api/expenses/export?tag=kids');
    expect(filtered.body.trimEnd().split('\r\n')).toHaveLength(2);
    expectError(await alice.get('/api/expenses/export?from=2026-11-10&to=2026-11-01'), 400, 'to');
    expectError(await alice.get('/api/expenses/export?category=Nope'), 400, 'category');
  });

  it('needs a session', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/income/export' });
    expect(res.statusCode).toBe(401);
  });
});
