import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useState } from 'react';
import { useCategories } from '../../api/queries';
import { useApp } from '../../context';
import { Button, MonthPicker } from '../../components/ui';
import { monthText, thisMonth } from '../../format';
import { AccountsCard } from './AccountsCard';
import { BudgetWatchCard } from './BudgetWatchCard';
import { ComingUpCard } from './ComingUpCard';
import { GoalsCard } from './GoalsCard';
import { Kpis } from './Kpis';
import { RecentExpensesCard } from './RecentExpensesCard';
import { SpendingCard } from './SpendingCard';
import { TrendCard } from './TrendCard';
import { PageFrame } from '../../components/PageFrame';

// The quick-add dialog (with its split, tag and payee fields) is fetched when first opened, not with the dashboard.
const TransactionForm = lazy(() =>
  import('../transactions/TransactionForm').then((m) => ({ default: m.TransactionForm })),
);

function greeting(): 'morning' | 'afternoon' | 'evening' {
  const h = new Date().getHours();
  return h < 12 ? 'morning' : h < 18 ? 'afternoon' : 'evening';
}

/** One month at a glance; each card loads its own report. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { user, locale } = useApp();
  const [month, setMonth] = useState(thisMonth());
  const [adding, setAdding] = useState(false);
  const categories = useCategories();
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
      <Kpis month={month} />
      <div className="grid-2 wide-first">
        <SpendingCard month={month} />
        <BudgetWatchCard month={month} />
      </div>
      <TrendCard month={month} />
      <div className="grid-2">
        <AccountsCard />
        <GoalsCard />
      </div>
      <div className="grid-2">
        <ComingUpCard />
        <RecentExpensesCard />
      </div>
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
