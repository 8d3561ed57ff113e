import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

describe('/api/budgets and /api/goals', () => {
  let s: TestServer;
  let alice: Client;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice', 'JPY');
    alice = await s.login('alice');
  });
  afterAll(() => s.close());

  describe('/api/budgets', () => {
    it('sets a budget (201), and setting it again changes the same budget', async () => {
      let res = await alice.post('/api/budgets', { category: 'Food', month: '2026-11', limit: '30000' });
      expect(res.statusCode, res.body).toBe(201);
      const first = res.json<{ budget: { id: string; limit: number }; currency: string }>();
      expect(first).toMatchObject({
        currency: 'JPY',
        budget: { categoryName: 'Food', month: '2026-11', limit: 30000 },
      });
      res = await alice.post('/api/budgets', { category: 'food', month: '2026-11', limit: 35000 });
      expect(res.json<{ budget: { id: string; limit: number } }>().budget).toMatchObject({
        id: first.budget.id,
        limit: 35000,
      });
      await alice.post('/api/budgets', { category: 'Transport', month: '2026-10', limit: '5000' });
      const all = await alice.json<{ items: unknown[]; currency: string }>('/api/budgets');
      expect(all.items).toHaveLength(2);
      expect(all.currency).toBe('JPY');
      expect((await alice.json<{ items: unknown[] }>('/api/budgets?month=2026-10')).items).toHaveLength(1);
    });

    it.each([
      [{ month: '2026-11', limit: '1' }, 'category'],
      [{ category: 'Salary', month: '2026-11', limit: '1' }, 'category'],
      [{ category: 'Food', month: '2026-13', limit: '1' }, 'month'],
      [{ category: 'Food', limit: '1' }, 'month'],
      [{ category: 'Food', month: '2026-11', limit: '1.5' }, 'limit'],
      [{ category: 'Food', month: '2026-11', limit: '0' }, 'limit'],
      [{ category: 'Food', month: '2026-11', limit: '1', note: 'x' }, 'note'],
      [{ category: 'Food', month: '2026-11', limit: '1', rollover: 'yes' }, 'rollover'],
    ])('refuses %j with 400 on %s', async (body, field) => {
      expectError(await alice.post('/api/budgets', body), 400, field);
    });

    it('turns rollover on and off, copies it, and the report carries what was left', async () => {
      let res = await alice.post('/api/budgets', {
        category: 'Food',
        month: '2025-01',
        limit: '10000',
        rollover: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ budget: { rollover: boolean } }>().budget.rollover).toBe(true);
      // Setting the limit again without `rollover` keeps the setting.
      res = await alice.post('/api/budgets', { category: 'Food', month: '2025-01', limit: '9000' });
      expect(res.json<{ budget: { rollover: boolean } }>().budget).toMatchObject({
        limit: 9000,
        rollover: true,
      });
      await alice.post('/api/expenses', { amount: '4000', date: '2025-01-10', category: 'Food' });
      const copied = await alice.post('/api/budgets/copy', { from: '2025-01', to: '2025-02' });
      expect(copied.json<{ items: { rollover: boolean }[] }>().items).toMatchObject([{ rollover: true }]);
      type Report = {
        budgets: { category: string; carried: number; available: number; rollover: boolean }[];
      };
      let report = await alice.json<Report>('/api/reports/budgets?month=2025-02');
      expect(report.budgets).toEqual([
        expect.objectContaining({ category: 'Food', rollover: true, carried: 5000, available: 14000 }),
      ]);
      res = await alice.post('/api/budgets', {
        category: 'Food',
        month: '2025-01',
        limit: '9000',
        rollover: false,
      });
      expect(res.json<{ budget: { rollover: boolean } }>().budget.rollover).toBe(false);
      report = await alice.json<Report>('/api/reports/budgets?month=2025-02');
      expect(report.budgets[0]).toMatchObject({ carried: 0, available: 9000 });
    });

    it('refuses a bad month filter', async () => {
      expectError(await alice.get('/api/budgets?month=11-2026'), 400, 'month');
    });

    it("copies a month's budgets to another (200), keeping a limit already set there", async () => {
      await alice.post('/api/budgets', { category: 'Food', month: '2026-06', limit: '30000' });
      await alice.post('/api/budgets', { category: 'Transport', month: '2026-06', limit: '5000' });
      await alice.post('/api/budgets', { category: 'Transport', month: '2026-07', limit: '7000' });
      const res = await alice.post('/api/budgets/copy', { from: '2026-06', to: '2026-07' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ items: unknown[]; currency: string }>()).toEqual({
        currency: 'JPY',
        items: [expect.objectContaining({ categoryName: 'Food', month: '2026-07', limit: 30000 })],
      });
      const july = await alice.json<{ items: { categoryName: string; limit: number }[] }>(
        '/api/budgets?month=2026-07',
      );
      expect(july.items.map((b) => [b.categoryName, b.limit])).toEqual([
        ['Food', 30000],
        ['Transport', 7000],
      ]);
      const again = await alice.post('/api/budgets/copy', { from: '2026-06', to: '2026-07' });
      expect(again.json<{ items: unknown[] }>().items).toEqual([]);
    });

    it.each([
      [{ from: '2026-06', to: '2026-06' }, 'to'],
      [{ from: '2026-6', to: '2026-07' }, 'from'],
      [{ from: '2026-06' }, 'to'],
      [{ from: '2026-06', to: '2026-07', extra: 1 }, 'extra'],
    ])('refuses a copy of %j with 400 on %s', async (body, field) => {
      expectError(await alice.post('/api/budgets/copy', body), 400, field);
    });

    it('deletes a budget (204)', async () => {
      const { budget } = (
        await alice.post('/api/budgets', { category: 'Health', month: '2026-09', limit: '100' })
      ).json<{
        budget: { id: string };
      }>();
      expect((await alice.delete(`/api/budgets/${budget.id}`)).statusCode).toBe(204);
      expectError(await alice.delete(`/api/budgets/${budget.id}`), 404);
      expect((await alice.json<{ items: unknown[] }>('/api/budgets?month=2026-09')).items).toHaveLength(0);
    });
  });

  describe('/api/goals', () => {
    let goalId: string;

    it('adds a goal (201) and lists it with what is saved', async () => {
      const res = await alice.post('/api/goals', { name: 'Bike', target: '80000', by: '2027-06-30' });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<{ goal: { id: string }; currency: string }>();
      expect(body).toMatchObject({
        currency: 'JPY',
        goal: { name: 'Bike', target: 80000, targetDate: '2027-06-30', saved: 0 },
      });
      goalId = body.goal.id;
      const list = await alice.json<{ items: { id: string }[]; currency: string }>('/api/goals');
      expect(list.items.map((g) => g.id)).toEqual([goalId]);
    });

    it.each([
      [{ target: '1' }, 'name'],
      [{ name: 'X' }, 'target'],
      [{ name: 'X', target: '-1' }, 'target'],
      [{ name: 'X', target: '1', by: '2027-02-29' }, 'by'],
      [{ name: 'X', target: '1', saved: '5' }, 'saved'],
    ])('refuses %j with 400 on %s', async (body, field) => {
      expectError(await alice.post('/api/goals', body), 400, field);
    });

    it('edits a goal (PATCH), and clears its date with by: null', async () => {
      let res = await alice.patch(`/api/goals/${goalId}`, { name: 'E-bike', target: 90000 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ goal: { name: 'E-bike', target: 90000, targetDate: '2027-06-30' } });
      res = await alice.patch(`/api/goals/${goalId}`, { by: null });
      expect(res.json()).toMatchObject({ goal: { targetDate: null } });
      expectError(await alice.patch(`/api/goals/${goalId}`, { target: 'lots' }), 400, 'target');
      expectError(await alice.patch(`/api/goals/${goalId}`, { name: '' }), 400, 'name');
      expectError(await alice.patch(`/api/goals/${goalId}`, { by: '2027-1-1' }), 400, 'by');
    });

    it('takes contributions (201) and lists them', async () => {
      const res = await alice.post(`/api/goals/${goalId}/contributions`, {
        amount: '5000',
        date: '2026-11-01',
        note: 'first',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        contribution: { amount: 5000, date: '2026-11-01', note: 'first', goalId },
        goal: { id: goalId, saved: 5000 },
        currency: 'JPY',
      });
      await alice.post(`/api/goals/${goalId}/contributions`, { amount: 2500, date: '2026-10-01' });
      const list = await alice.json<{ items: { amount: number }[]; currency: string }>(
        `/api/goals/${goalId}/contributions`,
      );
      expect(list.items.map((c) => c.amount)).toEqual([2500, 5000]);
      expect(list.currency).toBe('JPY');
      expectError(
        await alice.post(`/api/goals/${goalId}/contributions`, { date: '2026-11-01' }),
        400,
        'amount',
      );
      expectError(
        await alice.post(`/api/goals/${goalId}/contributions`, { amount: '0.5', date: '2026-11-01' }),
        400,
        'amount',
      );
      expectError(await alice.post(`/api/goals/${goalId}/contributions`, { amount: '5' }), 400, 'date');
    });

    it('deletes a goal (204)', async () => {
      expect((await alice.delete(`/api/goals/${goalId}`)).statusCode).toBe(204);
      expectError(await alice.get(`/api/goals/${goalId}/contributions`), 404);
      expectError(
        await alice.post(`/api/goals/${goalId}/contributions`, { amount: '5', date: '2026-11-01' }),
        404,
      );
      expect((await alice.json<{ items: unknown[] }>('/api/goals')).items).toHaveLength(0);
    });
  });
});
