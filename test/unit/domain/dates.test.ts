import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  wholeMonthsUntil,
  daysInMonth,
  isIsoDate,
  isIsoMonth,
  monthRange,
  toIsoDate,
  toIsoMonth,
} from '../../../src/domain/dates.js';

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    for (const d of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '1900-01-01', '9999-12-31']) {
      expect(isIsoDate(d), d).toBe(true);
    }
  });

  it('refuses impossible days', () => {
    for (const d of [
      '2026-02-30',
      '2026-02-29',
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-01-32',
      '2026-01-00',
    ]) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });

  it('knows leap years: 2024-02-29 exists, 2025-02-29 does not', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('refuses impossible months', () => {
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
  });

  it('refuses text not written YYYY-MM-DD', () => {
    const bad = [
      '',
      '2026-1-01',
      '2026-01-1',
      '26-01-01',
      '2026/01/01',
      '01-01-2026',
      '2026-01-01T00:00:00Z',
      ' 2026-01-01',
      '2026-01-01 ',
      '20260101',
      'yesterday',
      '１２３４-01-01', // full-width digits
    ];
    for (const d of bad) expect(isIsoDate(d), JSON.stringify(d)).toBe(false);
  });

  it('refuses years before 1900', () => {
    expect(isIsoDate('1899-12-31')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(false);
  });
});

describe('isIsoMonth', () => {
  it('accepts YYYY-MM months and refuses anything else', () => {
    expect(isIsoMonth('2026-01')).toBe(true);
    expect(isIsoMonth('2026-12')).toBe(true);
    for (const m of ['', '2026-13', '2026-00', '2026-1', '2026-01-01', '1899-12', '2026/01']) {
      expect(isIsoMonth(m), m).toBe(false);
    }
  });
});

describe('month helpers', () => {
  it('counts the days of every month, leap years included', () => {
    expect(daysInMonth(2026, 1)).toBe(31);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('gives the first and last day of a month', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthRange('2026-04')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
  });

  it('shifts months across year boundaries in both directions', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(addMonths('2026-11', 14)).toBe('2028-01');
    expect(addMonths('2026-06', 0)).toBe('2026-06');
    expect(addMonths('2026-03', -24)).toBe('2024-03');
  });

  it('shifts days across month and year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('counts whole days between dates, negative when backwards', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('takes the UTC date and month of an instant', () => {
    const lateNewYearsEve = new Date('2026-12-31T23:59:59.999Z');
    expect(toIsoDate(lateNewYearsEve)).toBe('2026-12-31');
    expect(toIsoMonth(lateNewYearsEve)).toBe('2026-12');
    expect(toIsoDate(new Date('2027-01-01T00:00:00.000Z'))).toBe('2027-01-01');
    expect(toIsoMonth(new Date('2027-01-01T00:00:00.000Z'))).toBe('2027-01');
  });
});

describe('wholeMonthsUntil', () => {
  it('counts calendar months between two dates, negative backwards', () => {
    expect(wholeMonthsUntil('2026-12-31', '2027-06-01')).toBe(6);
    expect(wholeMonthsUntil('2026-12-01', '2026-12-31')).toBe(0);
    expect(wholeMonthsUntil('2026-12-01', '2026-10-31')).toBe(-2);
  });
});
