import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { buildServer } from '../../src/server/web/app.js';
import { ConflictRepository } from '../../src/local/conflict-repository.js';
import {
  Clock,
  expectError,
  openServer,
  parseEvents,
  PASSWORD,
  sessionCookie,
  UNREACHABLE_CENTRAL,
  type Client,
  type TestServer,
} from '../support/api-server.js';

interface Done {
  status: string;
  pushed: number;
  pulled: number;
  conflicts: number;
  durationSeconds: number;
  errorMessage: string | null;
  syncType: string;
  message: string;
}

async function syncNow(client: Client) {
  const res = await client.post('/api/sync');
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  const events = parseEvents(res.body);
  const last = events[events.length - 1];
  expect(last?.event).toBe('done');
  expect(events.filter((e) => e.event === 'done')).toHaveLength(1);
  return { events, done: last?.data as Done };
}

/** A central store whose handshake waits for `open()`: a sync that stays running while the test looks. */
function gated(central: CentralStore) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const store = new Proxy(central, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      // A sync's first central call: checkSchema, or the one-statement handshake of the PostgreSQL family.
      if ((prop === 'checkSchema' || prop === 'handshake') && typeof value === 'function')
        return async (...a: unknown[]) => (
          await gate,
          (value as (...a: unknown[]) => unknown).apply(target, a)
        );
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, open };
}

// One embedded central store for the whole file (users differ per test).
let central: CentralStore;
beforeAll(async () => {
  central = await openCentral('sqlite::memory:');
});
afterAll(() => central.close());

describe('sync through the API, with an embedded central store', () => {
  const clock = new Clock();
  let a: TestServer;
  let b: TestServer;
  let aliceA: Client;

  beforeAll(async () => {
    a = await openServer({ central, clock });
    b = await openServer({ central, clock });
    await a.addUser('alice');
    aliceA = await a.login('alice');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('streams progress per batch and then the result', async () => {
    const res = await aliceA.post('/api/expenses', {
      amount: '12.50',
      date: '2026-11-19',
      category: 'Food',
      note: 'groceries',
    });
    expect(res.statusCode).toBe(201);
    const { events, done } = await syncNow(aliceA);
    const progress = events
      .filter((e) => e.event === 'progress')
      .map((e) => e.data as { phase: string; table: string; pushed: number });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    // Said from the start: connecting, then each table's push with how many rows it sends, then its batches.
    expect(events.find((e) => e.event === 'progress')?.data).toMatchObject({ phase: 'connect', batch: 0 });
    expect(events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ phase: 'push', table: 'category', batch: 0, rows: 0, expected: 12 }),
    );
    expect(progress.map((p) => `${p.phase} ${p.table}`)).toEqual(
      expect.arrayContaining(['push app_user', 'push category', 'push expense']),
    );
    expect(done).toMatchObject({ status: 'Success', syncType: 'Manual', conflicts: 0, errorMessage: null });
    expect(done.message).toBe('Synced: sent 15, received 0, 0 conflicts.');
    expect(done.pushed).toBe(1 + 12 + 1 + 1); // the user, the default categories, the first account, the expense
    expect(done.durationSeconds).toBeGreaterThanOrEqual(0);
    const log = await aliceA.json<{ items: Done[] }>('/api/sync/log');
    expect(log.items[0]).toMatchObject({ status: 'Success', syncType: 'Manual', pushed: 15 });
  });

  it('logs a user in on a second device from the central store, bringing their data', async () => {
    // Registering the name there is refused: it belongs to the central store's alice.
    const reg = await b.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { name: 'alice', password: 'another password' },
    });
    expectError(reg, 409, 'name');
    const wrong = await b.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'alice', password: 'not it at all' },
    });
    expectError(wrong, 401);
    const aliceB = await b.login('alice');
    const page = await aliceB.json<{ items: { note: string; amount: number }[] }>('/api/expenses');
    expect(page.items).toMatchObject([{ note: 'groceries', amount: 1250 }]);
    const log = await aliceB.json<{ items: Done[] }>('/api/sync/log');
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ status: 'Success', pulled: 15 });
  });

  it('keeps the losing value of a conflicting edit, lists it and restores it', async () => {
    const aliceB = await b.login('alice', PASSWORD);
    const [expense] = (await aliceB.json<{ items: { id: string }[] }>('/api/expenses')).items;
    const id = expense?.id as string;
    clock.advance(1000);
    expect((await aliceB.patch(`/api/expenses/${id}`, { note: 'from B' })).statusCode).toBe(200);
    clock.advance(1000);
    expect((await aliceA.patch(`/api/expenses/${id}`, { note: 'from A' })).statusCode).toBe(200);
    clock.advance(1000);
    expect((await syncNow(aliceA)).done.status).toBe('Success');
    const { done } = await syncNow(aliceB);
    // A's note came back in the answer to B's push: received, and counted so.
    expect(done).toMatchObject({ status: 'Success', conflicts: 1, pulled: 1 });

    const conflicts = await aliceB.json<{
      items: { id: string; field: string; lostValue: unknown; keptValue: unknown }[];
    }>('/api/conflicts');
    expect(conflicts.items).toMatchObject([
      // It names the expense as it is now, so a person can tell which one it is.
      {
        field: 'description',
        lostValue: 'from B',
        keptValue: 'from A',
        subject: {
          amount: 1250,
          text: 'from A',
          date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
        },
      },
    ]);
    const conflictId = conflicts.items[0]?.id as string;
    expectError(await aliceA.post(`/api/conflicts/${conflictId}/restore`), 404); // device A has no such conflict

    const res = await aliceB.post(`/api/conflicts/${conflictId}/restore`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ conflict: { id: conflictId, resolution: 'restored' } });
    expectError(await aliceB.post(`/api/conflicts/${conflictId}/restore`), 409);
    expectError(await aliceB.post(`/api/conflicts/${conflictId}/dismiss`), 409);
    expect((await aliceB.json<{ items: unknown[] }>('/api/conflicts')).items).toHaveLength(0);
    expect((await aliceB.json<{ items: unknown[] }>('/api/conflicts?all=true')).items).toHaveLength(1);
    expectError(await aliceB.get('/api/conflicts?all=maybe'), 400, 'all');
    expect((await aliceB.json<{ items: { note: string }[] }>('/api/expenses')).items[0]?.note).toBe('from B');

    // The restored value travels on the next syncs.
    clock.advance(1000);
    await syncNow(aliceB);
    await syncNow(aliceA);
    expect((await aliceA.json<{ items: { note: string }[] }>('/api/expenses')).items[0]?.note).toBe('from B');
  });

  it('dismisses a conflict', async () => {
    const aliceB = await b.login('alice');
    const repo = new ConflictRepository(b.store);
    repo.record(aliceB.user.id, 'expense', [
      {
        rowId: 'r1',
        field: 'amount',
        keptValue: 1,
        keptHlc: '2026-11-01T10:00:00.000Z-0000-00000000000000aa',
        lostValue: 2,
        lostHlc: '2026-11-01T09:00:00.000Z-0000-00000000000000bb',
        loser: 'receiver',
      },
    ]);
    const id = (await aliceB.json<{ items: { id: string }[] }>('/api/conflicts')).items[0]?.id as string;
    const res = await aliceB.post(`/api/conflicts/${id}/dismiss`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ conflict: { resolution: 'dismissed' } });
  });

  it('runs one sync at a time per user (409 while one runs)', async () => {
    const { store, open } = gated(central);
    const c = await openServer({ central: store, clock });
    try {
      await c.addUser('carol');
      const carol = await c.login('carol');
      const first = carol.post('/api/sync');
      await vi.waitFor(async () => expect((await carol.json('/api/settings')).syncRunning).toBe(true));
      expectError(await carol.post('/api/sync'), 409);
      open();
      const done = parseEvents((await first).body).at(-1);
      expect(done).toMatchObject({ event: 'done', data: { status: 'Success' } });
      expect((await carol.json('/api/settings')).syncRunning).toBe(false);
    } finally {
      open();
      await c.close();
    }
  });

  it('validates the sync log query', async () => {
    expect((await aliceA.json<{ items: unknown[] }>('/api/sync/log?limit=1')).items).toHaveLength(1);
    expectError(await aliceA.get('/api/sync/log?limit=0'), 400, 'limit');
    expectError(await aliceA.get('/api/sync/log?limit=many'), 400, 'limit');
  });
});

describe('automatic sync settings', () => {
  afterEach(() => vi.useRealTimers());

  it('reads and sets the interval, refusing other values', async () => {
    const s = await openServer();
    try {
      await s.addUser('dan');
      const dan = await s.login('dan');
      expect(await dan.json('/api/settings')).toEqual({
        autoSyncMinutes: 0,
        central: 'postgres://pfm@127.0.0.1:1/pfm',
        syncRunning: false,
      });
      const res = await dan.put('/api/settings', { autoSyncMinutes: 15 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ autoSyncMinutes: 15 });
      expect((await dan.json('/api/settings')).autoSyncMinutes).toBe(15);
      expectError(await dan.put('/api/settings', { autoSyncMinutes: 7 }), 400, 'autoSyncMinutes');
      expectError(await dan.put('/api/settings', { autoSyncMinutes: '15' }), 400, 'autoSyncMinutes');
      expectError(await dan.put('/api/settings', {}), 400, 'autoSyncMinutes');
      expectError(await dan.put('/api/settings', { autoSyncMinutes: 5, verbose: true }), 400, 'verbose');
      expect((await dan.json('/api/settings')).autoSyncMinutes).toBe(15);
    } finally {
      await s.close();
    }
  });

  it('keeps the interval in the device database: the next server on this device resumes it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const s = await openServer();
    try {
      await s.addUser('fay');
      await s.addUser('gus');
      const fay = await s.login('fay');
      expect((await fay.put('/api/settings', { autoSyncMinutes: 30 })).statusCode).toBe(200);
      const gus = await s.login('gus');
      await gus.put('/api/settings', { autoSyncMinutes: 15 });
      await gus.put('/api/settings', { autoSyncMinutes: 0 });
      await s.app.close();
      expect(vi.getTimerCount()).toBe(0);

      // `pfm serve` again on the same device database.
      const again = await buildServer({ store: s.store, centralUrl: UNREACHABLE_CENTRAL, webRoot: null });
      try {
        expect(vi.getTimerCount()).toBe(1);
        for (const [name, minutes] of [
          ['fay', 30],
          ['gus', 0],
        ] as const) {
          const login = await again.inject({
            method: 'POST',
            url: '/api/session',
            payload: { name, password: PASSWORD },
          });
          const res = await again.inject({
            method: 'GET',
            url: '/api/settings',
            headers: { cookie: sessionCookie(login) },
          });
          expect(res.json<{ autoSyncMinutes: number }>().autoSyncMinutes, name).toBe(minutes);
        }
      } finally {
        await again.close();
      }
    } finally {
      s.store.close();
    }
  });

  it('syncs on the timer, logged as Automatic, and the timers end with the server', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const s = await openServer({ central });
    try {
      await s.addUser('erin');
      const erin = await s.login('erin');
      expect((await erin.put('/api/settings', { autoSyncMinutes: 5 })).statusCode).toBe(200);
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(5 * 60_000);
      await vi.waitFor(async () => {
        const log = await erin.json<{ items: Done[] }>('/api/sync/log');
        expect(log.items[0]).toMatchObject({ syncType: 'Automatic', status: 'Success' });
      });
      expect((await erin.put('/api/settings', { autoSyncMinutes: 0 })).statusCode).toBe(200);
      expect(vi.getTimerCount()).toBe(0);
      await erin.put('/api/settings', { autoSyncMinutes: 60 });
      expect(vi.getTimerCount()).toBe(1);
    } finally {
      await s.close();
    }
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('sync with an unreachable central store', () => {
  it('ends with a normal done event, status Failed and a clear message; the app keeps working', async () => {
    const s = await openServer({ syncRetry: { retries: 1, baseDelayMs: 5, jitter: 0 } });
    try {
      await s.addUser('fay');
      const fay = await s.login('fay');
      const { events, done } = await syncNow(fay);
      // Each attempt says it is connecting, and nothing more.
      expect(events.filter((e) => e.event === 'progress').map((e) => e.data)).toMatchObject([
        { phase: 'connect', batch: 0, pushed: 0 },
        { phase: 'connect', batch: 0, pushed: 0 },
      ]);
      expect(events.filter((e) => e.event === 'retry')).toMatchObject([{ data: { attempt: 1, delayMs: 5 } }]);
      expect(done).toMatchObject({ status: 'Failed', pushed: 0, pulled: 0 });
      expect(done.message).toMatch(
        /^Sync failed: .*ECONNREFUSED.* Everything on this device keeps working; try again later\.$/,
      );
      expect(done.errorMessage).toMatch(
        /central store postgres:\/\/pfm@127\.0\.0\.1:1\/pfm.*ECONNREFUSED.*after 2 attempts/,
      );
      // Everything else still works, and the failure is in the history.
      expect(
        (await fay.post('/api/expenses', { amount: '3', date: '2026-11-20', category: 'Food' })).statusCode,
      ).toBe(201);
      expect((await fay.json<{ total: number }>('/api/expenses')).total).toBe(1);
      expect((await fay.json('/api/reports/monthly')).expenses).toBe(300);
      const log = await fay.json<{ items: Done[] }>('/api/sync/log');
      expect(log.items[0]).toMatchObject({ status: 'Failed', syncType: 'Manual' });
      // And a second try is allowed at once.
      expect((await syncNow(fay)).done.status).toBe('Failed');
    } finally {
      await s.close();
    }
  });
});
