import { isCurrencyCode, minorUnits } from '../../src/domain/currency.js';
import { formatMoney, moneyFormat, toDecimalString } from '../../src/domain/money.js';

/**
 * Money and dates in the user's locale. Minor units come from the domain's ISO 4217 table (the same one the
 * server parses amounts with), falling back to Intl's digits for a code the table does not know.
 */
export function digitsOf(currency: string): number {
  if (isCurrencyCode(currency)) return minorUnits(currency);
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

export function money(minor: number, currency: string, locale: string): string {
  try {
    if (isCurrencyCode(currency)) return formatMoney(minor, currency, safeLocale(locale));
    return new Intl.NumberFormat(safeLocale(locale), { style: 'currency', currency }).format(
      minor / 10 ** digitsOf(currency),
    );
  } catch {
    return `${(minor / 10 ** digitsOf(currency)).toFixed(digitsOf(currency))} ${currency}`;
  }
}

/** `money` for one currency and locale, with its Intl formatter made once (see `useMoney`). */
export function moneyFormatter(currency: string, locale: string): (minor: number) => string {
  try {
    if (isCurrencyCode(currency)) return moneyFormat(currency, safeLocale(locale));
  } catch {
    // a locale Intl refuses: money() says it its own way
  }
  return (minor) => money(minor, currency, locale);
}

/** Short form for chart axes: "€1.2K". */
export function moneyCompact(minor: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(safeLocale(locale), {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(minor / 10 ** digitsOf(currency));
  } catch {
    return String(Math.round(minor / 10 ** digitsOf(currency)));
  }
}

/** "12.50" from 1250: the text an amount field is filled with when editing (sent back as a string). */
export function amountText(minor: number, currency: string): string {
  if (isCurrencyCode(currency)) return toDecimalString(minor, currency);
  return (minor / 10 ** digitsOf(currency)).toFixed(digitsOf(currency));
}

/** What an amount field starts with when editing: "1234,50" for de-DE (the locale's decimal mark, no grouping). */
export function amountInput(minor: number, currency: string, locale: string): string {
  const digits = digitsOf(currency);
  try {
    return new Intl.NumberFormat(safeLocale(locale), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    }).format(amountText(minor, currency) as Intl.StringNumericLiteral);
  } catch {
    return amountText(minor, currency);
  }
}

/** "0.00" / "0,00" / "0": the placeholder of an amount field. */
export function amountPlaceholder(currency: string, locale: string): string {
  return amountInput(0, currency, locale);
}

export function percentText(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(safeLocale(locale), { maximumFractionDigits: 1 }).format(value) + ' %';
}

function utc(date: string): Date {
  return new Date(`${date.length === 7 ? `${date}-01` : date.slice(0, 10)}T00:00:00Z`);
}

/** A `YYYY-MM-DD` money-event date, shown in the locale (it is a calendar day, so no time zone shift). */
export function dateText(
  date: string | null | undefined,
  locale: string,
  style: 'medium' | 'short' = 'medium',
): string {
  if (!date) return '—';
  const d = utc(date);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(safeLocale(locale), { dateStyle: style, timeZone: 'UTC' }).format(d);
}

/** `YYYY-MM` as "November 2026" (or "Nov" / "Nov 26" when short). */
export function monthText(month: string, locale: string, style: 'long' | 'short' | 'tiny' = 'long'): string {
  const d = utc(month);
  if (Number.isNaN(d.getTime())) return month;
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
      : style === 'short'
        ? { month: 'short', year: '2-digit', timeZone: 'UTC' }
        : { month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(safeLocale(locale), options).format(d);
}

/** A UTC timestamp in the viewer's time zone. */
export function timestampText(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(safeLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function durationText(seconds: number | null | undefined, locale: string): string {
  if (seconds === null || seconds === undefined) return '—';
  return new Intl.NumberFormat(safeLocale(locale), {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'narrow',
    maximumFractionDigits: 2,
  }).format(seconds);
}

export function numberText(n: number, locale: string): string {
  return new Intl.NumberFormat(safeLocale(locale)).format(n);
}

export function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today on this device's calendar, as `YYYY-MM-DD`. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function thisMonth(): string {
  return today().slice(0, 7);
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}
