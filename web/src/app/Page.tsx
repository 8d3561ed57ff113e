import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/ui';
import { DashboardPage } from '../pages/dashboard/DashboardPage';

// The dashboard comes with the app; every other page is its own chunk, fetched when first opened.
const LOADERS = {
  accounts: () => import('../pages/accounts/AccountsPage'),
  register: () => import('../pages/accounts/RegisterPage'),
  budgets: () => import('../pages/budgets/BudgetsPage'),
  categories: () => import('../pages/categories/CategoriesPage'),
  goals: () => import('../pages/goals/GoalsPage'),
  import: () => import('../pages/import/ImportPage'),
  reports: () => import('../pages/reports/ReportsPage'),
  schedules: () => import('../pages/schedules/SchedulesPage'),
  sync: () => import('../pages/sync/SyncPage'),
  transactions: () => import('../pages/transactions/TransactionsPage'),
} as const;

const AccountsPage = lazy(() => LOADERS.accounts().then((m) => ({ default: m.AccountsPage })));
const RegisterPage = lazy(() => LOADERS.register().then((m) => ({ default: m.RegisterPage })));
const BudgetsPage = lazy(() => LOADERS.budgets().then((m) => ({ default: m.BudgetsPage })));
const CategoriesPage = lazy(() => LOADERS.categories().then((m) => ({ default: m.CategoriesPage })));
const GoalsPage = lazy(() => LOADERS.goals().then((m) => ({ default: m.GoalsPage })));
const ImportPage = lazy(() => LOADERS.import().then((m) => ({ default: m.ImportPage })));
const ReportsPage = lazy(() => LOADERS.reports().then((m) => ({ default: m.ReportsPage })));
const SchedulesPage = lazy(() => LOADERS.schedules().then((m) => ({ default: m.SchedulesPage })));
const SyncPage = lazy(() => LOADERS.sync().then((m) => ({ default: m.SyncPage })));
const TransactionsPage = lazy(() => LOADERS.transactions().then((m) => ({ default: m.TransactionsPage })));

/** Which chunk a route's page is in; null for the dashboard (and unknown routes), which come with the app. */
function loaderOf(path: string): keyof typeof LOADERS | null {
  if (path === '/expenses' || path === '/income') return 'transactions';
  if (path.startsWith('/accounts/')) return 'register';
  if (path.startsWith('/reports')) return 'reports';
  const name = path.slice(1);
  return name in LOADERS && name !== 'register' && name !== 'transactions'
    ? (name as keyof typeof LOADERS)
    : null;
}

/**
 * Starts fetching the page a browser opens on, at start-up, alongside the language's catalog, rather than once the
 * first render asks for it (the browser keeps the module, so the later import finds it there).
 */
export function preloadPage(route: string): void {
  const loader = loaderOf(route.split('?')[0] ?? '');
  if (loader) void LOADERS[loader]().catch(() => undefined);
}

/** The page of a route (the part of the URL after `#`). */
export function Page({ route }: { route: string }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t('app.openingPage')} />}>
      <RoutePage route={route} />
    </Suspense>
  );
}

function RoutePage({ route }: { route: string }) {
  const { t } = useTranslation();
  const [path] = route.split('?');
  if (path === '/' || path === '') return <DashboardPage />;
  if (path === '/expenses') return <TransactionsPage key="expense" kind="expense" />;
  if (path === '/income') return <TransactionsPage key="income" kind="income" />;
  if (path === '/accounts') return <AccountsPage />;
  if (path?.startsWith('/accounts/')) {
    const id = path.slice('/accounts/'.length);
    return <RegisterPage key={id} accountId={id} />;
  }
  if (path === '/categories') return <CategoriesPage />;
  if (path === '/budgets') return <BudgetsPage />;
  if (path === '/goals') return <GoalsPage />;
  if (path === '/schedules') return <SchedulesPage />;
  if (path?.startsWith('/reports')) return <ReportsPage report={path.split('/')[2] ?? 'monthly'} />;
  if (path === '/sync') return <SyncPage />;
  if (path === '/import') return <ImportPage />;
  return (
    <div className="not-found">
      <h1>{t('app.notFound')}</h1>
      <a href="#/">{t('app.backToDashboard')}</a>
    </div>
  );
}
