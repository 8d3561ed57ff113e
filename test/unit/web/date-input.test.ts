import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/dates.js';
import { DATE_LABELS } from '../../../web/src/date-labels.js';
import { dateHint, dateLocale, formatDate, numericDate, readDate } from '../../../web/src/date-input.js';

const TODAY = '2026-12-03';

function read(text: string, locale: string) {
  return readDate(text, dateLocale(locale), TODAY, DATE_LABELS);
}

function dateOf(text: string, locale: string): string | undefined {
  const found = read(text, locale);
  return found.ok ? found.date : undefined;
}

describe('reading a typed date in the locale', () => {
  it('reads the numeric form in the order the locale writes it', () => {
    expect(dateOf('2/12/2026', 'en-US')).toBe('2026-02-12');
    expect(dateOf('2/12/2026', 'en-GB')).toBe('2026-12-02');
    expect(dateOf('2/12/2026', 'en-IE')).toBe('2026-12-02');
    expect(dateOf('02.12.2026', 'de-DE')).toBe('2026-12-02');
    expect(dateOf('2.12.2026', 'de-DE')).toBe('2026-12-02');
  });

  it('reads a named month in any order, in the locale’s language or in English', () => {
    expect(dateOf('3 Dec 2026', 'en-GB')).toBe('2026-12-03');
    expect(dateOf('Dec 3, 2026', 'en-US')).toBe('2026-12-03');
    expect(dateOf('3 December 2026', 'en-IE')).toBe('2026-12-03');
    expect(dateOf('3rd December 2026', 'en-GB')).toBe('2026-12-03');
    expect(dateOf('3. Dezember 2026', 'de-DE')).toBe('2026-12-03');
    expect(dateOf('3 März 2026', 'de-DE')).toBe('2026-03-03');
    expect(dateOf('3 Maerz 2026', 'de-DE')).toBeUndefined();
    expect(dateOf('3 Dec 2026', 'de-DE')).toBe('2026-12-03');
    expect(dateOf('sept 4 2026', 'en-US')).toBe('2026-09-04');
    expect(dateOf('3 déc. 2026', 'fr-FR')).toBe('2026-12-03');
    expect(dateOf('3 dec 2026', 'fr-FR')).toBe('2026-12-03');
  });

  it('reads ISO dates in every locale, and a day and month alone as this year', () => {
    for (const locale of ['en-US', 'en-GB', 'en-IE', 'de-DE'])
      expect(dateOf('2026-12-02', locale), locale).toBe('2026-12-02');
    expect(dateOf('3 Dec', 'en-GB')).toBe('2026-12-03');
    expect(dateOf('12/3', 'en-US')).toBe('2026-12-03');
    expect(dateOf('3.12.', 'de-DE')).toBe('2026-12-03');
  });

  it('reads today, yesterday and tomorrow', () => {
    expect(dateOf(' Today ', 'en-GB')).toBe(TODAY);
    expect(dateOf('yesterday', 'de-DE')).toBe('2026-12-02');
    expect(dateOf('tomorrow', 'en-US')).toBe('2026-12-04');
  });

  it('reads nothing typed as no date', () => {
    expect(read('  ', 'en-GB')).toEqual({ ok: true, date: '' });
  });

  it('refuses dates that do not exist, with a plain example in the locale', () => {
    expect(read('31 Feb 2026', 'en-GB')).toEqual({ ok: false, error: 'Type a date like 3 Dec 2026' });
    expect(read('2/31/2026', 'en-US')).toEqual({ ok: false, error: 'Type a date like Dec 3, 2026' });
    expect(read('31.02.2026', 'de-DE')).toEqual({ ok: false, error: 'Type a date like 03.12.2026' });
    expect(read('2026-02-29', 'en-IE').ok).toBe(false);
    expect(dateOf('2028-02-29', 'en-IE')).toBe('2028-02-29');
    expect(read('13/13/2026', 'en-GB').ok).toBe(false);
  });

  it('refuses junk', () => {
    for (const junk of ['soon', 'next week', '3 Dex 2026', '2026', '12/2026', '1/2/3/2026', '!!', '20261203'])
      expect(read(junk, 'en-GB').ok, junk).toBe(false);
  });

  it('refuses what could be two dates', () => {
    // A two-digit year, the start of two months, two months, two numbers beside a month.
    for (const ambiguous of [
      '3/4/26',
      'ju 3 2026',
      'ma 3 2026',
      'Dec Jan 3 2026',
      '3 Dec 4 2026',
      '3 Dec 26',
    ])
      expect(read(ambiguous, 'en-GB').ok, ambiguous).toBe(false);
    expect(read('3 jui 2026', 'fr-FR').ok).toBe(false);
    expect(dateOf('3 juil 2026', 'fr-FR')).toBe('2026-07-03');
  });
});

describe('writing a date for the field', () => {
  it('writes the app’s form, and offers the numeric one where that names the month', () => {
    expect(formatDate('2026-12-02', dateLocale('en-GB'))).toBe('2 Dec 2026');
    expect(formatDate('2026-12-02', dateLocale('en-US'))).toBe('Dec 2, 2026');
    expect(dateHint(dateLocale('en-GB'), TODAY, DATE_LABELS)).toBe('For example 3 Dec 2026 or 03/12/2026');
    expect(dateHint(dateLocale('en-US'), TODAY, DATE_LABELS)).toBe('For example Dec 3, 2026 or 12/03/2026');
    expect(dateHint(dateLocale('de-DE'), TODAY, DATE_LABELS)).toBe('For example 03.12.2026');
  });

  it('reads back every day it writes, in the app’s form and the numeric one, across locales', () => {
    const locales = [
      'en-US',
      'en-GB',
      'en-IE',
      'de-DE',
      'fr-FR',
      'pt-BR',
      'ja-JP',
      'zh-CN',
      'ko-KR',
      'ru-RU',
    ];
    const more = ['ar-EG', 'hi-IN', 'he-IL', 'th-TH', 'fa-IR', 'vi-VN', 'hu-HU', 'sv-SE', 'nl-NL', 'pl-PL'];
    for (const locale of [...locales, ...more]) {
      const where = dateLocale(locale);
      for (let day = '2028-01-01'; day < '2029-01-01'; day = addDays(day, 1)) {
        for (const written of [formatDate(day, where), numericDate(day, where)]) {
          if (written === undefined) continue;
          const found = readDate(written, where, TODAY, DATE_LABELS);
          expect(found, `${locale}: ${written}`).toEqual({ ok: true, date: day });
        }
      }
    }
  });
});
