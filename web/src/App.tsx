import { useEffect, useMemo, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiContext } from './api/api-context';
import { createQueryClient } from './api/query-client';
import { Page } from './app/Page';
import { PageModulesContext, type PageModules } from './app/page-modules';
import { ToastProvider } from './app/Toasts';
import { useFirstPageData } from './app/use-first-page-data';
import { useSession } from './app/use-session';
import { AppContext, type AppContextValue } from './context';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { useRoute } from './hooks';
import { LoginPage } from './pages/login/LoginPage';
import { switchLanguage } from './i18n/create-i18n';
import { displayLocale, languageOf, pickLanguage } from './i18n/language';
import { rememberLocale } from './i18n/locale-hint';

export function App({ i18n, pages }: { i18n: i18n; pages: PageModules }) {
  // One cache for the app's lifetime, made here rather than in a module so that nothing outlives the root.
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <PageModulesContext.Provider value={pages}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <SessionGate />
          </ToastProvider>
        </QueryClientProvider>
      </PageModulesContext.Provider>
    </I18nextProvider>
  );
}

/** Stands in for the user while the app renders hidden during the session check: never shown. */
const UNCONFIRMED_USER = {
  id: '',
  name: '',
  currency: 'USD',
  locale: '',
  createdAt: '',
  hasPassword: true,
} as const;

/**
 * The sign-in page until there is a session, then the app. While the session is being checked in a browser that
 * was signed in last time, the app is already rendered, hidden behind "Opening pfm…", so that its requests run
 * alongside the check; it is shown once the session is confirmed, in place (its cached answers are kept), and
 * dropped for the sign-in page otherwise, so a stale session never shows an error.
 */
function SessionGate() {
  const route = useRoute();
  const { t, i18n } = useTranslation();
  const { session, speculative, bootError, api, accept, setUser, signOut } = useSession();
  useFirstPageData(route, api, speculative);
  const user = session?.user ?? (speculative ? UNCONFIRMED_USER : null);
  const language = languageOf(i18n.language) ?? 'en';
  const savedLocale = session?.user.locale;

  // The signed-in user's saved language wins over this browser's.
  useEffect(() => {
    if (!savedLocale) return;
    rememberLocale(savedLocale);
    void switchLanguage(i18n, pickLanguage(savedLocale, navigator.languages));
  }, [savedLocale, i18n]);

  const context = useMemo<AppContextValue | null>(
    () =>
      user
        ? {
            user,
            currency: user.currency,
            locale: displayLocale(language, user.locale, navigator.languages),
            setUser,
            signOut,
          }
        : null,
    [user, language, setUser, signOut],
  );

  if (session === undefined && !speculative) return <Loading label={t('app.opening')} />;
  return (
    <ApiContext.Provider value={api}>
      {speculative && <Loading label={t('app.opening')} />}
      {context ? (
        <AppContext.Provider value={context}>
          {/* The same element hidden or shown, so that showing it keeps every mounted part and its data. */}
          <div className="app-frame" hidden={speculative}>
            <Layout route={route}>
              <Page route={route} />
            </Layout>
          </div>
        </AppContext.Provider>
      ) : (
        <LoginPage onSignedIn={accept} bootError={bootError} />
      )}
    </ApiContext.Provider>
  );
}
