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

// "01 Oct 2026", "1-Okt-26", "Oct 1, 2026": a month by name (English, German, French, Dutch) needs no order.
const DAY_NAMED = /^(\d{1,2})[ .-]+([\p{L}]{3,9})\.?[ .-]+(\d{2}|\d{4})(?:[ T].*)?$/u;
const NAMED_DAY = /^([\p{L}]{3,9})\.? (\d{1,2}),? (\d{4})(?:[ T].*)?$/u;
const MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['jan', 'january', 'januar', 'janv', 'janvier', 'januari', 'jän', 'jänner'],
    ['feb', 'february', 'februar', 'févr', 'fevr', 'février', 'februari'],
    ['mar', 'march', 'mär', 'mrz', 'märz', 'mars', 'mrt', 'maart'],
    ['apr', 'april', 'avr', 'avril'],
    ['may', 'mai', 'mei'],
    ['jun', 'june', 'juni', 'juin'],
    ['jul', 'july', 'juli', 'juil', 'juillet'],
    ['aug', 'august', 'août', 'aout', 'augustus'],
    ['sep', 'sept', 'september', 'septembre'],
    ['oct', 'october', 'okt', 'oktober', 'octobre'],
    ['nov', 'november', 'novembre'],
    ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre'],
  ].flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
);

function namedMonth(value: string): string | null {
  const dayFirst = DAY_NAMED.exec(value);
  const monthFirst = dayFirst ? null : NAMED_DAY.exec(value);
  const [day, name, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [];
  const month = name === undefined ? undefined : MONTHS[name.toLowerCase()];
  return month === undefined ? null : iso(year, String(month), day);
}

/** A written date in the given order as YYYY-MM-DD, or null when it is not a real date in that order. */
export function readDate(text: string, order: DateOrder): string | null {
  const value = text.trim();
  const compact = COMPACT.exec(value);
  if (compact && order === 'ymd') return iso(compact[1], compact[2], compact[3]);
  const m = SEPARATED.exec(value);
  if (!m) return compact ? null : namedMonth(value);
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

/** "day-first"; with an example, "a day-first date like 31.10.2026", for messages. */
export function describeOrder(order: DateOrder): string {
  return { ymd: 'year-first', dmy: 'day-first', mdy: 'month-first' }[order];
}

const EXAMPLES: Readonly<Record<DateOrder, string>> = {
  ymd: '2026-10-31',
  dmy: '31.10.2026',
  mdy: '10/31/2026',
};

export function dateExample(order: DateOrder): string {
  return `a ${describeOrder(order)} date like ${EXAMPLES[order]}`;
}

/**
 * The order a file's dates are written in: the one order that reads every date. When no order reads them
 * all, the one that reads most wins and the rest are bad lines. When two orders read every date (all days
 * are 12 or less) and some date means different days under them, the file is ambiguous and we ask: a silently swapped day and month is the worst kind of
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
  // Orders that read every date alike (01/01/2026, 1 Oct 2026) leave nothing to ask: only a date that two
  // orders read as different days makes the file ambiguous.
  const example = present.find((v) => new Set(winners.map((o) => readDate(v, o))).size > 1);
  if (winners.length > 1 && best > 0 && example !== undefined) {
    const differing = winners.filter((o) => readDate(example, o) !== null);
    throw new AmbiguousDateError(differing, example);
  }
  return winners[0] ?? 'ymd';
}
