import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, fetchSession, setCsrfToken, setUnauthorizedHandler } from './api';
import { AppContext, type AppContextValue, type ToastTone } from './context';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { Icon } from './components/Icon';
import { useRoute } from './hooks';
import type { Session } from './types';
import { LoginPage } from './pages/Login';
import { DashboardPage } from './pages/Dashboard';
import { TransactionsPage } from './pages/Transactions';
import { CategoriesPage } from './pages/Categories';
import { BudgetsPage } from './pages/Budgets';
import { GoalsPage } from './pages/Goals';
import { ReportsPage } from './pages/Reports';
import { SyncPage } from './pages/Sync';
import { ImportPage } from './pages/Import';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

let toastSeq = 0;

function Page({ route }: { route: string }) {
  const [path] = route.split('?');
  if (path === '/' || path === '') return <DashboardPage />;
  if (path === '/expenses') return <TransactionsPage key="expense" kind="expense" />;
  if (path === '/income') return <TransactionsPage key="income" kind="income" />;
  if (path === '/categories') return <CategoriesPage />;
  if (path === '/budgets') return <BudgetsPage />;
  if (path === '/goals') return <GoalsPage />;
  if (path?.startsWith('/reports')) return <ReportsPage report={path.split('/')[2] ?? 'monthly'} />;
  if (path === '/sync') return <SyncPage />;
  if (path === '/import') return <ImportPage />;
  return (
    <div className="not-found">
      <h1>Page not found</h1>
      <a href="#/">Back to the dashboard</a>
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);

  const accept = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setSession(s);
  }, []);

  useEffect(() => {
    fetchSession().then(accept, (e: unknown) => {
      setBootError(e instanceof Error ? e.message : String(e));
      setSession(null);
    });
    setUnauthorizedHandler(() => accept(null));
    return () => setUnauthorizedHandler(null);
  }, [accept]);

  const toast = useCallback((message: string, tone: ToastTone = 'success') => {
    const id = ++toastSeq;
    setToasts((t) => [...t, { id, message, tone }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), tone === 'error' ? 6000 : 3500);
  }, []);

  const signOut = useCallback(() => {
    api.del('/api/session').catch(() => undefined);
    accept(null);
    window.location.hash = '/';
  }, [accept]);

  const context = useMemo<AppContextValue | null>(
    () =>
      session
        ? {
            user: session.user,
            currency: session.user.currency,
            locale: session.user.locale || navigator.language,
            signOut,
            toast,
          }
        : null,
    [session, signOut, toast],
  );

  if (session === undefined) return <Loading label="Opening pfm…" />;
  return (
    <>
      {context ? (
        <AppContext.Provider value={context}>
          <Layout route={route}>
            <Page route={route} />
          </Layout>
        </AppContext.Provider>
      ) : (
        <LoginPage onSignedIn={accept} bootError={bootError} />
      )}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} data-testid="toast">
            <Icon name={t.tone === 'error' ? 'alert' : 'check'} size={18} />
            {t.message}
          </div>
        ))}
      </div>
    </>
  );
}
