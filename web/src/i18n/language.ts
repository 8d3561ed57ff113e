/** The languages the web UI is written in. */
export type Language = 'en' | 'de';

export const LANGUAGES: readonly Language[] = ['en', 'de'];

/** The language of a BCP 47 tag when the UI has it ("de-AT" → de), else null. */
export function languageOf(tag: string | null | undefined): Language | null {
  const base = parse(tag)?.language;
  return LANGUAGES.find((l) => l === base) ?? null;
}

/** The user's saved locale when the UI speaks its language, else the browser's first such language, else English. */
export function pickLanguage(
  savedLocale: string | null | undefined,
  browserLanguages: readonly string[],
): Language {
  for (const tag of [savedLocale, ...browserLanguages]) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return 'en';
}

/**
 * The one locale words, dates and numbers are shown in: the UI's language with the user's region ("de" and a saved
 * "en-AT" give "de-AT"), the region of the browser's languages when the saved locale names none.
 */
export function displayLocale(
  language: Language,
  savedLocale: string | null | undefined,
  browserLanguages: readonly string[],
): string {
  const region = [savedLocale, ...browserLanguages].map((t) => parse(t)?.region).find(Boolean);
  try {
    return new Intl.Locale(language, region ? { region } : {}).toString();
  } catch {
    return language;
  }
}

function parse(tag: string | null | undefined): Intl.Locale | null {
  if (!tag) return null;
  try {
    return new Intl.Locale(tag);
  } catch {
    return null;
  }
}
