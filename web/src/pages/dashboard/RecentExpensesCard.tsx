import { useTranslation } from 'react-i18next';
import { DashboardCard } from './DashboardCard';
import { useMoneyEvents } from '../../api/queries';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { EmptyState } from '../../components/ui';
import { dateText } from '../../format';
import { useMoney } from '../../use-money';
import { RECENT_EXPENSES } from './dashboard-query';

export function RecentExpensesCard() {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const recent = useMoneyEvents('expense', RECENT_EXPENSES);
  return (
    <DashboardCard
      title={t('dashboard.recentExpenses')}
      link={{ href: '#/expenses', label: t('dashboard.allExpenses') }}
      testId="card-recent"
    >
      <QueryState
        query={recent}
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState icon="expense" title={t('dashboard.nothingSpent')}>
            {t('dashboard.latestShowHere')}
          </EmptyState>
        }
      >
        {(page) => (
          <ul className="recent-list">
            {page.items.map((e) => (
              <li key={e.id} data-testid="recent-expense">
                <span className="recent-icon" aria-hidden="true">
                  {e.categoryName.slice(0, 1).toUpperCase()}
                </span>
                <span className="recent-main">
                  <span className="recent-title">{e.payee || e.note || e.categoryName}</span>
                  <span className="recent-sub">
                    {e.categoryName}
                    {e.categoryDeleted ? ` ${t('dashboard.deleted')}` : ''} · {dateText(e.date, locale)}
                  </span>
                </span>
                <span className="amount negative">−{fmt(e.amount)}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </DashboardCard>
  );
}
