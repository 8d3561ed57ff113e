import { describe, expect, it } from 'vitest';
import { displayLocale, languageOf, pickLanguage } from '../../../web/src/i18n/language.js';

describe('languageOf', () => {
  it.each([
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['DE', 'de'],
    ['en-GB', 'en'],
    ['en', 'en'],
    ['fr-FR', null],
    ['', null],
    ['not a tag!', null],
    [null, null],
  ])('%j speaks %j', (tag, language) => {
    expect(languageOf(tag)).toBe(language);
  });
});

describe('pickLanguage', () => {
  it("follows the user's saved locale first", () => {
    expect(pickLanguage('de-DE', ['en-US'])).toBe('de');
    expect(pickLanguage('en-US', ['de-DE', 'de'])).toBe('en');
  });

  it("falls back to the browser's first language the UI speaks when the saved one is not", () => {
    expect(pickLanguage('fr-FR', ['fr-FR', 'de-CH', 'en'])).toBe('de');
    expect(pickLanguage(null, ['nl', 'en-GB', 'de'])).toBe('en');
    expect(pickLanguage(undefined, ['de-AT'])).toBe('de');
  });

  it('is English when nothing fits', () => {
    expect(pickLanguage('ja-JP', ['ja', 'ko'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});

describe('displayLocale', () => {
  it("joins the UI's language with the user's region, so words, dates and numbers agree", () => {
    expect(displayLocale('de', 'de-DE', ['en-US'])).toBe('de-DE');
    expect(displayLocale('de', 'en-AT', [])).toBe('de-AT');
    expect(displayLocale('en', 'de-DE', [])).toBe('en-DE');
  });

  it("takes the browser's region when the saved locale names none, else the language alone", () => {
    expect(displayLocale('de', 'de', ['fr-CH'])).toBe('de-CH');
    expect(displayLocale('en', null, ['en-GB'])).toBe('en-GB');
    expect(displayLocale('de', '', ['de'])).toBe('de');
  });

  it('formats German numbers and dates when the language is German', () => {
    const locale = displayLocale('de', 'en-DE', []);
    expect(new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(1234.5)).toBe('1.234,50');
    expect(
      new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
        new Date('2026-03-01T00:00:00Z'),
      ),
    ).toBe('März');
  });
});
