import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../src/server/web/api-routes.js';
import {
  expectError,
  openServer,
  seedData,
  snapshot,
  type Client,
  type SeededIds,
  type TestServer,
} from '../support/api-server.js';

/**
 * The guards every route has, checked over the server's own list of routes (so a new route cannot be left out):
 * anonymous requests get 401, state-changing ones without the CSRF token get 403, and another user's ids get 404;
 * none of them changes anything.
 */
const BODIES: Readonly<Record<string, unknown>> = {
  'POST /api/categories': { name: 'Garden', kind: 'expense' },
  'PATCH /api/categories/:id': { name: 'Renamed' },
  'POST /api/expenses': { amount: '1.00', date: '2026-11-10', category: 'Food' },
  'PATCH /api/expenses/:id': { amount: '2.00' },
  'POST /api/income': { amount: '1.00', date: '2026-11-10', category: 'Salary' },
  'PATCH /api/income/:id': { amount: '2.00' },
  'POST /api/budgets': { category: 'Food', month: '2026-11', limit: '50' },
  'POST /api/budgets/copy': { from: '2026-11', to: '2026-12' },
  'POST /api/goals': { name: 'Car', target: '100' },
  'PATCH /api/goals/:id': { name: 'Boat' },
  'POST /api/goals/:id/contributions': { amount: '1', date: '2026-11-10' },
  'PUT /api/settings': { autoSyncMinutes: 5 },
  'PATCH /api/session/user': { locale: 'de-DE' },
  'POST /api/users': { name: 'newbie', password: 'long enough pw' },
  'POST /api/session': { name: 'alice', password: 'wrong password' },
  'POST /api/import/preview': { fileName: 'a.csv', content: 'RGF0ZSxBbW91bnQKMjAyNi0xMS0wMSwtMQo=' },
  'POST /api/import': { fileName: 'a.csv', content: 'RGF0ZSxBbW91bnQKMjAyNi0xMS0wMSwtMQo=' },
  'POST /api/import/rules': { contains: 'vet', categoryId: '01900000-0000-7000-8000-000000000000' },
  'POST /api/accounts': { name: 'Wallet', kind: 'cash' },
  'PATCH /api/accounts/:id': { name: 'Renamed' },
  'PUT /api/accounts/:id/status': { kind: 'expense', rowId: 'x', status: 'cleared' },
  'POST /api/accounts/:id/reconcile': { balance: '0' },
  'POST /api/transfers': { from: 'Main account', to: 'Savings', amount: '1', date: '2026-11-10' },
  'PATCH /api/transfers/:id': { amount: '2.00' },
  'POST /api/schedules': { kind: 'expense', amount: '1', unit: 'week', startDate: '2026-12-01' },
  'POST /api/schedules/:id/skip': { date: '2026-12-01' },
  'POST /api/schedules/:id/post': { note: 'by hand' },
  'POST /api/schedules/post': {},
  'PATCH /api/schedules/:id': { amount: '2.00' },
  'POST /api/transactions/bulk': { kind: 'expense', ids: ['x'], action: { addTags: ['t'] } },
};

/** Which of bob's ids stands in for `:id` in each route. */
const ID_OF: readonly [RegExp, keyof SeededIds][] = [
  [/^\/api\/categories\/:id/, 'category'],
  [/^\/api\/expenses\/:id/, 'expense'],
  [/^\/api\/income\/:id/, 'income'],
  [/^\/api\/budgets\/:id/, 'budget'],
  [/^\/api\/goals\/:id/, 'goal'],
  [/^\/api\/conflicts\/:id/, 'conflict'],
  [/^\/api\/import\/rules\/:id/, 'rule'],
  [/^\/api\/accounts\/:id/, 'account'],
  [/^\/api\/transfers\/:id/, 'transfer'],
  [/^\/api\/schedules\/:id/, 'schedule'],
  [/^\/api\/undo\/:id/, 'undo'],
];

const key = (r: ApiRoute) => `${r.method} ${r.url}`;

describe('route guards', () => {
  let s: TestServer;
  let alice: Client;
  let aliceIds: SeededIds;
  let bobIds: SeededIds;
  let routes: ApiRoute[];

  beforeAll(async () => {
    s = await openServer();
    aliceIds = seedData(s.store, (await s.addUser('alice')).id);
    bobIds = seedData(s.store, (await s.addUser('bob')).id);
    alice = await s.login('alice');
    routes = s.app.apiRoutes;
  });
  afterAll(() => s.close());

  const urlFor = (route: ApiRoute, ids: SeededIds) => {
    const url = route.url.replace(':name', 'monthly');
    if (!url.includes(':id')) return url;
    const match = ID_OF.find(([pattern]) => pattern.test(route.url));
    if (!match) throw new Error(`no test id for ${key(route)}: add it to ID_OF`);
    return url.replace(':id', ids[match[1]]);
  };

  it('knows every route', () => {
    expect(routes.length).toBeGreaterThanOrEqual(28);
    for (const r of routes)
      if (
        r.method !== 'GET' &&
        r.method !== 'DELETE' &&
        !r.url.includes('conflicts') &&
        !r.url.startsWith('/api/undo/') &&
        r.url !== '/api/sync'
      )
        expect(BODIES, key(r)).toHaveProperty([key(r)]);
  });

  it('answers 401 to every anonymous request except register, log in and the OpenAPI description', async () => {
    const before = snapshot(s.store, aliceIds.userId);
    const open: string[] = [];
    for (const route of routes) {
      const res = await s.app.inject({
        method: route.method as 'GET',
        url: urlFor(route, aliceIds),
        ...(BODIES[key(route)] ? { payload: BODIES[key(route)] as object } : {}),
      });
      if (route.anonymous) {
        open.push(key(route));
        continue;
      }
      expectError(res, 401);
    }
    expect(open.sort()).toEqual(['GET /api/openapi.json', 'POST /api/session', 'POST /api/users']);
    expect(snapshot(s.store, aliceIds.userId)).toBe(before);
  });

  it('answers 403 to every state-changing request without the right CSRF token, changing nothing', async () => {
    const before = snapshot(s.store, aliceIds.userId);
    const guarded = routes.filter((r) => r.csrf);
    expect(guarded.length).toBeGreaterThanOrEqual(17);
    for (const route of guarded) {
      for (const csrf of [false, 'x'.repeat(43), ''] as const) {
        const res = await alice.request(route.method as 'POST', urlFor(route, aliceIds), BODIES[key(route)], {
          csrf,
        });
        expectError(res, 403);
      }
    }
    expect(snapshot(s.store, aliceIds.userId)).toBe(before);
    expect((await alice.json('/api/settings')).autoSyncMinutes).toBe(0);
    expect((await alice.get('/api/session')).statusCode).toBe(200); // DELETE /api/session without a token logged nobody out
  });

  it("answers 404 to every route given another user's id, and changes nothing of theirs", async () => {
    const before = snapshot(s.store, bobIds.userId);
    const withIds = routes.filter((r) => r.url.includes(':id'));
    expect(withIds.length).toBeGreaterThanOrEqual(11);
    for (const route of withIds) {
      const res = await alice.request(route.method as 'GET', urlFor(route, bobIds), BODIES[key(route)]);
      const body = expectError(res, 404);
      expect(body.error).not.toMatch(/bob|another user|belongs/i);
    }
    expect(snapshot(s.store, bobIds.userId)).toBe(before);
  });

  it('answers 404 to a bad body sent to an id that is not there, and 400 when it is', async () => {
    const withBodies = routes.filter((r) => r.url.includes(':id') && BODIES[key(r)] !== undefined);
    expect(withBodies.map(key).sort()).toEqual([
      'PATCH /api/accounts/:id',
      'PATCH /api/categories/:id',
      'PATCH /api/expenses/:id',
      'PATCH /api/goals/:id',
      'PATCH /api/income/:id',
      'PATCH /api/schedules/:id',
      'PATCH /api/transfers/:id',
      'POST /api/accounts/:id/reconcile',
      'POST /api/goals/:id/contributions',
      'POST /api/schedules/:id/post',
      'POST /api/schedules/:id/skip',
      'PUT /api/accounts/:id/status',
    ]);
    const before = snapshot(s.store, aliceIds.userId);
    for (const route of withBodies) {
      const bad = { amount: 'ten', name: '', bogus: true };
      const nowhere = route.url.replace(':id', '01900000-0000-7000-8000-000000000000');
      for (const url of [urlFor(route, bobIds), nowhere])
        expectError(await alice.request(route.method as 'PATCH', url, bad), 404);
      expectError(await alice.request(route.method as 'PATCH', urlFor(route, aliceIds), bad), 400);
    }
    expect(snapshot(s.store, aliceIds.userId)).toBe(before);
  });

  it('answers 404 alike for ids that exist nowhere', async () => {
    for (const route of routes.filter((r) => r.url.includes(':id'))) {
      const url = route.url.replace(':id', '01900000-0000-7000-8000-000000000000');
      expectError(await alice.request(route.method as 'GET', url, BODIES[key(route)]), 404);
    }
  });
});
