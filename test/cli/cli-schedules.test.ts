import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { occurrenceId } from '../../src/domain/schedules.js';
import { cliOn, runCli, tempDataDir } from '../support/cli-runner.js';

let data: { dir: string; dispose: () => void };
beforeEach(async () => {
  data = tempDataDir();
  await pfmJson('user', 'add', 'zoe', '--currency', 'EUR');
  await pfmJson('account', 'add', 'Savings', '--user', 'zoe', '--kind', 'savings');
});
afterEach(() => data.dispose());

const { pfm, pfmJson } = cliOn(() => data.dir);
/** `pfm --json` on a given day (the default clock says 2026-11-20). */
const on = async <T>(day: string, ...args: string[]) => {
  const r = await runCli(['--data', data.dir, '--json', ...args], { now: new Date(`${day}T12:00:00Z`) });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

interface ScheduleJson {
  id: string;
  kind: string;
  amount: number;
  startDate: string;
  dayOfMonth: number | null;
  count: number | null;
  endDate: string | null;
  autoPost: boolean;
  skipped: string[];
}
interface OccurrenceJson {
  date: string;
  rowId: string;
  posted: boolean;
}

const rent = (...flags: string[]) =>
  pfmJson<ScheduleJson>(
    'schedule',
    'add',
    '--user',
    'zoe',
    '--kind',
    'expense',
    '--amount',
    '900',
    '--category',
    'Housing',
    '--unit',
    'month',
    '--start',
    '2026-11-30',
    '--note',
    'rent',
    ...flags,
  );

describe('pfm schedule post <id>', () => {
  it('posts the next occurrence of a manual schedule now, or a named one changed, once', async () => {
    const s = await rent('--manual');
    const first = await pfmJson<{ occurrence: OccurrenceJson }>('schedule', 'post', s.id, '--user', 'zoe');
    expect(first.occurrence).toMatchObject({ date: '2026-11-30', rowId: occurrenceId(s.id, '2026-11-30') });
    const text = await pfm(
      'schedule',
      'post',
      s.id,
      '--user',
      'zoe',
      '--date',
      '2027-01-30',
      '--amount',
      '450',
      '--on',
      '2027-01-28',
      '--note',
      'half',
    );
    expect(text.stdout).toBe(
      `Posted expense €450.00 on 2027-01-30, id ${occurrenceId(s.id, '2027-01-30')}\n`,
    );
    const rows = await pfmJson<{ items: { id: string; amount: number; date: string; note: string }[] }>(
      'expense',
      'list',
      '--user',
      'zoe',
    );
    expect(rows.items.map((e) => [e.date, e.amount, e.note])).toEqual([
      ['2027-01-28', 45_000, 'half'],
      ['2026-11-30', 90_000, 'rent'],
    ]);
    const again = await pfm('schedule', 'post', s.id, '--user', 'zoe', '--date', '2027-01-30');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--date: the occurrence of 2027-01-30 is already posted/);
    const notOne = await pfm('schedule', 'post', s.id, '--user', 'zoe', '--date', '2027-01-31');
    expect(notOne.code).toBe(2);
    const noId = await pfm('schedule', 'post', '--user', 'zoe', '--date', '2027-01-30');
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/name the schedule/);
    const badDay = await pfm('schedule', 'post', s.id, '--user', 'zoe', '--on', '2027-02-30');
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toMatch(/--on/);
    expect((await pfmJson<{ items: unknown[] }>('expense', 'list', '--user', 'zoe')).items).toHaveLength(2);
  });
});

describe('pfm schedule', () => {
  it('adds a monthly schedule on the last day and lists it', async () => {
    const s = await rent('--day', 'last', '--manual');
    expect(s).toMatchObject({ kind: 'expense', amount: 90_000, dayOfMonth: -1, autoPost: false });
    const list = await pfmJson<{ items: ScheduleJson[] }>('schedule', 'list', '--user', 'zoe');
    expect(list.items.map((i) => i.id)).toEqual([s.id]);
    const text = await pfm('schedule', 'list', '--user', 'zoe');
    expect(text.stdout).toContain('every month on the last day from 2026-11-30');
  });

  it('shows upcoming occurrences, posts a manual one by hand once, and skips another', async () => {
    const s = await rent('--manual');
    const upcoming = await pfmJson<{ items: OccurrenceJson[] }>(
      'schedule',
      'upcoming',
      '--user',
      'zoe',
      '--days',
      '45',
    );
    expect(upcoming.items.map((o) => o.date)).toEqual(['2026-11-30', '2026-12-30']);
    const posted = await on<{ posted: OccurrenceJson[] }>('2026-12-01', 'schedule', 'post', '--user', 'zoe');
    expect(posted.posted.map((o) => o.rowId)).toEqual([occurrenceId(s.id, '2026-11-30')]);
    const again = await on<{ posted: OccurrenceJson[] }>('2026-12-02', 'schedule', 'post', '--user', 'zoe');
    expect(again.posted).toEqual([]);
    const skipped = await pfmJson<ScheduleJson>(
      'schedule',
      'skip',
      s.id,
      '--user',
      'zoe',
      '--date',
      '2026-12-30',
    );
    expect(skipped.skipped).toEqual(['2026-12-30']);
    const later = await on<{ posted: OccurrenceJson[] }>('2027-01-05', 'schedule', 'post', '--user', 'zoe');
    expect(later.posted).toEqual([]);
    const expenses = await on<{ items: { id: string }[] }>('2027-01-05', 'expense', 'list', '--user', 'zoe');
    expect(expenses.items.map((e) => e.id)).toEqual([occurrenceId(s.id, '2026-11-30')]);
  });

  it('posts automatic schedules when pfm next opens the device', async () => {
    const s = await rent('--count', '2');
    const list = await on<{ items: { id: string; date: string }[] }>(
      '2027-03-01',
      'expense',
      'list',
      '--user',
      'zoe',
    );
    expect(list.items.map((e) => e.id).sort()).toEqual(
      ['2026-11-30', '2026-12-30'].map((d) => occurrenceId(s.id, d)).sort(),
    );
  });

  it('schedules a transfer between two accounts', async () => {
    const s = await pfmJson<ScheduleJson>(
      'schedule',
      'add',
      '--user',
      'zoe',
      '--kind',
      'transfer',
      '--amount',
      '100',
      '--account',
      'Main account',
      '--to',
      'Savings',
      '--unit',
      'week',
      '--every',
      '2',
      '--start',
      '2026-11-21',
    );
    const transfers = await on<{ items: { id: string }[] }>(
      '2026-12-06',
      'transfer',
      'list',
      '--user',
      'zoe',
    );
    expect(transfers.items.map((t) => t.id).sort()).toEqual(
      ['2026-11-21', '2026-12-05'].map((d) => occurrenceId(s.id, d)).sort(),
    );
  });

  it('edits the amount and keeps what was posted as it was', async () => {
    const s = await rent();
    await on('2026-12-01', 'schedule', 'edit', s.id, '--user', 'zoe', '--amount', '950');
    const list = await on<{ items: { id: string; amount: number }[] }>(
      '2027-01-01',
      'expense',
      'list',
      '--user',
      'zoe',
    );
    expect(Object.fromEntries(list.items.map((e) => [e.id, e.amount]))).toEqual({
      [occurrenceId(s.id, '2026-11-30')]: 90_000,
      [occurrenceId(s.id, '2026-12-30')]: 95_000,
    });
  });

  it('deletes a schedule; what it posted stays', async () => {
    const s = await rent('--count', '1');
    await on('2026-12-01', 'schedule', 'delete', s.id, '--user', 'zoe');
    const list = await on<{ items: ScheduleJson[] }>('2026-12-01', 'schedule', 'list', '--user', 'zoe');
    expect(list.items).toEqual([]);
    const expenses = await on<{ items: unknown[] }>('2026-12-01', 'expense', 'list', '--user', 'zoe');
    expect(expenses.items).toHaveLength(1);
  });

  it.each([
    [['--start', '2026-01-01'], '--start 2026-01-01 is in the past and the schedule has no end'],
    [['--every', '0'], '--every must be a whole number of at least 1'],
    [['--amount', '-5'], 'amount'],
    [['--day', '32'], '--day must be a day from 1 to 31, or last'],
    [['--unit', 'fortnight'], '--unit must be one of day, week, month, year'],
    [['--end', '2026-12-31', '--count', '3'], '--end give an end date or a count, not both'],
    [['--category', 'Salary'], 'Salary'],
  ])('refuses bad input %j with exit 2 and one line naming the field', async (flags, message) => {
    const base: Record<string, string> = {
      '--kind': 'expense',
      '--amount': '900',
      '--category': 'Housing',
      '--unit': 'month',
      '--start': '2026-11-30',
    };
    for (let i = 0; i < flags.length; i += 2) base[flags[i] as string] = flags[i + 1] as string;
    const r = await pfm('schedule', 'add', '--user', 'zoe', ...Object.entries(base).flat());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const list = await pfmJson<{ items: unknown[] }>('schedule', 'list', '--user', 'zoe');
    expect(list.items).toEqual([]);
  });

  it('refuses another user’s account', async () => {
    await pfmJson('user', 'add', 'yan', '--currency', 'EUR');
    await pfmJson('account', 'add', 'Yan cash', '--user', 'yan', '--kind', 'cash');
    const r = await pfm(
      'schedule',
      'add',
      '--user',
      'zoe',
      '--kind',
      'expense',
      '--amount',
      '5',
      '--category',
      'Food',
      '--unit',
      'day',
      '--account',
      'Yan cash',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Yan cash');
  });
});
