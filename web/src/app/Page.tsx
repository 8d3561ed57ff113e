import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/ui';
import { DashboardPage } from '../pages/dashboard/DashboardPage';

// The dashboard comes with the app; every other page is its own chunk, fetched when first opened.
const AccountsPage = lazy(() =>
  import('../pages/accounts/AccountsPage').then((m) => ({ default: m.AccountsPage })),
);
const RegisterPage = lazy(() =>
  import('../pages/accounts/RegisterPage').then((m) => ({ default: m.RegisterPage })),
);
const BudgetsPage = lazy(() =>
  import('../pages/budgets/BudgetsPage').then((m) => ({ default: m.BudgetsPage })),
);
const CategoriesPage = lazy(() =>
  import('../pages/categories/CategoriesPage').then((m) => ({ default: m.CategoriesPage })),
);
const GoalsPage = lazy(() => import('../pages/goals/GoalsPage').then((m) => ({ default: m.GoalsPage })));
const ImportPage = lazy(() => import('../pages/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const ReportsPage = lazy(() =>
  import('../pages/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);
const SchedulesPage = lazy(() =>
  import('../pages/schedules/SchedulesPage').then((m) => ({ default: m.SchedulesPage })),
);
const SyncPage = lazy(() => import('../pages/sync/SyncPage').then((m) => ({ default: m.SyncPage })));
const TransactionsPage = lazy(() =>
  import('../pages/transactions/TransactionsPage').then((m) => ({ default: m.TransactionsPage })),
);

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
