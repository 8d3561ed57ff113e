import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysInMonth, isIsoDate } from '../../../src/domain/dates.js';
import { naturalId } from '../../../src/domain/ids.js';
import {
  LAST_DAY,
  dueDates,
  occurrenceDates,
  occurrenceId,
  parseSkipped,
  ruleProblem,
  skippedText,
  type ScheduleRule,
} from '../../../src/domain/schedules.js';

const rule = (r: Partial<ScheduleRule>): ScheduleRule => ({
  every: 1,
  unit: 'month',
  startDate: '2026-01-31',
  dayOfMonth: null,
  endDate: null,
  count: null,
  ...r,
});

describe('occurrence dates', () => {
  it('clamps a month rule to each month’s last day, and keeps the anchor day after a short month', () => {
    expect(occurrenceDates(rule({}), '2026-01-01', '2026-05-31')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
  });

  it('takes -1 as the last day, February 29 in a leap year', () => {
    const r = rule({ startDate: '2028-01-10', dayOfMonth: LAST_DAY });
    expect(occurrenceDates(r, '2028-01-01', '2028-03-31')).toEqual([
      '2028-01-31',
      '2028-02-29',
      '2028-03-31',
    ]);
  });

  it('moves a yearly February 29 to the 28th in other years and back in leap years', () => {
    const r = rule({ unit: 'year', startDate: '2024-02-29' });
    expect(occurrenceDates(r, '2024-01-01', '2028-12-31')).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
  });

  it('does not count a day of month before the start as an occurrence', () => {
    const r = rule({ startDate: '2026-01-20', dayOfMonth: 5, count: 2 });
    expect(occurrenceDates(r, '2026-01-01', '2026-12-31')).toEqual(['2026-02-05', '2026-03-05']);
  });

  it('stops at a count, counted from the start whatever the window', () => {
    const r = rule({ unit: 'week', every: 2, startDate: '2026-03-02', count: 3 });
    expect(occurrenceDates(r, '2026-01-01', '2026-12-31')).toEqual([
      '2026-03-02',
      '2026-03-16',
      '2026-03-30',
    ]);
    expect(occurrenceDates(r, '2026-03-20', '2026-12-31')).toEqual(['2026-03-30']);
  });

  it('stops at an end date, included', () => {
    const r = rule({ unit: 'day', every: 3, startDate: '2026-01-01', endDate: '2026-01-10' });
    expect(occurrenceDates(r, '2026-01-01', '2026-12-31')).toEqual([
      '2026-01-01',
      '2026-01-04',
      '2026-01-07',
      '2026-01-10',
    ]);
  });

  it('leaves out skipped dates from what is due, but they still count', () => {
    const r = rule({ startDate: '2026-01-15', count: 3 });
    expect(dueDates(r, ['2026-02-15'], '2026-01-01', '2026-12-31')).toEqual(['2026-01-15', '2026-03-15']);
  });

  it('derives one id per schedule and date', () => {
    expect(occurrenceId('s', '2026-01-01')).toBe(naturalId('schedule_occurrence', 's', '2026-01-01'));
    expect(occurrenceId('s', '2026-01-01')).not.toBe(occurrenceId('s', '2026-01-02'));
  });

  it('names the field at fault in a bad rule', () => {
    expect(ruleProblem(rule({ every: 0 }))?.field).toBe('every');
    expect(ruleProblem(rule({ unit: 'day', dayOfMonth: 3 }))?.field).toBe('dayOfMonth');
    expect(ruleProblem(rule({ dayOfMonth: 32 }))?.field).toBe('dayOfMonth');
    expect(ruleProblem(rule({ endDate: '2026-01-01' }))?.field).toBe('endDate');
    expect(ruleProblem(rule({ endDate: '2026-12-31', count: 2 }))?.field).toBe('endDate');
    expect(ruleProblem(rule({ count: 0 }))?.field).toBe('count');
    expect(ruleProblem(rule({}))).toBeNull();
  });

  it('keeps skipped dates sorted and unique, and refuses anything but a list of dates', () => {
    expect(skippedText(['2026-02-01', '2026-01-01', '2026-02-01'])).toBe('["2026-01-01","2026-02-01"]');
    expect(parseSkipped('["2026-01-01"]')).toEqual(['2026-01-01']);
    expect(parseSkipped('["2026-02-30"]')).toBeNull();
    expect(parseSkipped('{}')).toBeNull();
    expect(parseSkipped('nope')).toBeNull();
  });
});

const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2000-01-01', n));
const ruleArb = fc.record({
  every: fc.integer({ min: 1, max: 5 }),
  unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
  startDate: day,
  dayOfMonth: fc.constantFrom(null, LAST_DAY, 1, 15, 28, 29, 30, 31),
  count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
});

describe('occurrence dates, for any rule', () => {
  it('are real dates, ascending, from the start on, within the count, and the same for any split window', () => {
    fc.assert(
      fc.property(ruleArb, day, fc.integer({ min: 0, max: 4000 }), (raw, from, span) => {
        const r = rule({
          ...raw,
          dayOfMonth: raw.unit === 'month' || raw.unit === 'year' ? raw.dayOfMonth : null,
        });
        const to = addDays(from, span);
        const all = occurrenceDates(r, '1990-01-01', to);
        for (const d of all) expect(isIsoDate(d)).toBe(true);
        expect([...all].sort()).toEqual(all);
        expect(new Set(all).size).toBe(all.length);
        expect(all.every((d) => d >= r.startDate)).toBe(true);
        if (r.count !== null) expect(all.length).toBeLessThanOrEqual(r.count);
        // A window is the whole list cut to it: the jump ahead never loses or adds an occurrence.
        expect(occurrenceDates(r, from, to)).toEqual(all.filter((d) => d >= from));
      }),
      { numRuns: 300 },
    );
  });

  it('fall on the anchor day, or the month’s last day when the month is shorter', () => {
    fc.assert(
      fc.property(ruleArb, (raw) => {
        const r = rule({ ...raw, unit: 'month' });
        const anchor = r.dayOfMonth ?? Number(r.startDate.slice(8));
        for (const d of occurrenceDates(r, r.startDate, addDays(r.startDate, 800))) {
          const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
          const last = daysInMonth(y, m);
          expect(dd).toBe(anchor === LAST_DAY ? last : Math.min(anchor, last));
        }
      }),
    );
  });
});
