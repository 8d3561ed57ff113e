import { MoneyParseError, parseMoney } from '../domain/money.js';

/** The decimal separator of a file's amounts; the other of the two, and spaces or apostrophes, group digits. */
export type DecimalSeparator = '.' | ',';

// Currency symbols and codes banks print next to amounts; stripped before reading the number.
const DECORATION = /[A-Z]{3}|[€$£¥₣₤₹₽₺₩₪₫฿\u00a0\u202f' ’]/g;
const MINUS = /^[-\u2212]|[-\u2212]$/;
const CREDIT_DEBIT = /\s*\b(CR|DR)\.?$/i;

interface Cleaned {
  readonly negative: boolean;
  readonly body: string;
}

/** Sign and bare digits-and-separators of a bank's amount: "-1.234,50 €", "(12.50)", "12,50-", "+3". */
function clean(text: string): Cleaned {
  let body = text.trim();
  let negative = false;
  // British banks mark the side instead of signing: "12.50 DR", "1,000.00 CR".
  const side = CREDIT_DEBIT.exec(body);
  if (side) {
    negative = side[1]?.toUpperCase() === 'DR';
    body = body.slice(0, side.index);
  }
  body = body.replace(DECORATION, '');
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1);
  }
  if (MINUS.test(body)) {
    negative = !negative;
    body = body.replace(MINUS, '');
  } else if (body.startsWith('+')) {
    body = body.slice(1);
  }
  return { negative, body };
}

/**
 * The decimal separator most amounts of a file use. A separator followed by one or two final digits, or the
 * later of two different separators, is decimal; one repeated or followed by exactly three digits groups
 * thousands. Files whose amounts never show either default to ".".
 */
export function detectDecimalSeparator(values: readonly string[]): DecimalSeparator {
  let comma = 0;
  let dot = 0;
  for (const value of values) {
    const { body } = clean(value);
    const lastComma = body.lastIndexOf(',');
    const lastDot = body.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
      continue;
    }
    const at = Math.max(lastComma, lastDot);
    if (at < 0) continue;
    const separator = body.charAt(at);
    const repeated = body.indexOf(separator) !== at;
    const decimals = body.length - at - 1;
    const isDecimal = !repeated && decimals !== 3;
    if ((separator === ',') === isDecimal) comma++;
    else dot++;
  }
  return comma > dot ? ',' : '.';
}

/**
 * A bank's written amount as signed minor units of `currency`. Group separators must group by three, so
 * "12.50" in a decimal-comma file is refused instead of becoming 1250.
 */
export function readAmount(text: string, decimal: DecimalSeparator, currency: string): number {
  const { negative, body } = clean(text);
  if (body === '') throw new MoneyParseError(`amount "${text.trim()}" is not a number`);
  const group = decimal === ',' ? '.' : ',';
  const [whole = '', fraction, extra] = body.split(decimal);
  if (extra !== undefined) throw new MoneyParseError(`amount "${text.trim()}" has two "${decimal}"`);
  const chunks = whole.split(group);
  if (chunks.length > 1 && !chunks.every((c, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(c))) {
    throw new MoneyParseError(
      `amount "${text.trim()}" does not match this file's number format (decimal separator "${decimal}")`,
    );
  }
  const plain = `${negative ? '-' : ''}${chunks.join('')}${fraction === undefined ? '' : `.${fraction}`}`;
  return parseMoney(plain, currency);
}
