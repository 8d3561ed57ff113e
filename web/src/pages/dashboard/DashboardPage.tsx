import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useState } from 'react';
import { useCategories } from '../../api/queries';
import { useApp } from '../../context';
import { Button, Loading, MonthPicker } from '../../components/ui';
import { monthText, thisMonth } from '../../format';
import { AccountsCard } from './AccountsCard';
import { BudgetWatchCard } from './BudgetWatchCard';
import { ComingUpCard } from './ComingUpCard';
import { GoalsCard } from './GoalsCard';
import { Kpis } from './Kpis';
import { RecentExpensesCard } from './RecentExpensesCard';
import { SpendingCard } from './SpendingCard';
import { TrendCard } from './TrendCard';
import { useDashboard } from './dashboard-query';
import { PageFrame } from '../../components/PageFrame';

// The quick-add dialog (with its split, tag and payee fields) is fetched when first opened, not with the dashboard.
const TransactionForm = lazy(() =>
  import('../transactions/TransactionForm').then((m) => ({ default: m.TransactionForm })),
);

function greeting(): 'morning' | 'afternoon' | 'evening' {
  const h = new Date().getHours();
  return h < 12 ? 'morning' : h < 18 ? 'afternoon' : 'evening';
}

/**
 * One month at a glance, loaded in one request that files each card's data where the card looks for it. The
 * cards show the month whose answer is in (the last one while the next loads), so none asks on its own; if
 * that request fails, they ask separately and each shows its own error.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { user, locale } = useApp();
  const [month, setMonth] = useState(thisMonth());
  const [adding, setAdding] = useState(false);
  const dashboard = useDashboard(month);
  const shown = dashboard.data?.month ?? (dashboard.isError ? month : null);
  // The quick add form's categories come with the dashboard's answer: not asked for separately meanwhile.
  const categories = useCategories(false, { enabled: shown !== null });
  const isCurrent = month === thisMonth();

  return (
    <PageFrame
      testId="page-dashboard"
      title={t(`dashboard.greeting.${greeting()}`, { name: user.name })}
      subtitle={
        isCurrent
          ? t('dashboard.soFar', { month: monthText(month, locale) })
          : t('dashboard.inMonth', { month: monthText(month, locale) })
      }
      actions={
        <>
          <MonthPicker month={month} onChange={setMonth} locale={locale} />
          <Button
            variant="primary"
            icon="plus"
            onClick={() => setAdding(true)}
            aria-keyshortcuts="n"
            data-testid="quick-add-expense"
          >
            {t('dashboard.addExpense')}
          </Button>
        </>
      }
    >
      {shown === null ? (
        <Loading />
      ) : (
        <>
          <Kpis month={shown} />
          <div className="grid-2 wide-first">
            <SpendingCard month={shown} />
            <BudgetWatchCard month={shown} />
          </div>
          <TrendCard month={shown} />
          <div className="grid-2">
            <AccountsCard />
            <GoalsCard />
          </div>
          <div className="grid-2">
            <ComingUpCard />
            <RecentExpensesCard />
          </div>
        </>
      )}
      {adding && (
        <Suspense fallback={null}>
          <TransactionForm
            kind="expense"
            categories={categories.data ?? []}
            onClose={() => setAdding(false)}
            onSaved={() => setAdding(false)}
          />
        </Suspense>
      )}
    </PageFrame>
  );
}
