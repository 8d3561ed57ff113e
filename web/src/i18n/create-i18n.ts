import { createInstance, type i18n } from 'i18next';
import { en } from './en';
import type { Language } from './language';

/**
 * An i18next instance for one app: English built in, German fetched the first time it is needed (its own chunk,
 * so an English reader downloads none of it). Made per app rather than shared by the module, and handed down
 * with I18nextProvider.
 */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = createInstance();
  await instance.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
  });
  await switchLanguage(instance, language);
  return instance;
}

/** Switches `instance` to `language`, loading its catalog first when it has not been loaded. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  if (language === 'de' && !instance.hasResourceBundle('de', 'translation')) {
    const { de } = await import('./de');
    instance.addResourceBundle('de', 'translation', de);
  }
  if (instance.language !== language) await instance.changeLanguage(language);
  document.documentElement.lang = language;
}
