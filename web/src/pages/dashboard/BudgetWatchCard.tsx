import { useTranslation } from 'react-i18next';
import type { BudgetReport } from '../../../../src/domain/reports.js';
import { DashboardCard } from './DashboardCard';
import { useReport } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { Badge, EmptyState, ProgressBar, budgetTone } from '../../components/ui';
import { useMoney } from '../../use-money';

/** The month's budgets at 80 % of their limit or more, the fullest first. */
export function BudgetWatchCard({ month }: { month: string }) {
  const { t } = useTranslation();
  const fmt = useMoney();
  const budgets = useReport<BudgetReport>('budgets', { month });
  const watch = (budgets.data?.budgets ?? [])
    .filter((b) => b.percent >= 80)
    .sort((a, b) => b.percent - a.percent);
  return (
    <DashboardCard
      title={t('dashboard.budgetsToWatch')}
      link={{ href: '#/budgets', label: t('dashboard.allBudgets') }}
      testId="card-budget-watch"
    >
      <QueryState
        query={budgets}
        isEmpty={(r) => r.budgets.length === 0}
        empty={
          <EmptyState icon="budgets" title={t('dashboard.noBudgets')}>
            <a href="#/budgets">{t('dashboard.setBudget')}</a>
            {t('dashboard.setBudgetAfter')}
          </EmptyState>
        }
      >
        {() =>
          watch.length === 0 ? (
            <EmptyState icon="check" title={t('dashboard.onTrack')}>
              {t('dashboard.noneAbove')}
            </EmptyState>
          ) : (
            <ul className="watch-list">
              {watch.map((b) => (
                <li key={b.budgetId} data-testid="budget-alert">
                  <div className="watch-top">
                    <span className="watch-name">{b.category}</span>
                    <Badge tone={budgetTone(b.percent)}>
                      {b.status === 'over'
                        ? t('dashboard.over')
                        : b.status === 'at'
                          ? t('dashboard.atLimit')
                          : t('dashboard.nearing')}
                    </Badge>
                  </div>
                  <ProgressBar
                    percent={b.percent}
                    tone={budgetTone(b.percent)}
                    label={t('dashboard.budgetUsed', { category: b.category })}
                  />
                  <div className="watch-sub">
                    <span>{t('dashboard.spentOf', { spent: fmt(b.spent), limit: fmt(b.limit) })}</span>
                    <span className={b.remaining < 0 ? 'negative' : 'muted'}>
                      {b.remaining < 0
                        ? t('dashboard.overBy', { amount: fmt(-b.remaining) })
                        : t('dashboard.left', { amount: fmt(b.remaining) })}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </DashboardCard>
  );
}
