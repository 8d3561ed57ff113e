import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncLogRepository } from '../../src/local/sync-log-repository.js';
import { openServer, seedData, type Client, type SeededIds, type TestServer } from '../support/api-server.js';

/** The part of JSON Schema the answers' schemas use. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  $ref?: string;
}
interface Response {
  content?: Record<string, { schema: Schema }>;
}
type Doc = { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };

/** Where an answer and its schema disagree: a field the schema does not name, a required one missing, a wrong type. */
function misfits(value: unknown, schema: Schema, at: string): string[] {
  if (schema.$ref) return [`${at}: unexpected $ref ${schema.$ref}`];
  if (schema.anyOf) {
    const tries = schema.anyOf.map((s) => misfits(value, s, at));
    return tries.some((t) => t.length === 0)
      ? []
      : [`${at} fits no shape: ${tries.map((t) => t[0]).join('; ')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at} = ${JSON.stringify(value)} is not listed`];
  const types = [schema.type ?? []].flat();
  if (types.length === 0) return [];
  const type =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : typeof value === 'number' && Number.isInteger(value) && !types.includes('number')
          ? 'integer'
          : typeof value;
  if (!types.includes(type)) return [`${at} is ${type}, not ${types.join(' or ')}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => misfits(v, schema.items ?? {}, `${at}[${i}]`));
  if (type !== 'object') return [];
  const record = value as Record<string, unknown>;
  const named = schema.properties ?? {};
  const problems = (schema.required ?? [])
    .filter((key) => !(key in record))
    .map((key) => `${at}.${key} is missing`);
  for (const [key, field] of Object.entries(record)) {
    const fieldSchema =
      named[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : null);
    if (fieldSchema) problems.push(...misfits(field, fieldSchema, `${at}.${key}`));
    else problems.push(`${at}.${key} is not in the schema`);
  }
  return problems;
}

const statement = (name: string) => ({
  fileName: name,
  content: readFileSync(`test/fixtures/statements/${name}`).toString('base64'),
});

// JSON answers whose shape is the OpenAPI document's own or a file's: described, not given fields.
const FREE_FORM = ['GET /api/openapi.json', 'GET /api/export'];

describe('the answers carry exactly the fields their schemas name', () => {
  let s: TestServer;
  let alice: Client;
  let ids: SeededIds;
  let doc: Doc;

  beforeAll(async () => {
    s = await openServer();
    ids = seedData(s.store, (await s.addUser('alice')).id);
    const logs = new SyncLogRepository(s.store);
    const run = logs.open(ids.userId, 'Manual', 'postgres://pfm@central/pfm');
    logs.close(run, { status: 'Failed', pushed: 0, pulled: 0, conflicts: 0, errorMessage: 'unreachable' });
    alice = await s.login('alice');
    expect((await alice.post('/api/import', statement('overlap-september.csv'))).statusCode).toBe(201);
    doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Doc>();
  });
  afterAll(() => s.close());

  /** The answer to a request, checked against the schema the document gives for its status. */
  async function fits(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    url: string,
    payload?: unknown,
  ) {
    const res = await alice.request(method, url, payload);
    const schema =
      doc.paths[path]?.[method.toLowerCase()]?.responses[String(res.statusCode)]?.content?.[
        'application/json'
      ]?.schema;
    expect(schema, `${method} ${url} answered ${res.statusCode}: ${res.body}`).toBeDefined();
    expect(misfits(res.json(), schema as Schema, 'answer'), `${method} ${url}`).toEqual([]);
    return res.json<Record<string, unknown>>();
  }

  it('gives every JSON answer of every route a schema with its fields', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (FREE_FORM.includes(`${method.toUpperCase()} ${path}`)) continue;
        for (const [status, response] of Object.entries(op.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (!status.startsWith('2') || !schema) continue;
          const shapes = schema.anyOf ?? [schema];
          for (const shape of shapes)
            expect(shape.properties, `${method} ${path} ${status}`).toEqual(expect.any(Object));
        }
      }
    }
  });

  it('lists, reports, the sync log and conflicts', async () => {
    for (const url of [
      '/api/expenses',
      '/api/income',
      '/api/categories',
      '/api/budgets',
      '/api/goals',
      `/api/goals/${ids.goal}/contributions`,
      '/api/import/history',
      '/api/import/rules',
      '/api/sync/log',
      '/api/conflicts',
      '/api/settings',
      '/api/session',
    ])
      await fits('GET', url.replace(ids.goal, '{id}'), url);
    for (const name of ['monthly', 'categories', 'budgets', 'goals', 'trend']) {
      const report = await fits(
        'GET',
        '/api/reports/{name}',
        `/api/reports/${name}?month=2026-11&date=2026-11-20`,
      );
      expect(report.currency).toBe('EUR');
    }
    const log = await alice.json<{ items: Record<string, unknown>[] }>('/api/sync/log');
    expect(log.items[0]).toMatchObject({ status: 'Failed', errorMessage: 'unreachable' });
  });

  it('one expense or income, created and changed, with none of the store row fields', async () => {
    const created = await fits('POST', '/api/expenses', '/api/expenses', {
      amount: '3.50',
      date: '2026-11-10',
      category: 'Pets',
      method: 'cash',
    });
    const expense = created.expense as Record<string, unknown>;
    expect(Object.keys(expense).sort()).toEqual(
      [
        'amount',
        'categoryDeleted',
        'categoryId',
        'categoryName',
        'date',
        'id',
        'method',
        'modifiedAt',
        'note',
        'userId',
        'accountId',
        'accountName',
        'accountDeleted',
        'status',
        'payee',
        'tags',
        'splits',
      ].sort(),
    );
    await fits('PATCH', '/api/expenses/{id}', `/api/expenses/${String(expense.id)}`, { note: 'treats' });
    const income = await fits('PATCH', '/api/income/{id}', `/api/income/${ids.income}`, { source: null });
    expect(income).toMatchObject({ income: { source: null }, currency: 'EUR' });
  });

  it('imports: preview, result, refusal and a new rule', async () => {
    await fits('POST', '/api/import/preview', '/api/import/preview', statement('de-sparkasse-latin1.csv'));
    await fits('POST', '/api/import', '/api/import', statement('overlap-october.csv'));
    const refused = await fits('POST', '/api/import', '/api/import', statement('bad-lines.csv'));
    expect(refused.field).toBe('content');
    await fits('POST', '/api/import/rules', '/api/import/rules', {
      contains: 'rent',
      categoryId: ids.category,
    });
  });

  it('accounts, their registers, transfers, reconciles and the account reports', async () => {
    const id = '{id}';
    for (const [path, url] of [
      ['/api/accounts', '/api/accounts?all=true'],
      [`/api/accounts/${id}`, `/api/accounts/${ids.account}`],
      [`/api/accounts/${id}/register`, `/api/accounts/${ids.account}/register`],
      ['/api/transfers', '/api/transfers'],
      [`/api/transfers/${id}`, `/api/transfers/${ids.transfer}`],
      ['/api/reports/balances', '/api/reports/balances?asOf=2026-11-20'],
      ['/api/reports/networth', '/api/reports/networth?from=2026-09&to=2026-11'],
    ] as const)
      await fits('GET', path, url);
    const created = await fits('POST', '/api/accounts', '/api/accounts', {
      name: 'Card',
      kind: 'credit_card',
      openingBalance: '-20.00',
    });
    const card = created.account as { id: string };
    await fits('PATCH', `/api/accounts/${id}`, `/api/accounts/${card.id}`, { archived: true });
    await fits('PUT', `/api/accounts/${id}/status`, `/api/accounts/${ids.account}/status`, {
      kind: 'transfer',
      rowId: ids.transfer,
      status: 'cleared',
    });
    await fits('POST', `/api/accounts/${id}/reconcile`, `/api/accounts/${ids.account}/reconcile`, {
      balance: '100.00',
    });
    await fits('POST', '/api/transfers', '/api/transfers', {
      from: 'Savings',
      to: 'Main account',
      amount: '5',
      date: '2026-11-12',
    });
    await fits('PATCH', `/api/transfers/${id}`, `/api/transfers/${ids.transfer}`, {
      note: 'moved',
      confirmReconciled: true,
    });
  });

  it('a restored conflict', async () => {
    const answer = await fits(
      'POST',
      '/api/conflicts/{id}/restore',
      `/api/conflicts/${ids.conflict}/restore`,
    );
    expect(answer).toMatchObject({ conflict: { id: ids.conflict, resolution: 'restored' } });
  });
});
