import { addDays, isIsoDate } from '../../src/domain/dates.js';
import type { DateLabels } from './date-labels.js';
import { dateText, safeLocale } from './format.js';

/**
 * Dates as people type them, read in their locale: "3 Dec 2026", "Dec 3, 2026", "3/12/2026" (day first in
 * en-GB, month first in en-US, as Intl orders the parts), "03.12.2026", ISO "2026-12-03", a month name in the
 * locale's language or English, a day and month alone (this year), or "today". Pure: what a locale writes
 * comes from Intl, today's date is given.
 */

type Part = 'day' | 'month' | 'year';

/** What reading dates of one locale needs, learnt from Intl once per locale. */
export interface DateLocale {
  /** The locale on the Gregorian calendar: a date field reads and writes Gregorian dates in any locale. */
  readonly tag: string;
  /** The order of day, month and year in the locale's all-digits form ("3/12/2026" or "12/3/2026"). */
  readonly order: readonly Part[];
  /** Month names, long and short, the locale's and English, as `key` writes them: their month number. */
  readonly months: ReadonlyMap<string, number>;
  /** Words the locale writes between the parts ("de" in "3 de dez. de 2026", "г." in Russian): skipped. */
  readonly fillers: ReadonlySet<string>;
  /** The locale's own digits ("٣"), to read them as ASCII. */
  readonly digits: ReadonlyMap<string, string>;
  /** Whether the locale's usual form names the month, so that a numeric example helps too. */
  readonly namesMonth: boolean;
}

export type DateRead = { ok: true; date: string } | { ok: false; error: string };

// A word may hold dots between letters, as Thai abbreviations do ("ม.ค." is January).
const TOKEN = /[\p{L}\p{M}]+(?:\.[\p{L}\p{M}]+)*|\p{Nd}+/gu;
const DIGITS = /^\p{Nd}+$/u;
const PARTS: readonly Part[] = ['day', 'month', 'year'];
const ISO_ORDER: readonly Part[] = ['year', 'month', 'day'];
const ENGLISH_ORDINALS = ['st', 'nd', 'rd', 'th'];
/** A typed month name shorter than this must be a whole name ("mai"), not the start of one. */
const SHORTEST_PREFIX = 3;
const LONGEST_TEXT = 60;

const utcDay = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const isPart = (type: string): type is Part => (PARTS as readonly string[]).includes(type);

function words(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Lower case, and Latin letters without accents ("déc" is "dec"); other scripts keep their marks. */
function key(word: string, tag: string): string {
  return word
    .toLocaleLowerCase(tag)
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
}

function gregorian(locale: string): string {
  try {
    return new Intl.Locale(safeLocale(locale), { calendar: 'gregory' }).toString();
  } catch {
    return 'en-US';
  }
}

export function dateLocale(locale: string): DateLocale {
  const tag = gregorian(locale);
  const numeric = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const order = numeric
    .formatToParts(utcDay(2026, 12, 25))
    .map((p) => p.type)
    .filter(isPart);
  const months = new Map<string, number>();
  const fillers = new Set<string>(tag.startsWith('en') ? ENGLISH_ORDINALS : []);
  const styles: Intl.DateTimeFormatOptions[] = [
    { dateStyle: 'medium' },
    { dateStyle: 'long' },
    { month: 'long' },
    { month: 'short' },
  ];
  for (const lang of [tag, 'en']) {
    for (const style of styles) {
      const format = new Intl.DateTimeFormat(lang, { ...style, timeZone: 'UTC' });
      for (let month = 1; month <= 12; month++) {
        for (const part of format.formatToParts(utcDay(2026, month, 15))) {
          const found = words(part.value);
          const named = part.type === 'month' && !found.some((w) => DIGITS.test(w));
          for (const word of found) {
            if (DIGITS.test(word)) continue;
            if (named) months.set(key(word, tag), month);
            else if (lang === tag && (part.type === 'literal' || part.type === 'month'))
              fillers.add(key(word, tag));
          }
        }
      }
    }
  }
  const digits = new Map<string, string>();
  const numbers = new Intl.NumberFormat(tag, { useGrouping: false });
  for (let n = 0; n <= 9; n++) digits.set(numbers.format(n), String(n));
  const medium = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const namesMonth = medium
    .formatToParts(utcDay(2026, 12, 25))
    .some((p) => p.type === 'month' && !words(p.value).some((w) => DIGITS.test(w)));
  return {
    tag,
    order: order.length === 3 ? order : ['month', 'day', 'year'],
    months,
    fillers,
    digits,
    namesMonth,
  };
}

/** A `YYYY-MM-DD` date as the field shows it: as the app's lists write dates ("3 Dec 2026"). */
export function formatDate(date: string, where: DateLocale): string {
  return isIsoDate(date) ? dateText(date, where.tag) : date;
}

/** The all-digits form of a date ("03/12/2026"), offered in the hint beside a form that names the month. */
export function numericDate(date: string, where: DateLocale): string | undefined {
  if (!where.namesMonth) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(where.tag, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  }).format(utcDay(y, m, d));
}

/** The hint under a date field: today written the field's way, and the all-digits way when that differs. */
export function dateHint(where: DateLocale, today: string, labels: DateLabels): string {
  return labels.hint(formatDate(today, where), numericDate(today, where));
}

type MonthWord = number | 'filler' | 'unknown';

/** A typed word as a month: a whole name, or the start of exactly one month's names ("sept", "dece"). */
function monthWord(word: string, where: DateLocale): MonthWord {
  const k = key(word, where.tag);
  const exact = where.months.get(k);
  if (exact !== undefined) return exact;
  if (where.fillers.has(k)) return 'filler';
  // A filler written onto the month, as Hebrew writes "ב" (in) before it: "3 בדצמ׳ 2026".
  for (const filler of where.fillers) {
    const rest = k.startsWith(filler) ? where.months.get(k.slice(filler.length)) : undefined;
    if (rest !== undefined) return rest;
  }
  if (k.length < SHORTEST_PREFIX) return 'unknown';
  const starting = new Set<number>();
  for (const [name, month] of where.months) if (name.startsWith(k)) starting.add(month);
  // "ju" or "ma" could be two months: that is as good as no month.
  return starting.size === 1 ? ([...starting][0] as number) : 'unknown';
}

function asciiDigits(token: string, where: DateLocale): string {
  return [...token].map((c) => where.digits.get(c) ?? c).join('');
}

/** The numbers of a date in the given order, and a year only if it has four digits ("26" could be 1926). */
function fromNumbers(numbers: readonly string[], order: readonly Part[], year: string): string | undefined {
  const parts: Record<Part, string> = { year, month: '', day: '' };
  if (numbers.length !== order.length) return undefined;
  order.forEach((part, i) => (parts[part] = numbers[i] ?? ''));
  if (!/^\d{4}$/.test(parts.year) || !/^\d{1,2}$/.test(parts.month) || !/^\d{1,2}$/.test(parts.day))
    return undefined;
  const date = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

function relative(text: string, where: DateLocale, today: string, labels: DateLabels): string | undefined {
  const typed = key(text, where.tag);
  const shifts: [string, number][] = [
    [labels.today, 0],
    [labels.yesterday, -1],
    [labels.tomorrow, 1],
  ];
  const shift = shifts.find(([word]) => key(word, where.tag) === typed)?.[1];
  return shift === undefined ? undefined : addDays(today, shift);
}

/** The date a text names, if it names exactly one. */
function dateOf(text: string, where: DateLocale, today: string, labels: DateLabels): string | undefined {
  const said = relative(text, where, today, labels);
  if (said) return said;
  const numbers: string[] = [];
  const months: number[] = [];
  for (const token of words(text)) {
    if (DIGITS.test(token)) {
      numbers.push(asciiDigits(token, where));
      continue;
    }
    const month = monthWord(token, where);
    if (month === 'unknown') return undefined;
    if (month !== 'filler') months.push(month);
  }
  const thisYear = today.slice(0, 4);
  if (months.length > 1) return undefined;
  const [month] = months;
  if (month !== undefined) {
    // A named month leaves a day and maybe a year, told apart by their digits: "Dec 3, 2026", "2026 Dec 3".
    const year = numbers.filter((n) => n.length === 4);
    const day = numbers.filter((n) => n.length <= 2);
    if (year.length > 1 || day.length !== 1 || year.length + day.length !== numbers.length) return undefined;
    return fromNumbers([year[0] ?? thisYear, String(month), day[0] ?? ''], ISO_ORDER, thisYear);
  }
  if (numbers.length === 3) {
    // A four-digit first number is a year: ISO order, whatever the locale.
    const order = numbers[0]?.length === 4 ? ISO_ORDER : where.order;
    return fromNumbers(numbers, order, thisYear);
  }
  if (numbers.length === 2)
    return fromNumbers(
      numbers,
      where.order.filter((p) => p !== 'year'),
      thisYear,
    );
  return undefined;
}

/**
 * What a date field's text says: `''` for nothing typed, a `YYYY-MM-DD` date, or an error in plain words for
 * text that is not a date, is not a real one (31 Feb) or could be two ("3/4/26", "ju 3").
 */
export function readDate(text: string, where: DateLocale, today: string, labels: DateLabels): DateRead {
  const typed = text.trim();
  if (typed === '') return { ok: true, date: '' };
  const date = typed.length <= LONGEST_TEXT ? dateOf(typed, where, today, labels) : undefined;
  return date ? { ok: true, date } : { ok: false, error: labels.typeLike(formatDate(today, where)) };
}
