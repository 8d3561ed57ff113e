import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

interface Event {
  id: string;
  categoryName: string;
  tags: string[];
}
interface Operation {
  id: string;
  label: string;
  count: number;
  undoneAt: string | null;
}

describe('bulk edits and undo over the API', () => {
  let s: TestServer;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    await s.addUser('bob');
    alice = await s.login('alice');
    bob = await s.login('bob');
  });
  afterAll(() => s.close());

  const add = async (client: Client, note: string) => {
    const res = await client.post('/api/expenses', {
      amount: '5',
      date: '2026-11-02',
      category: 'Food',
      note,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ expense: Event }>().expense;
  };
  const get = async (id: string) => (await alice.json<{ expense: Event }>(`/api/expenses/${id}`)).expense;

  it('changes the category and tags of several rows, lists the operation and undoes it', async () => {
    const rows = [await add(alice, 'a'), await add(alice, 'b'), await add(alice, 'c')];
    const ids = rows.map((r) => r.id);
    const res = await alice.post('/api/transactions/bulk', {
      kind: 'expense',
      ids,
      action: { category: 'Housing', addTags: ['move'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { operation } = res.json<{ operation: Operation }>();
    expect(operation).toMatchObject({ count: 3, label: 'Category → Housing; add tag move on 3 expenses' });
    for (const id of ids) expect(await get(id)).toMatchObject({ categoryName: 'Housing', tags: ['move'] });

    const listed = await alice.json<{ operations: Operation[] }>('/api/undo');
    expect(listed.operations[0]?.id).toBe(operation.id);
    expect((await bob.json<{ operations: Operation[] }>('/api/undo')).operations).toEqual([]);

    const undone = await alice.post(`/api/undo/${operation.id}`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json<{ operation: Operation }>().operation.undoneAt).not.toBeNull();
    for (const id of ids) expect(await get(id)).toMatchObject({ categoryName: 'Food', tags: [] });
    expectError(await alice.post(`/api/undo/${operation.id}`), 400, 'operationId');
  });

  it('answers a delete with its undo operation in a header, and the undo brings the row back', async () => {
    const row = await add(alice, 'to delete');
    const res = await alice.delete(`/api/expenses/${row.id}`);
    expect(res.statusCode).toBe(204);
    const operationId = res.headers['x-undo-operation'];
    expect(typeof operationId).toBe('string');
    expect((await alice.get(`/api/expenses/${row.id}`)).statusCode).toBe(404);
    expect((await alice.post(`/api/undo/${String(operationId)}`)).statusCode).toBe(200);
    expect((await get(row.id)).id).toBe(row.id);
  });

  it('brings back a deleted budget and a deleted schedule with undo', async () => {
    const budget = (
      await alice.post('/api/budgets', { category: 'Food', month: '2026-11', limit: '300', rollover: true })
    ).json<{ budget: { id: string } }>().budget;
    const cats = await alice.json<{ items: { id: string; name: string }[] }>('/api/categories?kind=expense');
    const made = await alice.post('/api/schedules', {
      kind: 'expense',
      amount: '900.00',
      unit: 'month',
      startDate: '2027-01-05',
      note: 'rent',
      autoPost: false,
      categoryId: cats.items.find((c) => c.name === 'Housing')?.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    const schedule = made.json<{ schedule: { id: string } }>().schedule;

    for (const [path, list] of [
      [`/api/budgets/${budget.id}`, '/api/budgets?month=2026-11'],
      [`/api/schedules/${schedule.id}`, '/api/schedules'],
    ] as const) {
      const before = (await alice.json<{ items: unknown[] }>(list)).items;
      const res = await alice.delete(path);
      expect(res.statusCode).toBe(204);
      expect((await alice.json<{ items: unknown[] }>(list)).items).toHaveLength(before.length - 1);
      const undone = await alice.post(`/api/undo/${String(res.headers['x-undo-operation'])}`);
      expect(undone.statusCode, undone.body).toBe(200);
      expect((await alice.json<{ items: unknown[] }>(list)).items).toEqual(before);
    }
    const labels = (await alice.json<{ operations: Operation[] }>('/api/undo')).operations.map(
      (o) => o.label,
    );
    expect(labels.slice(0, 2)).toEqual(['Delete the schedule rent', 'Delete the 2026-11 budget of Food']);
  });

  it("refuses, writing nothing, another user's row or an unknown id (404 naming ids)", async () => {
    const mine = await add(alice, 'mine');
    const theirs = await add(bob, 'theirs');
    for (const stranger of [theirs.id, 'nope']) {
      const res = await alice.post('/api/transactions/bulk', {
        kind: 'expense',
        ids: [mine.id, stranger],
        action: { delete: true },
      });
      expect(expectError(res, 404, 'ids').error).toContain(stranger);
    }
    expect((await get(mine.id)).id).toBe(mine.id);
    expect((await bob.json<{ expense: Event }>(`/api/expenses/${theirs.id}`)).expense.id).toBe(theirs.id);
    expect(
      (
        await bob.post(
          `/api/undo/${(await alice.json<{ operations: Operation[] }>('/api/undo')).operations[0]?.id ?? ''}`,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const row = await add(alice, 'x');
    const bulk = (body: Record<string, unknown>) =>
      alice.post('/api/transactions/bulk', { kind: 'expense', ids: [row.id], ...body });
    expectError(await bulk({ action: { category: 'Nope' } }), 400, 'action.category');
    expectError(await bulk({ action: { account: 'Nope' } }), 400, 'action.account');
    expectError(await bulk({ action: { addTags: ['a,b'] } }), 400, 'action.addTags');
    expectError(await bulk({ action: {} }), 400, 'action');
    expectError(await bulk({ action: { delete: true, status: 'cleared' } }), 400, 'action');
    expectError(await bulk({ action: { colour: 'red' } }), 400, 'colour');
    expectError(await bulk({ ids: [], action: { delete: true } }), 400, 'ids');
    expectError(await bulk({ kind: 'loan', action: { delete: true } }), 400, 'kind');
    await alice.patch(`/api/expenses/${row.id}`, { status: 'reconciled' });
    expectError(await bulk({ action: { category: 'Housing' } }), 400, 'confirmReconciled');
    expect((await bulk({ action: { category: 'Housing' }, confirmReconciled: true })).statusCode).toBe(200);
    expectError(await alice.post('/api/undo/nope'), 404);
  });
});
