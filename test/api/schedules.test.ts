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

  it('posts one occurrence now (201), as the schedule says or changed, and refuses a second post of it', async () => {
    const made = await alice.post('/api/schedules', {
      ...rent,
      categoryId: housing,
      startDate: '2027-02-10',
    });
    const { schedule } = made.json<{ schedule: Schedule }>();
    const url = `/api/schedules/${schedule.id}/post`;
    const first = await alice.post(url, {});
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<{ occurrence: Occurrence }>().occurrence).toMatchObject({
      date: '2027-02-10',
      rowId: occurrenceId(schedule.id, '2027-02-10'),
      amount: 90_000,
      posted: true,
    });
    const changed = await alice.post(url, {
      date: '2027-04-10',
      amount: '450',
      on: '2027-04-08',
      note: 'half',
    });
    expect(changed.statusCode, changed.body).toBe(201);
    const row = await alice.json<{ expense: { amount: number; date: string; note: string } }>(
      `/api/expenses/${occurrenceId(schedule.id, '2027-04-10')}`,
    );
    expect(row.expense).toMatchObject({ amount: 45_000, date: '2027-04-08', note: 'half' });
    expect((await alice.json<{ items: Schedule[] }>('/api/schedules')).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: schedule.id, amount: 90_000, note: 'rent' })]),
    );
    expectError(await alice.post(url, { date: '2027-04-10' }), 400, 'date');
    expectError(await alice.post(url, { date: '2027-04-11' }), 400, 'date');
    expectError(await alice.post(url, { amount: '-1' }), 400, 'amount');
    expectError(await alice.post(url, { on: '2027-13-01' }), 400, 'on');
    expectError(await alice.post(url, { when: 'now' }), 400, 'when');
    expectError(await bob.post(url, {}), 404);
    await alice.delete(`/api/schedules/${schedule.id}`);
  });

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
