import { describe, it, expect } from 'vitest';
import {
  CURRENCY_CODES,
  isCurrencyCode,
  minorUnits,
  type CurrencyCode,
} from '../../../src/domain/currency.js';

const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' ');
const THREE = 'BHD IQD JOD KWD LYD OMR TND'.split(' ');
const FOUR = ['CLF', 'UYW'];

describe('CURRENCY_CODES', () => {
  it('lists the active ISO 4217 codes once each, sorted', () => {
    expect(CURRENCY_CODES.length).toBeGreaterThanOrEqual(150);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    for (const code of CURRENCY_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('includes recent codes and leaves out withdrawn ones and those without minor units', () => {
    for (const code of ['XCG', 'ZWG', 'SLE', 'VED', 'VES', 'MRU', 'STN', 'BYN', 'UYW']) {
      expect(CURRENCY_CODES).toContain(code);
    }
    for (const code of ['HRK', 'ZWL', 'SLL', 'LTL', 'VEF', 'XAU', 'XDR', 'XXX', 'XTS']) {
      expect(CURRENCY_CODES).not.toContain(code);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CURRENCY_CODES)).toBe(true);
  });

  it('holds only codes that Intl can format', () => {
    for (const code of CURRENCY_CODES) {
      expect(() => new Intl.NumberFormat('en-US', { style: 'currency', currency: code })).not.toThrow();
    }
  });
});

describe('isCurrencyCode', () => {
  it('accepts known upper-case codes only', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(isCurrencyCode('')).toBe(false);
    expect(isCurrencyCode(' USD')).toBe(false);
  });

  it('does not mistake object prototype keys for currencies', () => {
    for (const key of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(isCurrencyCode(key)).toBe(false);
    }
  });
});

describe('minorUnits', () => {
  it('follows ISO 4217, not CLDR', () => {
    for (const code of ZERO) expect([code, minorUnits(code as CurrencyCode)]).toEqual([code, 0]);
    for (const code of THREE) expect([code, minorUnits(code as CurrencyCode)]).toEqual([code, 3]);
    for (const code of FOUR) expect([code, minorUnits(code as CurrencyCode)]).toEqual([code, 4]);
    // CLDR displays these with 0 decimals; ISO says 2.
    for (const code of ['HUF', 'IDR', 'IRR', 'COP', 'TWD', 'LAK', 'MGA']) {
      expect([code, minorUnits(code as CurrencyCode)]).toEqual([code, 2]);
    }
  });

  it('is 2 for every other code', () => {
    const special = new Set([...ZERO, ...THREE, ...FOUR]);
    for (const code of CURRENCY_CODES) {
      if (!special.has(code)) expect([code, minorUnits(code)]).toEqual([code, 2]);
    }
    for (const code of ZERO) expect(CURRENCY_CODES).toContain(code);
    for (const code of THREE) expect(CURRENCY_CODES).toContain(code);
  });

  it('throws for an unknown code, naming it', () => {
    expect(() => minorUnits('XYZ' as CurrencyCode)).toThrow(RangeError);
    expect(() => minorUnits('XYZ' as CurrencyCode)).toThrow('unknown currency "XYZ"');
  });
});
