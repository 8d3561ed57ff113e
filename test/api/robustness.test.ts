import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../src/server/web/api-routes.js';
import {
  expectError,
  openServer,
  seedData,
  type Client,
  type SeededIds,
  type TestServer,
} from '../support/api-server.js';

/** Nothing a client sends may cause a 500: every answer is a success or a 4xx with the one error shape. */
describe('bad requests never cause a 500', () => {
  let s: TestServer;
  let alice: Client;
  let ids: SeededIds;
  let routes: ApiRoute[];

  beforeAll(async () => {
    s = await openServer();
    ids = seedData(s.store, (await s.addUser('alice')).id);
    alice = await s.login('alice');
    // /api/sync is left out: a sync per request would only test the sync engine's speed.
    routes = s.app.apiRoutes.filter(
      (r) => r.url !== '/api/sync' && r.url !== '/api/session' && r.url !== '/api/users',
    );
  });
  afterAll(() => s.close());

  const urlOf = (r: ApiRoute) =>
    r.url.replace(':name', 'monthly').replace(/^\/api\/(\w+)\/:id/, (_, group: string) => {
      const id = {
        categories: ids.category,
        expenses: ids.expense,
        income: ids.income,
        budgets: ids.budget,
        goals: ids.goal,
        conflicts: ids.conflict,
        accounts: ids.account,
        transfers: ids.transfer,
      }[group];
      return `/api/${group}/${id}`;
    });

  const raw = (method: string, url: string, payload: string, contentType = 'application/json') =>
    s.app.inject({
      method: method as 'POST',
      url,
      payload,
      headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrfToken, 'content-type': contentType },
    });

  const expectClientError = (
    res: { statusCode: number; body: string; headers: Record<string, unknown> },
    what: string,
  ) => {
    expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500);
    if (res.statusCode >= 400) {
      expect(res.headers['content-type'], what).toMatch(/^application\/json/);
      expect(typeof JSON.parse(res.body).error, what).toBe('string');
    }
  };

  const BODIES = [
    '{',
    '{"amount": "1",}',
    'null',
    '[]',
    '[{"name": "x"}]',
    '"text"',
    '42',
    'true',
    '{"amount": {"$gt": 0}, "date": ["2026-01-01"], "category": {"id": 1}}',
    '{"name": null, "kind": null, "amount": null, "target": null, "limit": null, "autoSyncMinutes": null}',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {"admin": true}}}',
    '{"amount": 1e400, "date": "2026-01-01", "category": "Food"}',
    '{"amount": "99999999999999999999", "date": "2026-01-01", "category": "Food"}',
    `{"name": "${'\\u0000'.repeat(5)}", "kind": "expense"}`,
    `{"note": "${'\\ud800'}"}`,
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    '\u0000\u0001\u0002',
  ];

  it('answers malformed, mistyped and hostile JSON bodies on every route with a 4xx', async () => {
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      for (const body of BODIES)
        expectClientError(
          await raw(route.method, urlOf(route), body),
          `${route.method} ${route.url} ${body.slice(0, 40)}`,
        );
    }
  });

  it('answers specific problems with the right status', async () => {
    expect(expectError(await raw('POST', '/api/expenses', '{'), 400).error).toBe(
      'the request body is not valid JSON',
    );
    expectError(await raw('POST', '/api/categories', '{"__proto__": {"x": 1}}'), 400);
    expectError(
      await raw('POST', '/api/categories', 'name=x&kind=expense', 'application/x-www-form-urlencoded'),
      415,
    );
    expectError(await raw('POST', '/api/categories', 'name', 'text/plain'), 415);
    const huge = JSON.stringify({ name: 'x', kind: 'expense', note: 'y'.repeat(70_000) });
    expectError(await raw('POST', '/api/categories', huge), 413);
    expectError(await raw('POST', '/api/categories', '[]'), 400);
    // An empty body with a JSON content type is no body (a DELETE sent by fetch with default headers).
    const { budget } = (
      await alice.post('/api/budgets', { category: 'Food', month: '2026-01', limit: '5' })
    ).json<{
      budget: { id: string };
    }>();
    expect((await raw('DELETE', `/api/budgets/${budget.id}`, '')).statusCode).toBe(204);
  });

  it('answers odd ids and query strings with a 4xx', async () => {
    const odd = [
      'x'.repeat(300),
      '%ff%fe',
      '..%2F..%2Fetc%2Fpasswd',
      "1' OR '1'='1",
      '%00',
      'null',
      '-1',
      '💸',
    ];
    for (const route of routes.filter((r) => r.url.includes(':id'))) {
      for (const id of odd) {
        const url = route.url.replace(':id', id);
        const res = await s.app.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrfToken },
        });
        expectClientError(res, `${route.method} ${url}`);
        expect(res.statusCode, url).not.toBe(200);
      }
    }
    const queries = [
      'limit[]=1',
      'limit=1e400',
      'sort[x]=1',
      'offset=99999999999999999999',
      'from[gt]=1',
      'search=%ff',
      'category=%00',
      'month=2026-11&month=2026-12',
    ];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const q of queries)
        expectClientError(await alice.get(`${urlOf(route)}?${q}`), `${route.url}?${q}`);
    }
  });

  it('survives arbitrary JSON on every route that takes a body (property test)', async () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.jsonValue(),
    );
    const shaped = fc.record(
      {
        name: field,
        kind: fc.oneof(fc.constantFrom('expense', 'income'), field),
        amount: fc.oneof(fc.constantFrom('1', '12.50', '-3', '1e3'), field),
        target: field,
        limit: field,
        date: fc.oneof(fc.constantFrom('2026-11-01', '2026-02-29', '2026-13-01'), field),
        month: fc.oneof(fc.constantFrom('2026-11', '2026-00'), field),
        category: fc.oneof(fc.constantFrom('Food', 'Salary', ids.category, ids.incomeCategory), field),
        method: field,
        source: field,
        note: field,
        by: field,
        autoSyncMinutes: fc.oneof(fc.constantFrom(0, 5, 15), field),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.oneof(fc.jsonValue(), shaped);
    for (const route of routes.filter((r) => r.method !== 'GET' && r.method !== 'DELETE')) {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const res = await raw(route.method, urlOf(route), JSON.stringify(body) ?? 'null');
          expect(
            res.statusCode,
            `${route.method} ${route.url} ${JSON.stringify(body)}: ${res.body}`,
          ).toBeLessThan(500);
        }),
        { numRuns: 60 },
      );
    }
  });
});
