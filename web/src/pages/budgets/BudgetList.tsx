import type { BudgetReport, BudgetStatus } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useToast } from '../../app/toast-context';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { QueryState } from '../../components/QueryState';
import { Badge, Button, Card, EmptyState, ProgressBar, budgetTone } from '../../components/ui';
import { addMonths, monthText, percentText } from '../../format';
import { useMoney } from '../../use-money';
import { copyPreviousBudgets } from './copy-budgets';

/** The month's budgets against what was spent, with a total; empty, it offers last month's. */
export function BudgetList({ month, onEdit }: { month: string; onEdit: (budget: BudgetStatus) => void }) {
  const { currency, locale } = useApp();
  const toast = useToast();
  const fmt = useMoney();
  const report = useReport<BudgetReport>('budgets', { month });
  const previous = addMonths(month, -1);
  const copy = useApiMutation({
    mutationFn: (api) => copyPreviousBudgets(api, month, currency),
    success: (copied) => (copied ? `Copied ${copied} budgets` : null),
    onSuccess: (copied) => {
      if (!copied) toast(`No budgets in ${monthText(previous, locale)} to copy`, 'info');
    },
  });
  const remove = useApiMutation({
    mutationFn: (api, b: BudgetStatus) => api.del(`/api/budgets/${b.budgetId}`),
    success: (_, b) => `Removed the ${b.category} budget`,
  });

  return (
    <Card title={`${monthText(month, locale)}`} data-testid="budget-list">
      <QueryState
        query={report}
        isEmpty={(r) => r.budgets.length === 0}
        empty={
          <EmptyState icon="budgets" title="No budgets for this month">
            <p>Set one with the form, or start from last month&apos;s.</p>
            <Button icon="restore" onClick={() => copy.run()} busy={copy.busy}>
              Copy {monthText(previous, locale)}
            </Button>
          </EmptyState>
        }
      >
        {({ budgets }) => {
          const totalLimit = budgets.reduce((s, b) => s + b.limit, 0);
          const totalSpent = budgets.reduce((s, b) => s + b.spent, 0);
          return (
            <>
              <div className="budget-summary">
                <div>
                  <span className="muted small">Budgeted</span>
                  <strong>{fmt(totalLimit)}</strong>
                </div>
                <div>
                  <span className="muted small">Spent</span>
                  <strong>{fmt(totalSpent)}</strong>
                </div>
                <div>
                  <span className="muted small">{totalLimit - totalSpent < 0 ? 'Over' : 'Left'}</span>
                  <strong className={totalLimit - totalSpent < 0 ? 'negative' : 'positive'}>
                    {fmt(Math.abs(totalLimit - totalSpent))}
                  </strong>
                </div>
              </div>
              <ul className="budget-list">
                {budgets.map((b) => (
                  <li key={b.budgetId} className="budget-row" data-testid="budget-row">
                    <div className="budget-top">
                      <span className="budget-name">{b.category}</span>
                      <Badge tone={budgetTone(b.percent)}>{percentText(b.percent, locale)}</Badge>
                      <span className="spacer" />
                      <span className="budget-amounts">
                        <strong>{fmt(b.spent)}</strong> <span className="muted">of {fmt(b.limit)}</span>
                      </span>
                      <span className="row-actions">
                        <button
                          type="button"
                          className="icon-btn"
                          aria-label={`Change the ${b.category} budget`}
                          onClick={() => onEdit(b)}
                        >
                          <Icon name="edit" size={18} />
                        </button>
                        <button
                          type="button"
                          className="icon-btn"
                          aria-label={`Remove the ${b.category} budget`}
                          onClick={() => remove.run(b)}
                        >
                          <Icon name="trash" size={18} />
                        </button>
                      </span>
                    </div>
                    <ProgressBar
                      percent={b.percent}
                      tone={budgetTone(b.percent)}
                      label={`${b.category}: ${percentText(b.percent, locale)} of the limit used`}
                    />
                    <div className={b.remaining < 0 ? 'budget-remaining negative' : 'budget-remaining muted'}>
                      {b.remaining < 0 ? `${fmt(-b.remaining)} over the limit` : `${fmt(b.remaining)} left`}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
