import { isCurrencyCode } from '../../src/domain/currency.js';
import { parseMoney, toDecimalString } from '../../src/domain/money.js';
import { ApiError } from './api/client';
import { digitsOf } from './format';

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
 * Above zero, unless `signed` (a balance may be zero or below).
 */
export function readAmount(
  text: string,
  currency: string,
  locale: string,
  what = 'Amount',
  signed = false,
): AmountRead {
  const t = text.trim();
  if (t === '') return { ok: false, error: `${what} is required` };
  if (!isCurrencyCode(currency))
    return { ok: true, value: t, minor: Math.round(Number(t) * 10 ** digitsOf(currency)) };
  let minor: number;
  try {
    minor = parseMoney(t, currency, { locale });
  } catch (localized) {
    try {
      minor = parseMoney(t, currency);
    } catch {
      const message = localized instanceof Error ? localized.message : String(localized);
      return { ok: false, error: capitalize(message.replace(/^amount\b/, what.toLowerCase())) };
    }
  }
  if (!signed && minor <= 0) return { ok: false, error: `${what} must be greater than zero` };
  return { ok: true, value: toDecimalString(minor, currency), minor };
}
