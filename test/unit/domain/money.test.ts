import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CURRENCY_CODES, minorUnits } from '../../../src/domain/currency.js';
import {
  MAX_MINOR_UNITS,
  MoneyParseError,
  formatMoney,
  parseMoney,
  toDecimalString,
} from '../../../src/domain/money.js';

/** Asserts that parsing fails with a MoneyParseError whose message contains every fragment. */
function expectRefused(
  text: string,
  currency: string,
  locale: string | undefined,
  ...fragments: string[]
): void {
  let caught: unknown;
  try {
    parseMoney(text, currency, locale === undefined ? {} : { locale });
  } catch (err) {
    caught = err;
  }
  expect(caught, `"${text}" should be refused`).toBeInstanceOf(MoneyParseError);
  const message = (caught as Error).message;
  for (const fragment of fragments) expect(message).toContain(fragment);
}

describe('parseMoney without a locale', () => {
  it('parses whole and decimal amounts per currency', () => {
    expect(parseMoney('12.50', 'EUR')).toBe(1250);
    expect(parseMoney('12', 'EUR')).toBe(1200);
    expect(parseMoney('0.05', 'USD')).toBe(5);
    expect(parseMoney('12', 'JPY')).toBe(12);
    expect(parseMoney('12.5', 'BHD')).toBe(12500);
    expect(parseMoney('12.345', 'BHD')).toBe(12345);
    expect(parseMoney('12', 'BHD')).toBe(12000);
    expect(parseMoney('1.2345', 'CLF')).toBe(12345);
    expect(parseMoney('007.10', 'EUR')).toBe(710);
  });

  it('handles signs and surrounding blanks', () => {
    expect(parseMoney('-12.50', 'EUR')).toBe(-1250);
    expect(parseMoney('+12.50', 'EUR')).toBe(1250);
    expect(parseMoney('  -0.05\n', 'USD')).toBe(-5);
    expect(parseMoney('\u221212', 'JPY')).toBe(-12);
    expect(Object.is(parseMoney('-0', 'EUR'), 0)).toBe(true);
    expect(Object.is(parseMoney('-0.00', 'EUR'), 0)).toBe(true);
  });

  it('accepts extra decimals only when they are zeros', () => {
    expect(parseMoney('12.500', 'EUR')).toBe(1250);
    expect(parseMoney('12.00', 'JPY')).toBe(12);
    expect(parseMoney('1.2340', 'BHD')).toBe(1234);
    expectRefused('12.505', 'EUR', undefined, '"12.505"', 'more decimals than EUR allows (2)');
    expectRefused('12.345', 'EUR', undefined, '"12.345"', 'more decimals than EUR allows (2)');
    expectRefused('12.5', 'JPY', undefined, '"12.5"', 'more decimals than JPY allows (0)');
    expectRefused('1.2345', 'BHD', undefined, '"1.2345"', 'more decimals than BHD allows (3)');
  });

  it('refuses what is not a plain number, naming the amount', () => {
    for (const text of [
      'abc',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e3',
      '1E3',
      '0x10',
      '--3',
      '+-3',
      '- 3',
      '12a',
      '$12',
    ]) {
      expectRefused(text, 'EUR', undefined, JSON.stringify(text), 'is not a number');
    }
    expectRefused('12.', 'EUR', undefined, '"12."', 'is not a number', 'both sides');
    expectRefused('.5', 'EUR', undefined, '".5"', 'is not a number', 'both sides');
    expectRefused('-', 'EUR', undefined, '"-"', 'is not a number');
  });

  it('refuses empty input', () => {
    expectRefused('', 'EUR', undefined, 'amount is empty');
    expectRefused('   ', 'EUR', undefined, 'amount is empty');
  });

  it('refuses grouped or comma amounts as ambiguous and asks for a locale', () => {
    for (const text of [
      '1 234,50',
      '1,234',
      '1,234.50',
      '1.234,50',
      '12,5',
      "1'234.50",
      '1.234.567',
      '1\u00a0234',
    ]) {
      expectRefused(text, 'EUR', undefined, JSON.stringify(text), 'is ambiguous', 'give a locale');
    }
  });

  it('refuses amounts above MAX_MINOR_UNITS', () => {
    expect(parseMoney('100000000000.00', 'EUR')).toBe(MAX_MINOR_UNITS);
    expect(parseMoney('-100000000000', 'EUR')).toBe(-MAX_MINOR_UNITS);
    expect(parseMoney('10000000000000', 'JPY')).toBe(MAX_MINOR_UNITS);
    expectRefused(
      '100000000000.01',
      'EUR',
      undefined,
      '"100000000000.01"',
      'is too large',
      '100000000000.00 EUR',
    );
    expectRefused('10000000000001', 'JPY', undefined, 'is too large');
    expectRefused('-99999999999999', 'USD', undefined, 'is too large');
    expectRefused('9'.repeat(400), 'USD', undefined, 'is too large', '…');
    expect(parseMoney('00000000000000000000001', 'USD')).toBe(100);
    expect(parseMoney('0000000000000000000000.01', 'USD')).toBe(1);
  });

  it('refuses an unknown currency, naming it', () => {
    expectRefused('12', 'XYZ', undefined, 'unknown currency "XYZ"');
    expectRefused('12', 'usd', undefined, 'unknown currency "usd"');
    expectRefused('12', 'toString', undefined, 'unknown currency "toString"');
  });
});

describe('parseMoney with a locale', () => {
  it("reads the locale's separators", () => {
    expect(parseMoney('1.234,50', 'EUR', { locale: 'de-DE' })).toBe(123450);
    expect(parseMoney('1,234.50', 'USD', { locale: 'en-US' })).toBe(123450);
    expect(parseMoney('1,234', 'USD', { locale: 'en-US' })).toBe(123400);
    expect(parseMoney('1.234', 'EUR', { locale: 'de-DE' })).toBe(123400);
    expect(parseMoney('1,234', 'BHD', { locale: 'de-DE' })).toBe(1234);
    expect(parseMoney('-1.234.567,8', 'EUR', { locale: 'de-DE' })).toBe(-123456780);
    expect(parseMoney("1'234.50", 'CHF', { locale: 'de-CH' })).toBe(123450);
    expect(parseMoney('1\u2019234.50', 'CHF', { locale: 'de-CH' })).toBe(123450);
    expect(parseMoney('12,34,567.50', 'INR', { locale: 'en-IN' })).toBe(123456750);
  });

  it('treats every kind of space as the group separator where the locale groups with spaces', () => {
    expect(parseMoney('1 234,50', 'EUR', { locale: 'fr-FR' })).toBe(123450);
    expect(parseMoney('1\u00a0234,50', 'EUR', { locale: 'fr-FR' })).toBe(123450);
    expect(parseMoney('1\u202f234\u00a0567,50', 'EUR', { locale: 'fr-FR' })).toBe(123456750);
    expect(parseMoney('\u22121 234,50', 'SEK', { locale: 'sv-SE' })).toBe(-123450);
    expectRefused('1 234.50', 'USD', 'en-US', '"1 234.50"', 'is not a number', 'en-US');
  });

  it('accepts amounts without grouping', () => {
    expect(parseMoney('1234,50', 'EUR', { locale: 'de-DE' })).toBe(123450);
    expect(parseMoney('1234567.5', 'USD', { locale: 'en-US' })).toBe(123456750);
    expect(parseMoney('12', 'JPY', { locale: 'ja-JP' })).toBe(12);
  });

  it('refuses malformed grouping, naming the amount and the locale', () => {
    expectRefused('1,23,4.5', 'USD', 'en-US', '"1,23,4.5"', 'misplaced group separators', 'en-US');
    expectRefused('1234,567.00', 'USD', 'en-US', 'misplaced group separators');
    expectRefused('1,2345', 'USD', 'en-US', 'misplaced group separators');
    expectRefused(',123', 'USD', 'en-US', 'misplaced group separators');
    expectRefused('1,234,', 'USD', 'en-US', 'misplaced group separators');
    expectRefused('1,,234', 'USD', 'en-US', 'misplaced group separators');
    expectRefused('12.50', 'EUR', 'de-DE', '"12.50"', 'use a comma for decimals, like 12,50');
    expectRefused('12,50', 'EUR', 'en-IE', '"12,50"', 'use a dot for decimals, like 12.50');
    expectRefused('123,456', 'INR', 'en-IN', 'misplaced group separators', 'by 2 then 3');
  });

  it('refuses what the locale cannot read', () => {
    expectRefused(
      '1234.50',
      'EUR',
      'fr-FR',
      '"1234.50"',
      'is not a number',
      'fr-FR',
      'decimal separator ","',
    );
    expectRefused('1,234.5.6', 'USD', 'en-US', 'is not a number');
    expectRefused('1e3', 'USD', 'en-US', '"1e3"', 'is not a number');
    expectRefused('NaN', 'USD', 'de-DE', '"NaN"', 'is not a number');
    expectRefused('12,', 'EUR', 'de-DE', '"12,"', 'both sides');
    expectRefused(',5', 'EUR', 'de-DE', '",5"', 'both sides');
    expectRefused('--3', 'EUR', 'de-DE', '"--3"', 'is not a number');
    expectRefused('12,5', 'JPY', 'ja-JP', 'use a dot for decimals, like 12.5');
    expectRefused('1.234,567', 'EUR', 'de-DE', 'more decimals than EUR allows (2)');
    expectRefused('100.000.000.000,01', 'EUR', 'de-DE', 'is too large');
  });

  it('refuses an invalid locale tag, naming it', () => {
    expectRefused('12', 'EUR', 'en_US', 'unknown locale "en_US"');
  });
});

describe('toDecimalString', () => {
  it('writes plain exact decimals with the ISO number of digits', () => {
    expect(toDecimalString(1250, 'EUR')).toBe('12.50');
    expect(toDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(toDecimalString(0, 'EUR')).toBe('0.00');
    expect(toDecimalString(-0, 'EUR')).toBe('0.00');
    expect(toDecimalString(1200, 'JPY')).toBe('1200');
    expect(toDecimalString(-1200, 'JPY')).toBe('-1200');
    expect(toDecimalString(1234, 'BHD')).toBe('1.234');
    expect(toDecimalString(7, 'CLF')).toBe('0.0007');
    expect(toDecimalString(123456789012345, 'USD')).toBe('1234567890123.45');
    expect(toDecimalString(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
  });

  it('refuses fractions of a minor unit, unsafe integers and unknown currencies', () => {
    expect(() => toDecimalString(1.5, 'EUR')).toThrow('1.5 is not a whole number of minor units');
    expect(() => toDecimalString(Number.NaN, 'EUR')).toThrow('NaN is not a whole number');
    expect(() => toDecimalString(2 ** 53, 'EUR')).toThrow('is not a whole number');
    expect(() => toDecimalString(1, 'XYZ')).toThrow('unknown currency "XYZ"');
  });
});

describe('formatMoney', () => {
  it('formats with the ISO number of decimals', () => {
    expect(formatMoney(1250, 'USD')).toBe('$12.50');
    expect(formatMoney(-1250, 'USD')).toBe('-$12.50');
    expect(formatMoney(123456789, 'USD')).toBe('$1,234,567.89');
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(formatMoney(1234, 'BHD')).toContain('1.234');
    expect(formatMoney(1000, 'BHD')).toContain('1.000');
    // CLDR would show ISK, HUF without decimals; the ledger shows what is stored.
    expect(formatMoney(12345, 'HUF', 'en-US')).toContain('123.45');
    expect(formatMoney(12, 'ISK', 'en-US')).toContain('12');
    expect(formatMoney(12, 'ISK', 'en-US')).not.toContain('.');
  });

  it('uses the locale', () => {
    const de = formatMoney(123450, 'EUR', 'de-DE');
    expect(de).toContain('1.234,50');
    expect(de).toContain('€');
    expect(formatMoney(123450, 'EUR', 'fr-FR').replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234,50 €');
  });

  it('keeps every digit of large amounts and never shows minus zero', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(-0, 'USD')).toBe('$0.00');
  });

  it('refuses unknown currencies', () => {
    expect(() => formatMoney(1, 'XYZ')).toThrow('unknown currency "XYZ"');
  });
});

describe('round trips', () => {
  const samples = [0, 1, -1, 5, -5, 99, 100, 101, 1250, -1250, 123456789, MAX_MINOR_UNITS, -MAX_MINOR_UNITS];

  it('parseMoney(toDecimalString(x)) === x for sample values in every currency', () => {
    for (const currency of CURRENCY_CODES) {
      for (const x of samples) expect(parseMoney(toDecimalString(x, currency), currency)).toBe(x);
    }
  });

  it('parseMoney(toDecimalString(x)) === x for any amount in range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_MINOR_UNITS, max: MAX_MINOR_UNITS }),
        fc.constantFrom(...CURRENCY_CODES),
        (x, currency) => parseMoney(toDecimalString(x, currency), currency) === x,
      ),
      { numRuns: 2000 },
    );
  });

  it("parses back what Intl writes in the locale's own format", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_MINOR_UNITS, max: MAX_MINOR_UNITS }),
        fc.constantFrom('EUR', 'USD', 'JPY', 'BHD', 'CLF'),
        fc.constantFrom(
          'en-US',
          'de-DE',
          'fr-FR',
          'de-CH',
          'en-IN',
          'sv-SE',
          'es-ES',
          'pt-BR',
          'it-IT',
          'ja-JP',
        ),
        (x, currency, locale) => {
          const d = minorUnits(currency);
          const text = new Intl.NumberFormat(locale, {
            minimumFractionDigits: d,
            maximumFractionDigits: d,
          }).format(toDecimalString(x, currency) as Intl.StringNumericLiteral);
          return parseMoney(text, currency, { locale }) === x;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
