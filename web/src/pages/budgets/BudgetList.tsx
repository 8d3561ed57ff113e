import { useTranslation } from 'react-i18next';
import type { BudgetReport, BudgetStatus } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { useUndoToast } from '../../app/use-undo-toast';
import { Icon } from '../../components/Icon';
import { QueryState } from '../../components/QueryState';
import { Badge, Card, EmptyState, ProgressBar, budgetTone } from '../../components/ui';
import { addMonths, amountText, monthText, percentText } from '../../format';
import { useMoney } from '../../use-money';
import { CarriedNote } from './CarriedNote';
import { CopyLastMonth } from './CopyLastMonth';
import { UnbudgetedList } from './UnbudgetedList';

/**
 * The month's budgets against what was spent, then what was spent without a budget, so the figures add up to
 * all the month's spending; without budgets, it offers last month's.
 */
export function BudgetList({ month, onEdit }: { month: string; onEdit: (budget: BudgetStatus) => void }) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const report = useReport<BudgetReport>('budgets', { month });
  const next = monthText(addMonths(month, 1), locale);
  const rollover = useApiMutation({
    mutationFn: (api, vars: { b: BudgetStatus; on: boolean }) =>
      api.post('/api/budgets', {
        category: vars.b.category,
        month,
        limit: amountText(vars.b.limit, currency),
        rollover: vars.on,
      }),
    success: (_, { b, on }) =>
      on
        ? t('budgets.carries', { category: b.category, month: next })
        : t('budgets.noRollover', { category: b.category }),
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, b: BudgetStatus) => api.delUndoable(`/api/budgets/${b.budgetId}`),
    onSuccess: (undo, b) => undoToast(t('budgets.removed', { category: b.category }), undo),
  });

  return (
    <Card title={`${monthText(month, locale)}`} data-testid="budget-list">
      <QueryState
        query={report}
        isEmpty={(r) => r.budgets.length === 0 && r.totalSpent === 0}
        empty={
          <EmptyState icon="budgets" title={t('budgets.none')}>
            <CopyLastMonth month={month} />
          </EmptyState>
        }
      >
        {({ budgets, totalSpent, unbudgeted, unbudgetedCategories }) => {
          const totalLimit = budgets.reduce((s, b) => s + b.limit, 0);
          const budgetedSpent = totalSpent - unbudgeted;
          const left = totalLimit - budgetedSpent;
          return (
            <>
              <p className="budget-total" data-testid="budget-total">
                <strong>{fmt(totalSpent)}</strong>{' '}
                {t('budgets.spentBudgeted', { amount: fmt(budgetedSpent) })}
              </p>
              {budgets.length === 0 ? (
                <div className="budget-none" data-testid="budget-none">
                  <CopyLastMonth month={month} />
                </div>
              ) : (
                <div className="budget-summary">
                  <div>
                    <span className="muted small">{t('budgets.budgeted')}</span>
                    <strong>{fmt(totalLimit)}</strong>
                  </div>
                  <div>
                    <span className="muted small">{t('budgets.spentIn')}</span>
                    <strong>{fmt(budgetedSpent)}</strong>
                  </div>
                  <div>
                    <span className="muted small">{left < 0 ? t('budgets.over') : t('budgets.left')}</span>
                    <strong className={left < 0 ? 'negative' : 'positive'}>{fmt(Math.abs(left))}</strong>
                  </div>
                </div>
              )}
              <ul className="budget-list">
                {budgets.map((b) => (
                  <li key={b.budgetId} className="budget-row" data-testid="budget-row">
                    <div className="budget-top">
                      <span className="budget-name">{b.category}</span>
                      <Badge tone={budgetTone(b.percent)}>{percentText(b.percent, locale)}</Badge>
                      <span className="spacer" />
                      <span className="budget-amounts">
                        <strong>{fmt(b.spent)}</strong>{' '}
                        <span className="muted">{t('budgets.ofLimit', { amount: fmt(b.limit) })}</span>
                      </span>
                      <span className="row-actions">
                        <button
                          type="button"
                          className="icon-btn"
                          aria-label={t('budgets.change', { category: b.category })}
                          onClick={() => onEdit(b)}
                        >
                          <Icon name="edit" size={18} />
                        </button>
                        <button
                          type="button"
                          className="icon-btn"
                          aria-label={t('budgets.remove', { category: b.category })}
                          onClick={() => remove.run(b)}
                        >
                          <Icon name="trash" size={18} />
                        </button>
                      </span>
                    </div>
                    <ProgressBar
                      percent={b.percent}
                      tone={budgetTone(b.percent)}
                      label={t('budgets.used', {
                        category: b.category,
                        percent: percentText(b.percent, locale),
                      })}
                    />
                    <div className={b.remaining < 0 ? 'budget-remaining negative' : 'budget-remaining muted'}>
                      {b.remaining < 0
                        ? t('budgets.overLimit', { amount: fmt(-b.remaining) })
                        : t('dashboard.left', { amount: fmt(b.remaining) })}
                    </div>
                    <CarriedNote budget={b} month={month} />
                    <label className="checkbox budget-rollover">
                      <input
                        type="checkbox"
                        checked={b.rollover}
                        disabled={rollover.busy}
                        onChange={(e) => rollover.run({ b, on: e.target.checked })}
                        data-testid="budget-rollover"
                      />
                      {t('budgets.carry', { month: next })}
                    </label>
                  </li>
                ))}
              </ul>
              <UnbudgetedList categories={unbudgetedCategories} />
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
