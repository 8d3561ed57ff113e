import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, seedData, type Client, type TestServer } from '../support/api-server.js';

describe('GET /api/dashboard', () => {
  let s: TestServer;
  let alice: Client;
  beforeAll(async () => {
    s = await openServer(); // the clock says 2026-11-20
    const user = await s.addUser('alice');
    seedData(s.store, user.id);
    await s.addUser('bob').then((bob) => seedData(s.store, bob.id)); // bob's rows never show in alice's answer
    alice = await s.login('alice');
    // More expenses than the dashboard lists, over two months, so the latest ones and the month both matter.
    for (const [i, date] of [
      '2026-10-02',
      '2026-10-30',
      '2026-11-01',
      '2026-11-10',
      '2026-11-19',
    ].entries()) {
      await alice.post('/api/expenses', {
        amount: `${i + 1}.25`,
        date,
        category: 'Food',
        payee: `Shop ${i}`,
      });
      await alice.post('/api/expenses', { amount: `${i + 3}`, date, category: 'Pets' });
    }
    await alice.post('/api/budgets', { category: 'Food', month: '2026-10', limit: '4' });
  });
  afterAll(() => s.close());

  /** What the dashboard asked for, request by request, before it asked once. */
  async function separately(month: string) {
    const [from, to] = [`${month}-01`, month === '2026-10' ? '2026-10-31' : '2026-11-30'];
    return {
      month,
      currency: 'EUR',
      accounts: await alice.json('/api/accounts?all=true'),
      categories: await alice.json('/api/categories?includeDeleted=true'),
      monthly: await alice.json(`/api/reports/monthly?month=${month}`),
      spending: await alice.json(`/api/reports/categories?month=${month}&from=${from}&to=${to}`),
      budgets: await alice.json(`/api/reports/budgets?month=${month}`),
      trend: await alice.json(`/api/reports/trend?month=${month}`),
      goals: await alice.json('/api/reports/goals'),
      schedules: await alice.json('/api/schedules'),
      upcoming: await alice.json('/api/schedules/upcoming?days=30'),
      recentExpenses: await alice.json('/api/expenses?limit=6&sort=date&order=desc'),
    };
  }

  it('answers what the separate requests answer, for this month by default', async () => {
    const one = await alice.json<{ recentExpenses: { items: unknown[]; total: number } }>('/api/dashboard');
    expect(one).toEqual(await separately('2026-11'));
    expect(one.recentExpenses.items).toHaveLength(6);
    expect(one.recentExpenses.total).toBe(11);
  });

  it('answers for the month asked, the month-free parts unchanged', async () => {
    const october = await alice.json<{ budgets: { budgets: { spent: number }[] } }>(
      '/api/dashboard?month=2026-10',
    );
    expect(october).toEqual(await separately('2026-10'));
    expect(october.budgets.budgets.map((b) => b.spent)).toEqual([125 + 225]);
  });

  it('refuses a month not written YYYY-MM, naming month', async () => {
    for (const bad of ['2026-13', '2026-1', 'november', '2026-11-01']) {
      expectError(await alice.get(`/api/dashboard?month=${bad}`), 400, 'month');
    }
  });

  it('needs a session', async () => {
    expectError(await s.app.inject({ method: 'GET', url: '/api/dashboard' }), 401);
  });
});
