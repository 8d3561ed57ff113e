import type { BudgetReport } from '../../../../src/domain/reports.js';
import { DashboardCard } from './DashboardCard';
import { useReport } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { Badge, EmptyState, ProgressBar, budgetTone } from '../../components/ui';
import { useMoney } from '../../use-money';

/** The month's budgets at 80 % of their limit or more, the fullest first. */
export function BudgetWatchCard({ month }: { month: string }) {
  const fmt = useMoney();
  const budgets = useReport<BudgetReport>('budgets', { month });
  const watch = (budgets.data?.budgets ?? [])
    .filter((b) => b.percent >= 80)
    .sort((a, b) => b.percent - a.percent);
  return (
    <DashboardCard
      title="Budgets to watch"
      link={{ href: '#/budgets', label: 'All budgets' }}
      testId="card-budget-watch"
    >
      <QueryState
        query={budgets}
        isEmpty={(r) => r.budgets.length === 0}
        empty={
          <EmptyState icon="budgets" title="No budgets this month">
            <a href="#/budgets">Set a budget</a> to see how close you are to it.
          </EmptyState>
        }
      >
        {() =>
          watch.length === 0 ? (
            <EmptyState icon="check" title="Every budget is on track">
              None is above 80 % of its limit.
            </EmptyState>
          ) : (
            <ul className="watch-list">
              {watch.map((b) => (
                <li key={b.budgetId} data-testid="budget-alert">
                  <div className="watch-top">
                    <span className="watch-name">{b.category}</span>
                    <Badge tone={budgetTone(b.percent)}>
                      {b.status === 'over' ? 'Over' : b.status === 'at' ? 'At limit' : 'Nearing'}
                    </Badge>
                  </div>
                  <ProgressBar
                    percent={b.percent}
                    tone={budgetTone(b.percent)}
                    label={`${b.category} budget used`}
                  />
                  <div className="watch-sub">
                    <span>
                      {fmt(b.spent)} of {fmt(b.limit)}
                    </span>
                    <span className={b.remaining < 0 ? 'negative' : 'muted'}>
                      {b.remaining < 0 ? `${fmt(-b.remaining)} over` : `${fmt(b.remaining)} left`}
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
