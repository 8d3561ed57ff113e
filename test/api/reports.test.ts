import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalReports } from '../../src/local/local-reports.js';
import {
  expectError,
  openServer,
  seedData,
  type Client,
  type SeededIds,
  type TestServer,
} from '../support/api-server.js';

describe('/api/reports/:name', () => {
  let s: TestServer;
  let alice: Client;
  let ids: SeededIds;
  beforeAll(async () => {
    s = await openServer(); // the clock says 2026-11-20
    const user = await s.addUser('alice');
    ids = seedData(s.store, user.id);
    await s.addUser('bob').then((bob) => seedData(s.store, bob.id)); // bob's money never shows in alice's reports
    alice = await s.login('alice');
    // A category name a spreadsheet would run as a formula.
    await alice.post('/api/expenses', { amount: '1.10', date: '2026-11-04', category: 'Food' });
    await alice.post('/api/categories', { name: '=HYPERLINK("x")', kind: 'expense' });
    await alice.post('/api/expenses', { amount: '2', date: '2026-11-04', category: '=HYPERLINK("x")' });
  });
  afterAll(() => s.close());

  it('gives each report as the JSON of the local reports, defaulting to this month', async () => {
    const local = new LocalReports(s.store);
    expect(await alice.json('/api/reports/monthly')).toEqual(local.monthly(ids.userId, '2026-11'));
    expect(await alice.json('/api/reports/monthly?month=2026-10')).toEqual(
      local.monthly(ids.userId, '2026-10'),
    );
    expect(await alice.json('/api/reports/categories')).toEqual(
      local.categories(ids.userId, '2026-11-01', '2026-11-30'),
    );
    expect(await alice.json('/api/reports/categories?from=2026-11-04&to=2026-11-04')).toEqual(
      local.categories(ids.userId, '2026-11-04', '2026-11-04'),
    );
    expect(await alice.json('/api/reports/budgets?month=2026-11')).toEqual(
      local.budgets(ids.userId, '2026-11'),
    );
    expect(await alice.json('/api/reports/goals')).toEqual(local.goals(ids.userId, '2026-11-20'));
    expect(await alice.json('/api/reports/goals?date=2026-12-01')).toEqual(
      local.goals(ids.userId, '2026-12-01'),
    );
    expect(await alice.json('/api/reports/trend?month=2026-11')).toEqual(local.trend(ids.userId, '2026-11'));
    const monthly = await alice.json<{ income: number; expenses: number; currency: string }>(
      '/api/reports/monthly',
    );
    expect(monthly).toMatchObject({ income: 300000, expenses: 4200 + 110 + 200, currency: 'EUR' });
  });

  it('downloads a report as CSV: amounts in major units, formula-like names defused', async () => {
    const res = await alice.get('/api/reports/categories?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="pfm-categories-2026-11-01_2026-11-30.csv"',
    );
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('from,to,category,deleted,total,count,share,currency');
    expect(lines).toContain('2026-11-01,2026-11-30,Pets,false,42.00,1,93.1,EUR');
    expect(lines).toContain(`2026-11-01,2026-11-30,"'=HYPERLINK(""x"")",false,2.00,1,4.4,EUR`);
    for (const name of ['monthly', 'budgets', 'goals', 'trend']) {
      const csv = await alice.get(`/api/reports/${name}?format=csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\r\n').length).toBeGreaterThan(2);
    }
    expect((await alice.get('/api/reports/trend?format=csv')).body).toContain(
      '2026-11,3000.00,45.10,2954.90,EUR',
    );
  });

  it.each([
    ['monthly?month=2026-13', 'month'],
    ['trend?month=november', 'month'],
    ['categories?from=2026-11-31', 'from'],
    ['categories?from=2026-11-10&to=2026-11-01', 'to'],
    ['goals?date=tomorrow', 'date'],
    ['monthly?format=xlsx', 'format'],
  ])('refuses %s with 400 on %s', async (query, field) => {
    expectError(await alice.get(`/api/reports/${query}`), 400, field);
  });

  it('answers 404 for an unknown report', async () => {
    const body = expectError(await alice.get('/api/reports/balance'), 404);
    expect(body.error).toContain('monthly, categories, budgets, goals, trend');
  });
});
