import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api/answers';
import { ApiContext } from '../api/api-context';
import { AppContext } from '../context';
import { switchLanguage } from './create-i18n';
import { displayLocale, languageOf, type Language } from './language';
import { localeHint, rememberLocale } from './locale-hint';

export interface LanguageState {
  language: Language;
  /** Shows the UI in `language` and, when someone is signed in, saves it to them (with their region). */
  change: (language: Language) => Promise<void>;
}

export function useLanguage(): LanguageState {
  const { i18n } = useTranslation();
  const api = useContext(ApiContext);
  const app = useContext(AppContext);
  const language = languageOf(i18n.language) ?? 'en';
  const change = async (next: Language) => {
    const locale = displayLocale(next, app?.user.locale ?? localeHint(), navigator.languages);
    await switchLanguage(i18n, next);
    rememberLocale(locale);
    if (app && api) {
      const { user } = await api.patch<Pick<Session, 'user'>>('/api/session/user', { locale });
      app.setUser(user);
    }
  };
  return { language, change };
}
