import { isIsoDate, isIsoMonth } from './dates.js';
import { ValidationError } from './validation.js';

/**
 * The checks of a report's arguments, shared by the local reports and every central store: a bad month, date
 * or range is the same ValidationError (naming the argument) wherever the report runs.
 */
export function requireMonth(field: string, month: string): void {
  if (!isIsoMonth(month)) throw new ValidationError(field, `"${month}" is not a month (YYYY-MM)`);
}

export function requireDate(field: string, date: string): void {
  if (!isIsoDate(date)) throw new ValidationError(field, `"${date}" is not a date (YYYY-MM-DD)`);
}

/** Two dates, `from` not after `to`. */
export function requireRange(from: string, to: string): void {
  requireDate('from', from);
  requireDate('to', to);
  if (from > to) throw new ValidationError('to', `${to} is before ${from}`);
}

/** Two months, `from` not after `to`. */
export function requireMonthRange(from: string, to: string): void {
  requireMonth('from', from);
  requireMonth('to', to);
  if (from > to) throw new ValidationError('to', `${to} is before ${from}`);
}
