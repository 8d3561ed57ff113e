import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

const file = (name: string) => ({
  fileName: name,
  content: readFileSync(`test/fixtures/statements/${name}`).toString('base64'),
});

interface Preview {
  lines: { line: number; description: string; categoryName: string }[];
}

/** Categories chosen in the preview, line by line, win over the rules and are what the import files. */
describe('categories chosen in the import preview', () => {
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
  const categoryId = async (c: Client, name: string) =>
    (await c.json<{ items: { id: string; name: string }[] }>('/api/categories')).items.find(
      (x) => x.name === name,
    )?.id ?? '';

  it('previews and imports with the chosen categories, over a rule', async () => {
    const food = await categoryId(alice, 'Food');
    const housing = await categoryId(alice, 'Housing');
    await alice.post('/api/import/rules', { contains: 'Supermarket', categoryId: food });
    // Lines 2 (Bakery) and 3 (Supermarket, which the rule files as Food) go to Housing.
    const categories = [
      { line: 2, categoryId: housing },
      { line: 3, categoryId: housing },
    ];
    const preview = await alice.post('/api/import/preview', { ...file('overlap-september.csv'), categories });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json<{ preview: Preview }>().preview.lines.map((l) => l.categoryName)).toEqual([
      'Housing',
      'Housing',
      'Uncategorized',
      'Uncategorized',
    ]);
    const imported = await alice.post('/api/import', { ...file('overlap-september.csv'), categories });
    expect(imported.statusCode, imported.body).toBe(201);
    const rows = await alice.json<{ items: { note: string; categoryName: string }[] }>(
      '/api/expenses?sort=date&order=asc',
    );
    expect(rows.items.map((e) => [e.note, e.categoryName])).toEqual([
      ['Bakery', 'Housing'],
      ['Supermarket', 'Housing'],
      ['Coffee Corner', 'Uncategorized'],
      ['Coffee Corner', 'Uncategorized'],
    ]);
  });

  it('refuses, naming categories, a line not in the file, a category of the other kind or of another user', async () => {
    const salary = await categoryId(bob, 'Salary');
    const food = await categoryId(alice, 'Food');
    const refused = async (categories: unknown) =>
      expectError(await bob.post('/api/import', { ...file('fr-banque.csv'), categories }), 400, 'categories');
    expect((await refused([{ line: 999, categoryId: await categoryId(bob, 'Food') }])).error).toMatch(
      /line 999/,
    );
    const { preview } = (await bob.post('/api/import/preview', file('fr-banque.csv'))).json<{
      preview: Preview;
    }>();
    const first = preview.lines[0]?.line ?? 0;
    expect((await refused([{ line: first, categoryId: salary }])).error).toMatch(/income category/);
    expect((await refused([{ line: first, categoryId: food }])).error).toMatch(/no category of yours/);
    await refused('Food');
    expect((await bob.json<{ total: number }>('/api/expenses')).total).toBe(0);
  });
});
