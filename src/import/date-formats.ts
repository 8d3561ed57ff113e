import { isIsoDate } from '../domain/dates.js';
import { ValidationError } from '../domain/validation.js';

/** The order of the parts of a written date: year-month-day, day-month-year, month-day-year. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

// Patterns people write for --date-format, mapped to the order they mean.
const ALIASES: Readonly<Record<string, DateOrder>> = {
  'yyyy-mm-dd': 'ymd',
  'yyyy/mm/dd': 'ymd',
  yyyymmdd: 'ymd',
  iso: 'ymd',
  'dd.mm.yyyy': 'dmy',
  'dd/mm/yyyy': 'dmy',
  'dd-mm-yyyy': 'dmy',
  'dd.mm.yy': 'dmy',
  'dd/mm/yy': 'dmy',
  'mm/dd/yyyy': 'mdy',
  'mm-dd-yyyy': 'mdy',
  'mm/dd/yy': 'mdy',
};

/** Read a --date-format value: an order (dmy) or a pattern (DD.MM.YYYY). */
export function parseDateOrder(text: string): DateOrder {
  const key = text.trim().toLowerCase();
  if ((DATE_ORDERS as readonly string[]).includes(key)) return key as DateOrder;
  const order = ALIASES[key];
  if (order) return order;
  throw new ValidationError(
    'dateFormat',
    `date format "${text}" is not known: use ymd, dmy or mdy (or a pattern like DD.MM.YYYY or MM/DD/YYYY)`,
  );
}

// A date with separators, or eight digits; a time after it (space or T) is ignored.
const SEPARATED = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:[ T].*)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[ T]?\d{2,6}.*)?$/;

/** A written date in the given order as YYYY-MM-DD, or null when it is not a real date in that order. */
export function readDate(text: string, order: DateOrder): string | null {
  const value = text.trim();
  const compact = COMPACT.exec(value);
  if (compact && order === 'ymd') return iso(compact[1], compact[2], compact[3]);
  const m = SEPARATED.exec(value);
  if (!m) return null;
  const [a, separator, b, c] = [m[1] ?? '', m[2], m[3] ?? '', m[4] ?? ''];
  if (order === 'ymd') return a.length === 4 ? iso(a, b, c) : null;
  if (a.length > 2 || (c.length !== 4 && c.length !== 2)) return null;
  // Dotted dates are day-first wherever they are written (Germany, Switzerland, Scandinavia, Eastern Europe).
  if (order === 'mdy' && separator === '.') return null;
  return order === 'dmy' ? iso(c, b, a) : iso(c, a, b);
}

function iso(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  if (year === undefined || month === undefined || day === undefined) return null;
  // Two-digit years: banks only ever print recent ones, 00-69 -> 2000s, 70-99 -> 1900s (POSIX's pivot).
  const y = year.length === 2 ? (Number(year) < 70 ? `20${year}` : `19${year}`) : year;
  const text = `${y}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(text) ? text : null;
}

/** Several orders read every date of a file: the file does not say which it uses. */
export class AmbiguousDateError extends ValidationError {
  constructor(
    readonly orders: readonly DateOrder[],
    readonly example: string,
  ) {
    super(
      'dateFormat',
      `dates like "${example}" could be ${orders.map(describeOrder).join(' or ')}: ` +
        `say which with --date-format ${orders.join(' or --date-format ')}`,
    );
  }
}

function describeOrder(order: DateOrder): string {
  return { ymd: 'year-first', dmy: 'day-first', mdy: 'month-first' }[order];
}

/**
 * The order a file's dates are written in: the one order that reads every date. When no order reads them
 * all, the one that reads most wins and the rest are bad lines. When two orders read every date (all days
 * are 12 or less), the file is ambiguous and we ask: a silently swapped day and month is the worst kind of
 * wrong import, because it looks plausible.
 */
export function detectDateOrder(values: readonly string[]): DateOrder {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  const counts = DATE_ORDERS.map((order) => ({
    order,
    read: present.filter((v) => readDate(v, order) !== null).length,
  }));
  const best = Math.max(...counts.map((c) => c.read));
  const winners = counts.filter((c) => c.read === best).map((c) => c.order);
  if (winners.length > 1 && best > 0) {
    const example = present.find((v) => winners.every((o) => readDate(v, o) !== null)) ?? present[0] ?? '';
    throw new AmbiguousDateError(winners, example);
  }
  return winners[0] ?? 'ymd';
}
