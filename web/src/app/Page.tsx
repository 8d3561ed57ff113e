import { AccountsPage } from '../pages/accounts/AccountsPage';
import { RegisterPage } from '../pages/accounts/RegisterPage';
import { BudgetsPage } from '../pages/budgets/BudgetsPage';
import { CategoriesPage } from '../pages/categories/CategoriesPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { GoalsPage } from '../pages/goals/GoalsPage';
import { ImportPage } from '../pages/import/ImportPage';
import { ReportsPage } from '../pages/reports/ReportsPage';
import { SchedulesPage } from '../pages/schedules/SchedulesPage';
import { SyncPage } from '../pages/sync/SyncPage';
import { TransactionsPage } from '../pages/transactions/TransactionsPage';

/** The page of a route (the part of the URL after `#`). */
export function Page({ route }: { route: string }) {
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
      <h1>Page not found</h1>
      <a href="#/">Back to the dashboard</a>
    </div>
  );
}
