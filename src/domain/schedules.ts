/**
 * Scheduled transactions: when a schedule's occurrences fall, and the id each one is posted under. Pure: the
 * repository (src/local/schedule-repository.ts) reads and writes, these rules decide.
 */
import { addDays, daysBetween, daysInMonth, isIsoDate } from './dates.js';
import { naturalId } from './ids.js';

export const SCHEDULE_KINDS = ['expense', 'income', 'transfer'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export const REPEAT_UNITS = ['day', 'week', 'month', 'year'] as const;
export type RepeatUnit = (typeof REPEAT_UNITS)[number];

/** `day_of_month` for "the month's last day". */
export const LAST_DAY = -1;
export const MAX_REPEAT_EVERY = 1000;
export const MAX_OCCURRENCE_COUNT = 10_000;
/** The skipped dates are one text value; Oracle keeps at most 4000 characters of text. */
export const MAX_SKIPPED_TEXT = 4000;

/** When a schedule's occurrences fall. */
export interface ScheduleRule {
  readonly every: number;
  readonly unit: RepeatUnit;
  readonly startDate: string;
  /** 1-31 or LAST_DAY; null: the start date's day. Months and years only. */
  readonly dayOfMonth: number | null;
  readonly endDate: string | null;
  readonly count: number | null;
}

/** The id an occurrence is posted under: the same on every device, so two posts of it are one row. */
export function occurrenceId(scheduleId: string, date: string): string {
  return naturalId('schedule_occurrence', scheduleId, date);
}

/** The skipped dates of a stored `skipped` value, or null when it is not a JSON list of dates. */
export function parseSkipped(text: string): string[] | null {
  if (text.length > MAX_SKIPPED_TEXT) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((d) => typeof d === 'string' && isIsoDate(d))
      ? (parsed as string[])
      : null;
  } catch {
    return null;
  }
}

/** The stored form of skipped dates: sorted and without repeats, so equal sets are equal text everywhere. */
export function skippedText(dates: readonly string[]): string {
  return JSON.stringify([...new Set(dates)].sort());
}

/** What is wrong with a rule, as a field name and a reason; null when nothing is. */
export function ruleProblem(rule: ScheduleRule): { field: string; reason: string } | null {
  if (!Number.isInteger(rule.every) || rule.every < 1 || rule.every > MAX_REPEAT_EVERY)
    return { field: 'every', reason: `must be a whole number from 1 to ${MAX_REPEAT_EVERY}` };
  if (!(REPEAT_UNITS as readonly string[]).includes(rule.unit))
    return { field: 'unit', reason: `must be one of ${REPEAT_UNITS.join(', ')}` };
  if (!isIsoDate(rule.startDate)) return { field: 'startDate', reason: 'must be a date written YYYY-MM-DD' };
  if (rule.dayOfMonth !== null) {
    if (rule.unit !== 'month' && rule.unit !== 'year')
      return { field: 'dayOfMonth', reason: 'applies only to schedules repeating by month or year' };
    if (
      !Number.isInteger(rule.dayOfMonth) ||
      (rule.dayOfMonth !== LAST_DAY && (rule.dayOfMonth < 1 || rule.dayOfMonth > 31))
    )
      return { field: 'dayOfMonth', reason: 'must be a day from 1 to 31, or -1 for the last day' };
  }
  if (rule.endDate !== null && rule.count !== null)
    return { field: 'endDate', reason: 'give an end date or a count, not both' };
  if (rule.endDate !== null && (!isIsoDate(rule.endDate) || rule.endDate < rule.startDate))
    return { field: 'endDate', reason: 'must be a date written YYYY-MM-DD, on or after the start' };
  if (
    rule.count !== null &&
    (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > MAX_OCCURRENCE_COUNT)
  )
    return { field: 'count', reason: `must be a whole number from 1 to ${MAX_OCCURRENCE_COUNT}` };
  return null;
}

/** Whether the rule stops (an end date or a count). */
export function hasEnd(rule: ScheduleRule): boolean {
  return rule.endDate !== null || rule.count !== null;
}

const LAST_YEAR = 9999;

/** The k-th candidate date of a month or year rule: the anchor day, clamped to the month's length. */
function monthCandidate(rule: ScheduleRule, k: number): string | null {
  const [y, m, d] = rule.startDate.split('-').map(Number) as [number, number, number];
  const months = m - 1 + k * rule.every * (rule.unit === 'year' ? 12 : 1);
  const year = y + Math.floor(months / 12);
  if (year > LAST_YEAR) return null;
  const month = (months % 12) + 1;
  const last = daysInMonth(year, month);
  const anchor = rule.dayOfMonth ?? d;
  const day = anchor === LAST_DAY ? last : Math.min(anchor, last);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayCandidate(rule: ScheduleRule, k: number): string | null {
  const date = addDays(rule.startDate, k * rule.every * (rule.unit === 'week' ? 7 : 1));
  return isIsoDate(date) ? date : null;
}

/**
 * Every occurrence of the rule from `from` to `to` (both included), skipped ones too, in order. Occurrences
 * start at the start date (a month rule's first candidate before it is not one); a count counts from there.
 */
export function occurrenceDates(rule: ScheduleRule, from: string, to: string): string[] {
  const byMonth = rule.unit === 'month' || rule.unit === 'year';
  const candidate = byMonth ? (k: number) => monthCandidate(rule, k) : (k: number) => dayCandidate(rule, k);
  // A month rule whose first candidate falls before the start has one candidate that is no occurrence.
  const offset = byMonth && (candidate(0) ?? '') < rule.startDate ? 1 : 0;
  const last = [to, rule.endDate ?? to].sort()[0] as string;
  // Jump close to `from` rather than walk from the start (every candidate k is at least k steps on).
  let k = 0;
  if (from > rule.startDate) {
    const span = daysBetween(rule.startDate, from);
    const stepDays = rule.every * { day: 1, week: 7, month: 31, year: 366 }[rule.unit];
    k = Math.max(0, Math.floor(span / stepDays) - 1);
  }
  const out: string[] = [];
  for (; ; k++) {
    const date = candidate(k);
    if (date === null || date > last) break;
    const index = k - offset;
    if (index < 0) continue;
    if (rule.count !== null && index >= rule.count) break;
    if (date >= from) out.push(date);
  }
  return out;
}

/** The occurrences from `from` to `to` that are not skipped. */
export function dueDates(rule: ScheduleRule, skipped: readonly string[], from: string, to: string): string[] {
  return occurrenceDates(rule, from, to).filter((d) => !skipped.includes(d));
}
