/**
 * Money is a signed integer count of ISO 4217 minor units (cents, fils, yen) plus a currency code.
 * Amounts are converted to and from text with string arithmetic only, so no float ever rounds a cent.
 */
import { isCurrencyCode, minorUnits, type CurrencyCode } from './currency.js';

/** Largest absolute amount accepted, in minor units: 10^13 keeps every sum of a few hundred far below 2^53. */
export const MAX_MINOR_UNITS = 10_000_000_000_000;

export class MoneyParseError extends Error {
  override name = 'MoneyParseError';
}

export interface ParseMoneyOptions {
  /** BCP 47 tag ("de-DE", "fr-FR") whose group and decimal separators the amount is written with. */
  locale?: string;
}

const SPACE_LIKE = ' \u00a0\u202f';
const APOSTROPHE_LIKE = "'\u2019";
const SIGNS = '-+\u2212';
const DIGITS = /^\d+$/;

/**
 * Parses a written amount into signed minor units of `currency`.
 * Without a locale only `123` and `123.45` are accepted: "1,234" could mean 1234 or 1.234, so anything
 * with grouping or a comma is refused as ambiguous rather than guessed.
 */
export function parseMoney(text: string, currency: string, options: ParseMoneyOptions = {}): number {
  if (!isCurrencyCode(currency)) throw new MoneyParseError(`unknown currency ${quote(currency)}`);
  const shown = text.trim();
  if (shown === '') throw new MoneyParseError('amount is empty');
  const signed = SIGNS.includes(shown.charAt(0));
  const body = signed ? shown.slice(1) : shown;
  const negative = signed && shown.charAt(0) !== '+';
  if (/^[\s\-+\u2212]/.test(body)) throw new MoneyParseError(`amount ${quote(shown)} is not a number`);
  const { whole, fraction } =
    options.locale === undefined ? splitPlain(shown, body) : splitLocalized(shown, body, options.locale);
  return toMinor(shown, whole, fraction, currency, negative);
}

/** Exact decimal text of an amount, without grouping or symbol: "12.50", "-0.05", "1200" (JPY), "1.234" (BHD). */
export function toDecimalString(minor: number, currency: string): string {
  const digits = unitsOf(currency);
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`amount ${minor} is not a whole number of minor units`);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor));
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Locale-formatted amount with symbol, always with the currency's ISO number of decimals. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  return moneyFormat(currency, locale)(minor);
}

/**
 * `formatMoney` for one currency and locale, its Intl formatter made once: for a caller that formats many amounts
 * (a page of rows), since making the formatter costs far more than using it.
 */
export function moneyFormat(currency: string, locale = 'en-US'): (minor: number) => string {
  const digits = unitsOf(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl formats a decimal string exactly, so amounts near 2^53 keep every digit.
  return (minor) => format.format(toDecimalString(minor, currency) as Intl.StringNumericLiteral);
}

function unitsOf(currency: string): number {
  if (!isCurrencyCode(currency)) throw new RangeError(`unknown currency ${quote(currency)}`);
  return minorUnits(currency);
}

interface Split {
  whole: string;
  fraction: string;
}

function splitPlain(shown: string, body: string): Split {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(body);
  if (m) return { whole: m[1] ?? '', fraction: m[2] ?? '' };
  if (/^\d+\.$|^\.\d+$/.test(body)) {
    throw new MoneyParseError(
      `amount ${quote(shown)} is not a number: write digits on both sides of the "."`,
    );
  }
  if (/^\d[\d.,'\u2019 \u00a0\u202f]*\d$/.test(body)) {
    throw new MoneyParseError(
      `amount ${quote(shown)} is ambiguous: write it as digits with "." for decimals (like 1234.50) or give a locale`,
    );
  }
  throw new MoneyParseError(`amount ${quote(shown)} is not a number`);
}

function splitLocalized(shown: string, body: string, locale: string): Split {
  let parts: Intl.NumberFormatPart[];
  try {
    // Seven integer digits show both group sizes (en-IN groups 12,34,567).
    parts = new Intl.NumberFormat(locale).formatToParts(1234567.891);
  } catch {
    throw new MoneyParseError(`unknown locale ${quote(locale)}`);
  }
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value;
  const sizes = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const primary = sizes[sizes.length - 1] ?? 3;
  const secondary = sizes.length > 2 ? (sizes[sizes.length - 2] ?? primary) : primary;
  const style = `${locale} (group separator ${describe(group)}, decimal separator ${describe(decimal)})`;

  // People type a plain space or ' where the locale prints NBSP, narrow NBSP or ’.
  const normalized =
    group === undefined
      ? body
      : [...body]
          .map((c) =>
            (SPACE_LIKE.includes(group) && SPACE_LIKE.includes(c)) ||
            (APOSTROPHE_LIKE.includes(group) && APOSTROPHE_LIKE.includes(c))
              ? group
              : c,
          )
          .join('');
  const pieces = normalized.split(decimal);
  const wholeText = pieces[0] ?? '';
  const fraction = pieces[1] ?? '';
  const chunks = group === undefined ? [wholeText] : wholeText.split(group);
  if (pieces.length === 2 && (wholeText === '' || fraction === '') && DIGITS.test(wholeText + fraction)) {
    throw new MoneyParseError(
      `amount ${quote(shown)} is not a number: write digits on both sides of the ${describe(decimal)}`,
    );
  }
  if (pieces.length > 2 || (pieces.length === 2 && !DIGITS.test(fraction)) || !DIGITS.test(chunks.join(''))) {
    throw new MoneyParseError(`amount ${quote(shown)} is not a number in the format of ${style}`);
  }
  if (chunks.length > 1) {
    const wellFormed = chunks.every((chunk, i) =>
      i === 0
        ? chunk.length >= 1 && chunk.length <= secondary
        : chunk.length === (i === chunks.length - 1 ? primary : secondary),
    );
    const last = chunks[chunks.length - 1] ?? '';
    if (!wellFormed && pieces.length === 1 && chunks.length === 2 && last.length <= 2) {
      // "12,50" where the locale groups with "," and writes decimals with ".": a decimal typed the other way.
      throw new MoneyParseError(
        `amount ${quote(shown)}: use ${separatorName(decimal)} for decimals, like ${chunks[0] ?? ''}${decimal}${last}`,
      );
    }
    if (!wellFormed) {
      const groups = secondary === primary ? `${primary}` : `${secondary} then ${primary}`;
      throw new MoneyParseError(
        `amount ${quote(shown)} has misplaced group separators: ${locale} groups digits by ${groups} ` +
          `(group separator ${describe(group)}, decimal separator ${describe(decimal)})`,
      );
    }
  }
  return { whole: chunks.join(''), fraction: pieces.length === 2 ? fraction : '' };
}

function toMinor(
  shown: string,
  whole: string,
  fraction: string,
  currency: CurrencyCode,
  negative: boolean,
): number {
  const digits = minorUnits(currency);
  // "12.500" EUR is exact; "12.505" would need rounding, which is the user's call, not ours.
  if (/[^0]/.test(fraction.slice(digits))) {
    throw new MoneyParseError(`amount ${quote(shown)} has more decimals than ${currency} allows (${digits})`);
  }
  const significant = (whole + fraction.slice(0, digits).padEnd(digits, '0')).replace(/^0+/, '');
  // Checking the length first keeps Number() exact: at most 14 digits is far below 2^53.
  if (significant.length > String(MAX_MINOR_UNITS).length || Number(significant) > MAX_MINOR_UNITS) {
    throw new MoneyParseError(
      `amount ${quote(shown)} is too large: the limit is ${toDecimalString(MAX_MINOR_UNITS, currency)} ${currency}`,
    );
  }
  const value = Number(significant);
  return negative && value !== 0 ? -value : value;
}

/** A decimal separator in plain words. */
function separatorName(separator: string): string {
  return separator === '.' ? 'a dot' : separator === ',' ? 'a comma' : JSON.stringify(separator);
}

function describe(separator: string | undefined): string {
  if (separator === undefined) return 'none';
  return SPACE_LIKE.includes(separator) ? 'a space' : JSON.stringify(separator);
}

/** Quotes user text for a message, cut short so a pasted megabyte does not end up in a log line. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
