import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

const file = (name: string) => ({
  fileName: name,
  content: readFileSync(`test/fixtures/statements/${name}`).toString('base64'),
});

/** A server with alice and bob, both keeping EUR, each logged in. */
async function twoUsers(): Promise<{ s: TestServer; alice: Client; bob: Client }> {
  const s = await openServer();
  await s.addUser('alice', 'EUR');
  await s.addUser('bob', 'EUR');
  return { s, alice: await s.login('alice'), bob: await s.login('bob') };
}

interface Preview {
  layout: { delimiter: string; headerLine: number; dateOrder: string; header: string[]; mapping: object };
  lines: { line: number; amount: number; kind: string; categoryName: string; duplicate: boolean }[];
  lineCount: number;
  errors: { line: number; reason: string }[];
  added: number;
  duplicates: number;
}

describe('/api/import', () => {
  let s: TestServer;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => ({ s, alice, bob } = await twoUsers()));
  afterAll(() => s.close());
  const expenseTotal = async (c: Client) => (await c.json<{ total: number }>('/api/expenses')).total;

  it('previews a Windows-1252 statement with its detected layout and writes nothing', async () => {
    const res = await alice.post('/api/import/preview', file('de-sparkasse-latin1.csv'));
    expect(res.statusCode, res.body).toBe(200);
    const { preview } = res.json<{ preview: Preview }>();
    expect(preview.layout).toMatchObject({ delimiter: ';', headerLine: 4, dateOrder: 'dmy' });
    expect(preview.layout.header).toContain('Begünstigter/Zahlungspflichtiger');
    expect(preview.lineCount).toBe(5);
    expect(preview.lines[0]).toMatchObject({ line: 5, amount: 125000, kind: 'expense', duplicate: false });
    expect(await expenseTotal(alice)).toBe(0);
  });

  it('imports (201), then the same file again adds nothing and the preview marks every line as imported', async () => {
    const first = await alice.post('/api/import', file('overlap-september.csv'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<{ import: { added: number; lines?: unknown } }>().import).toMatchObject({ added: 4 });
    const again = await alice.post('/api/import', file('overlap-september.csv'));
    expect(again.json<{ import: { added: number; duplicates: number } }>().import).toMatchObject({
      added: 0,
      duplicates: 4,
    });
    const overlap = (await alice.post('/api/import/preview', file('overlap-october.csv'))).json<{
      preview: Preview;
    }>().preview;
    expect(overlap.lines.map((l) => l.duplicate)).toEqual([true, true, true, false, false]);
    const history = await alice.json<{ items: { fileName: string; added: number }[] }>('/api/import/history');
    expect(history.items.map((b) => [b.fileName, b.added])).toEqual([['overlap-september.csv', 4]]);
    expect((await bob.json<{ items: unknown[] }>('/api/import/history')).items).toEqual([]);
    const same = (await alice.post('/api/import/preview', file('overlap-september.csv'))).json<{
      preview: { importedBefore: { fileName: string }[] };
    }>();
    expect(same.preview.importedBefore.map((b) => b.fileName)).toEqual(['overlap-september.csv']);
    expect(await expenseTotal(alice)).toBe(4);
    expect(await expenseTotal(bob)).toBe(0);
  });

  it('refuses bad lines with 422 naming each, and imports the rest with skipBad', async () => {
    const res = await bob.post('/api/import', file('bad-lines.csv'));
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: string; field: string; lines: { line: number }[] }>();
    expect(body.field).toBe('content');
    expect(body.lines.map((l) => l.line)).toEqual([3, 5, 6]);
    expect(await expenseTotal(bob)).toBe(0);
    const skipped = await bob.post('/api/import', { ...file('bad-lines.csv'), skipBad: true });
    expect(skipped.json<{ import: { added: number; skippedBad: number } }>().import).toMatchObject({
      added: 3,
      skippedBad: 3,
    });
  });

  it('asks for the date order of an ambiguous file, and follows a changed mapping', async () => {
    expectError(await alice.post('/api/import/preview', file('ambiguous-dates.csv')), 400, 'dateFormat');
    const res = await alice.post('/api/import/preview', {
      ...file('ambiguous-dates.csv'),
      options: { dateFormat: 'mdy', invert: true },
    });
    const { preview } = res.json<{ preview: Preview }>();
    expect(preview.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['income', 320],
      ['income', 1800],
      ['expense', 1200],
    ]);
  });

  it.each([
    [{ fileName: 'x.csv' }, 'content'],
    [{ fileName: 'x.csv', content: 'not base64!' }, 'content'],
    [{ content: 'YQ==' }, 'fileName'],
    [{ ...file('nl-ing.csv'), options: { decimal: ';' } }, 'options.decimal'],
    [{ ...file('nl-ing.csv'), options: { columns: { amount: 'Saldo' } } }, 'columns'],
    [{ ...file('nl-ing.csv'), options: { delimiter: 'ab' } }, 'options.delimiter'],
    [{ ...file('nl-ing.csv'), extra: 1 }, 'extra'],
    [{ fileName: 'empty.csv', content: '' }, 'file'],
  ])('refuses %j with 400 on %s', async (body, field) => {
    expectError(await alice.post('/api/import/preview', body), 400, field);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await alice.post('/api/import', {
      fileName: 'big.csv',
      content: 'A'.repeat(15 * 1024 * 1024),
    });
    expectError(res, 413);
  });

  it('needs a session (401) and the CSRF token (403)', async () => {
    expectError(await s.app.inject({ method: 'POST', url: '/api/import', payload: file('nl-ing.csv') }), 401);
    expectError(await s.app.inject({ method: 'GET', url: '/api/import/rules' }), 401);
    expectError(await s.app.inject({ method: 'GET', url: '/api/export?format=json' }), 401);
    expectError(await alice.post('/api/import', file('nl-ing.csv'), { csrf: false }), 403);
  });
});

describe('/api/import/rules and /api/export', () => {
  let s: TestServer;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => ({ s, alice, bob } = await twoUsers()));
  afterAll(() => s.close());
  const categoryId = async (c: Client, name: string) =>
    (await c.json<{ items: { id: string; name: string }[] }>('/api/categories')).items.find(
      (x) => x.name === name,
    )?.id ?? '';

  it('adds, lists and deletes rules, and the rules file imported lines', async () => {
    const food = await categoryId(alice, 'Food');
    const res = await alice.post('/api/import/rules', { contains: 'Supermarket', categoryId: food });
    expect(res.statusCode, res.body).toBe(201);
    const { rule } = res.json<{ rule: { id: string; categoryName: string } }>();
    expect(rule.categoryName).toBe('Food');
    const { preview } = (await alice.post('/api/import/preview', file('overlap-september.csv'))).json<{
      preview: Preview;
    }>();
    expect(preview.lines.map((l) => l.categoryName)).toEqual([
      'Uncategorized',
      'Food',
      'Uncategorized',
      'Uncategorized',
    ]);
    expect((await alice.json<{ items: unknown[] }>('/api/import/rules')).items).toHaveLength(1);
    expect((await alice.delete(`/api/import/rules/${rule.id}`)).statusCode).toBe(204);
    expect((await alice.json<{ items: unknown[] }>('/api/import/rules')).items).toHaveLength(0);
  });

  it("never touches another user's rules or categories (404)", async () => {
    const food = await categoryId(alice, 'Food');
    const { rule } = (await alice.post('/api/import/rules', { contains: 'x', categoryId: food })).json<{
      rule: { id: string };
    }>();
    expectError(await bob.post('/api/import/rules', { contains: 'x', categoryId: food }), 404);
    expectError(await bob.delete(`/api/import/rules/${rule.id}`), 404);
    expect((await bob.json<{ items: unknown[] }>('/api/import/rules')).items).toHaveLength(0);
    expectError(await alice.post('/api/import/rules', { contains: '', categoryId: food }), 400, 'contains');
  });

  it('downloads CSV and a JSON backup of only your own data', async () => {
    await alice.post('/api/import', file('overlap-september.csv'));
    await bob.post('/api/import', file('fr-banque.csv'));
    const csv = await alice.get('/api/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="pfm-2026-11-20\.csv"/);
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(5);
    expect(csv.body).not.toContain('CARREFOUR');
    const json = await alice.get('/api/export?format=json');
    const backup = json.json<{
      format: string;
      tables: { expense: unknown[]; app_user: { values: { name: string } }[] };
    }>();
    expect(backup.format).toBe('pfm-backup');
    expect(backup.tables.expense).toHaveLength(4);
    expect(backup.tables.app_user.map((u) => u.values.name)).toEqual(['alice']);
    expectError(await alice.get('/api/export?format=xml'), 400, 'format');
  });
});
