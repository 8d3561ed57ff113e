import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '../../src/domain/entities.js';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

describe('/api/categories', () => {
  let s: TestServer;
  let alice: Client;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    alice = await s.login('alice');
  });
  afterAll(() => s.close());

  const list = async (query = '') =>
    (await alice.json<{ items: Category[] }>(`/api/categories${query}`)).items;

  it('lists the categories, by kind', async () => {
    expect(await list()).toHaveLength(12);
    const income = await list('?kind=income');
    expect(income.map((c) => c.name)).toEqual(['Freelance', 'Investments', 'Other income', 'Salary']);
    expect(income.every((c) => c.kind === 'income' && !c.deleted)).toBe(true);
    expectError(await alice.get('/api/categories?kind=savings'), 400, 'kind');
    expectError(await alice.get('/api/categories?includeDeleted=yes'), 400, 'includeDeleted');
  });

  it('adds a category (201), refusing a duplicate name (409) and bad input (400 on the field)', async () => {
    const res = await alice.post('/api/categories', { name: '  Pets ', kind: 'expense' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ category: Category }>().category).toMatchObject({
      name: 'Pets',
      kind: 'expense',
      deleted: false,
    });
    const duplicate = expectError(
      await alice.post('/api/categories', { name: 'pets', kind: 'expense' }),
      409,
      'name',
    );
    expect(duplicate.error).toMatch(/^an expense category named "pets" already exists/);
    expect((await alice.post('/api/categories', { name: 'Pets', kind: 'income' })).statusCode).toBe(201);
    expectError(await alice.post('/api/categories', { kind: 'expense' }), 400, 'name');
    expectError(await alice.post('/api/categories', { name: 'x'.repeat(81), kind: 'expense' }), 400, 'name');
    expectError(await alice.post('/api/categories', { name: 'a\nb', kind: 'expense' }), 400, 'name');
    expectError(await alice.post('/api/categories', { name: 'Toys', kind: 'gift' }), 400, 'kind');
    expectError(
      await alice.post('/api/categories', { name: 'Toys', kind: 'expense', color: 'red' }),
      400,
      'color',
    );
  });

  it('renames a category, refusing a clash (409) and bad input (400)', async () => {
    const { category } = (await alice.post('/api/categories', { name: 'Kids', kind: 'expense' })).json<{
      category: Category;
    }>();
    const res = await alice.patch(`/api/categories/${category.id}`, { name: 'Children' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ category: Category }>().category.name).toBe('Children');
    expectError(await alice.patch(`/api/categories/${category.id}`, { name: 'food' }), 409, 'name');
    expectError(await alice.patch(`/api/categories/${category.id}`, { name: '' }), 400, 'name');
    expectError(await alice.patch(`/api/categories/${category.id}`, {}), 400, 'name');
    expect((await list()).find((c) => c.id === category.id)?.name).toBe('Children');
  });

  it('deletes a category (204); its expenses stay, under the deleted category', async () => {
    const { category } = (await alice.post('/api/categories', { name: 'Hobby', kind: 'expense' })).json<{
      category: Category;
    }>();
    expect(
      (await alice.post('/api/expenses', { amount: '5', date: '2026-11-02', category: 'Hobby' })).statusCode,
    ).toBe(201);
    expect((await alice.delete(`/api/categories/${category.id}`)).statusCode).toBe(204);
    expect((await list()).some((c) => c.id === category.id)).toBe(false);
    expect((await list('?includeDeleted=true')).find((c) => c.id === category.id)?.deleted).toBe(true);
    const page = await alice.json<{ items: { categoryName: string; categoryDeleted: boolean }[] }>(
      `/api/expenses?category=${category.id}`,
    );
    expect(page.items).toMatchObject([{ categoryName: 'Hobby', categoryDeleted: true }]);
    expectError(await alice.delete(`/api/categories/${category.id}`), 404);
    expectError(await alice.patch(`/api/categories/${category.id}`, { name: 'Back' }), 404);
  });
});
