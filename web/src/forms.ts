import { isCurrencyCode } from '../../src/domain/currency.js';
import type { TFunction } from 'i18next';
import { MAX_MINOR_UNITS, parseMoney, toDecimalString } from '../../src/domain/money.js';
import { ApiError } from './api/client';
import { amountInput, digitsOf } from './format';

/** Error text per form field, plus `_form` for an error that names no field the form shows. */
export type FieldErrors = Partial<Record<string, string>>;

/** Maps an API answer `{error, field}` onto the form's fields (inline), or onto the whole form. */
export function toFieldErrors(
  e: unknown,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): FieldErrors {
  if (e instanceof ApiError) {
    const field = e.field ? (aliases[e.field] ?? e.field) : undefined;
    if (field && fields.includes(field)) return { [field]: capitalize(e.message) };
    return { _form: capitalize(e.message) };
  }
  return { _form: e instanceof Error ? e.message : String(e) };
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type AmountRead = { ok: true; value: string; minor: number } | { ok: false; error: string };

/**
 * Reads an amount as the person typed it: in their locale ("1.234,50" for de-DE) or plainly ("1234.50"), with
 * the same parser the server uses. What is sent is the plain decimal text, so the server never has to guess.
 * Above zero, unless `signed` (a balance may be zero or below). A mistake is told in the reader's language,
 * with an example of what to type.
 */
export function readAmount(
  text: string,
  currency: string,
  locale: string,
  t: TFunction,
  what: string = t('amount.amount'),
  signed = false,
): AmountRead {
  const typed = text.trim();
  const example = amountInput(1250, currency, locale);
  if (typed === '') return { ok: false, error: t('amount.required', { what, example }) };
  if (!isCurrencyCode(currency))
    return { ok: true, value: typed, minor: Math.round(Number(typed) * 10 ** digitsOf(currency)) };
  let minor: number;
  try {
    minor = parseMoney(typed, currency, { locale });
  } catch (localized) {
    try {
      minor = parseMoney(typed, currency);
    } catch {
      return { ok: false, error: amountMistake(typed, currency, locale, t, what, localized) };
    }
  }
  if (!signed && minor <= 0) return { ok: false, error: t('amount.positive', { what }) };
  return { ok: true, value: toDecimalString(minor, currency), minor };
}

/** What is wrong with an amount the parser refused, in plain words. */
function amountMistake(
  typed: string,
  currency: string,
  locale: string,
  t: TFunction,
  what: string,
  error: unknown,
): string {
  const digits = digitsOf(currency);
  const decimal = decimalMark(locale);
  // "12,50" where the locale writes "12.50" (or the other way round): say which mark to use.
  const swapped = /^(\d+)([.,])(\d{1,2})$/.exec(typed);
  if (swapped && swapped[2] !== decimal && digits > 0 && (decimal === '.' || decimal === ',')) {
    const fraction = (swapped[3] ?? '').padEnd(digits, '0');
    const example = `${swapped[1] ?? ''}${decimal}${fraction}`;
    return decimal === '.' ? t('amount.useDot', { example }) : t('amount.useComma', { example });
  }
  const message = error instanceof Error ? error.message : '';
  const example = amountInput(1250, currency, locale);
  if (message.includes('more decimals')) {
    return digits === 0
      ? t('amount.noDecimals', { currency, example })
      : t('amount.tooManyDecimals', { count: digits, currency, example });
  }
  if (message.includes('too large'))
    return t('amount.tooLarge', { what, max: amountInput(MAX_MINOR_UNITS, currency, locale) });
  return t('amount.notANumber', { what, example });
}

function decimalMark(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    return '.';
  }
}
