import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/domain/entities.js';
import { occurrenceId } from '../../src/domain/schedules.js';
import type { Occurrence } from '../../src/local/schedule-repository.js';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

describe('/api/schedules', () => {
  let s: TestServer;
  let alice: Client;
  let bob: Client;
  let housing: string;

  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    await s.addUser('bob');
    alice = await s.login('alice');
    bob = await s.login('bob');
    const cats = await alice.json<{ items: { id: string; name: string }[] }>('/api/categories?kind=expense');
    housing = cats.items.find((c) => c.name === 'Housing')?.id ?? '';
  });
  afterAll(() => s.close());

  const rent = {
    kind: 'expense',
    amount: '900.00',
    unit: 'month',
    startDate: '2026-11-20',
    note: 'rent',
    autoPost: false,
  };

  it('adds a schedule (201), lists it, shows what is coming, posts what is due once, and skips', async () => {
    const res = await alice.post('/api/schedules', { ...rent, categoryId: housing });
    expect(res.statusCode, res.body).toBe(201);
    const { schedule } = res.json<{ schedule: Schedule }>();
    expect(schedule).toMatchObject({ amount: 90_000, unit: 'month', every: 1, autoPost: false, skipped: [] });
    const list = await alice.json<{ items: Schedule[] }>('/api/schedules');
    expect(list.items.map((i) => i.id)).toEqual([schedule.id]);
    const coming = await alice.json<{ items: Occurrence[] }>('/api/schedules/upcoming?days=45');
    expect(coming.items.map((o) => [o.date, o.posted])).toEqual([
      ['2026-11-20', false],
      ['2026-12-20', false],
    ]);
    const posted = await alice.post('/api/schedules/post', {});
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json<{ posted: Occurrence[] }>().posted.map((o) => o.rowId)).toEqual([
      occurrenceId(schedule.id, '2026-11-20'),
    ]);
    expect((await alice.post('/api/schedules/post', {})).json<{ posted: Occurrence[] }>().posted).toEqual([]);
    const edited = await alice.patch(`/api/schedules/${schedule.id}`, { amount: '950', note: 'new rent' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<{ schedule: Schedule }>().schedule).toMatchObject({
      amount: 95_000,
      note: 'new rent',
    });
    const skipped = await alice.post(`/api/schedules/${schedule.id}/skip`, { date: '2026-12-20' });
    expect(skipped.json<{ schedule: Schedule }>().schedule.skipped).toEqual(['2026-12-20']);
    expect((await alice.delete(`/api/schedules/${schedule.id}`)).statusCode).toBe(204);
    expect((await alice.json<{ items: Schedule[] }>('/api/schedules')).items).toEqual([]);
  });

  it('refuses bad input with 400 naming the field, and another user’s schedule with 404', async () => {
    expectError(
      await alice.post('/api/schedules', { ...rent, categoryId: housing, startDate: '2026-11-01' }),
      400,
      'startDate',
    );
    expectError(await alice.post('/api/schedules', { ...rent, categoryId: housing, every: 0 }), 400, 'every');
    expectError(
      await alice.post('/api/schedules', { ...rent, categoryId: housing, amount: '-1' }),
      400,
      'amount',
    );
    expectError(await bob.post('/api/schedules', { ...rent, categoryId: housing }), 400, 'categoryId');
    expectError(await alice.post('/api/schedules/post', { asOf: '2026-12-01' }), 400, 'asOf');
    const { schedule } = (
      await alice.post('/api/schedules', { ...rent, categoryId: housing, startDate: '2027-01-31' })
    ).json<{
      schedule: Schedule;
    }>();
    expectError(await bob.delete(`/api/schedules/${schedule.id}`), 404);
    expectError(await bob.patch(`/api/schedules/${schedule.id}`, { amount: '1' }), 404);
    expectError(await alice.patch(`/api/schedules/${schedule.id}`, { dayOfMonth: 40 }), 400, 'dayOfMonth');
    expectError(await bob.post(`/api/schedules/${schedule.id}/skip`, { date: '2027-01-31' }), 404);
  });
});
