import { useTranslation } from 'react-i18next';
import type { BudgetStatus } from '../../../../src/domain/reports.js';
import { useApp } from '../../context';
import { addMonths, monthText } from '../../format';
import { useMoney } from '../../use-money';

/**
 * What a budget brought from last month by rollover, and what is available with it: "+€12.00 from October",
 * or "−€5.00 overspent in October". Nothing when nothing was carried.
 */
export function CarriedNote({ budget, month }: { budget: BudgetStatus; month: string }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  if (budget.carried === 0) return null;
  const previous = monthText(addMonths(month, -1), locale);
  const over = budget.carried < 0;
  return (
    <div
      className={over ? 'budget-carried negative' : 'budget-carried positive'}
      data-testid="budget-carried"
    >
      {over
        ? t('budgets.overspentIn', { amount: fmt(-budget.carried), month: previous })
        : t('budgets.carriedFrom', { amount: fmt(budget.carried), month: previous })}
      <span className="muted"> · {t('budgets.available', { amount: fmt(budget.available) })}</span>
    </div>
  );
}
