import { useMemo, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { ApiContext } from './api/api-context';
import { createQueryClient } from './api/query-client';
import { Page } from './app/Page';
import { ToastProvider } from './app/Toasts';
import { useFirstPageData } from './app/use-first-page-data';
import { useSession } from './app/use-session';
import { AppContext, type AppContextValue } from './context';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { useRoute } from './hooks';
import { LoginPage } from './pages/login/LoginPage';

export function App() {
  // One cache for the app's lifetime, made here rather than in a module so that nothing outlives the root.
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <SessionGate />
      </ToastProvider>
    </QueryClientProvider>
  );
}

/** Stands in for the user while the app renders hidden during the session check: never shown. */
const UNCONFIRMED_USER = {
  id: '',
  name: '',
  currency: 'USD',
  locale: 'en-US',
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
  const { session, speculative, bootError, api, accept, signOut } = useSession();
  useFirstPageData(route, api, speculative);
  const user = session?.user ?? (speculative ? UNCONFIRMED_USER : null);
  const context = useMemo<AppContextValue | null>(
    () =>
      user
        ? {
            user,
            currency: user.currency,
            locale: user.locale || navigator.language,
            signOut,
          }
        : null,
    [user, signOut],
  );

  if (session === undefined && !speculative) return <Loading label="Opening pfm…" />;
  return (
    <ApiContext.Provider value={api}>
      {speculative && <Loading label="Opening pfm…" />}
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
