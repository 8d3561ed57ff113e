// The locale of whoever last used pfm in this browser, so that the first frame, before the session check has
// answered, is already in their language. It is a language tag, nothing more.
const KEY = 'pfm.locale';

export function localeHint(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: the browser's languages decide
  }
}

export function rememberLocale(locale: string): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // storage disabled: the next start follows the browser's languages until the session answers
  }
}
