import { useMemo, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { ApiContext } from './api/api-context';
import { createQueryClient } from './api/query-client';
import { Page } from './app/Page';
import { ToastProvider } from './app/Toasts';
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

/** The sign-in page until there is a session, then the app. */
function SessionGate() {
  const route = useRoute();
  const { session, bootError, api, accept, signOut } = useSession();
  const context = useMemo<AppContextValue | null>(
    () =>
      session
        ? {
            user: session.user,
            currency: session.user.currency,
            locale: session.user.locale || navigator.language,
            signOut,
          }
        : null,
    [session, signOut],
  );

  if (session === undefined) return <Loading label="Opening pfm…" />;
  return (
    <ApiContext.Provider value={api}>
      {context ? (
        <AppContext.Provider value={context}>
          <Layout route={route}>
            <Page route={route} />
          </Layout>
        </AppContext.Provider>
      ) : (
        <LoginPage onSignedIn={accept} bootError={bootError} />
      )}
    </ApiContext.Provider>
  );
}
