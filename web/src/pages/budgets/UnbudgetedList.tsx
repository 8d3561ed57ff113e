import { useTranslation } from 'react-i18next';
import type { UnbudgetedSpending } from '../../../../src/domain/reports.js';
import { useMoney } from '../../use-money';

/** The month's spending in categories without a budget, so the page adds up to all that was spent. */
export function UnbudgetedList({ categories }: { categories: readonly UnbudgetedSpending[] }) {
  const { t } = useTranslation();
  const fmt = useMoney();
  if (categories.length === 0) return null;
  return (
    <section className="budget-unbudgeted" data-testid="budget-unbudgeted">
      <h3 className="small muted">{t('budgets.without')}</h3>
      <ul className="budget-list">
        {categories.map((c) => (
          <li key={c.categoryId} className="budget-row" data-testid="budget-unbudgeted-row">
            <div className="budget-top">
              <span className="budget-name">{c.name}</span>
              <span className="spacer" />
              <span className="budget-amounts">
                <strong>{fmt(c.spent)}</strong> <span className="muted">{t('budgets.noBudget')}</span>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
