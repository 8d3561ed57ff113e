import { createInstance, type i18n } from 'i18next';
import type { Catalog } from './en';
import type { Language } from './language';

/**
 * Each catalog is a chunk of its own, fetched the first time its language is shown: an English reader downloads
 * no German, and a German reader no English (the catalogs have the same keys, so neither needs the other).
 */
const CATALOGS: Record<Language, () => Promise<Catalog>> = {
  en: () => import('./en').then((m) => m.en),
  de: () => import('./de').then((m) => m.de),
};

/** An i18next instance for one app, in `language`; made per app rather than by the module, and handed down with I18nextProvider. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = createInstance();
  await instance.init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: await CATALOGS[language]() } },
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  return instance;
}

/** Switches `instance` to `language`, loading its catalog first when it has not been loaded. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  if (!instance.hasResourceBundle(language, 'translation'))
    instance.addResourceBundle(language, 'translation', await CATALOGS[language]());
  if (instance.language !== language) await instance.changeLanguage(language);
  document.documentElement.lang = language;
}
