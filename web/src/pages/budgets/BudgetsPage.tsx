import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { BudgetStatus } from '../../../../src/domain/reports.js';
import { useApp } from '../../context';
import { MonthPicker } from '../../components/ui';
import { thisMonth } from '../../format';
import { BudgetForm } from './BudgetForm';
import { BudgetList } from './BudgetList';
import { PageFrame } from '../../components/PageFrame';

export function BudgetsPage() {
  const { t } = useTranslation();
  const { locale } = useApp();
  const [month, setMonth] = useState(thisMonth());
  // The budget being changed, and how many times "change" was pressed: each press fills the form afresh.
  const [editing, setEditing] = useState<{ budget: BudgetStatus; times: number } | null>(null);
  return (
    <PageFrame
      testId="page-budgets"
      title={t('nav.budgets')}
      subtitle={t('budgets.subtitle')}
      actions={<MonthPicker month={month} onChange={setMonth} locale={locale} />}
    >
      <div className="grid-sidebar">
        <div className="stack">
          <BudgetList
            month={month}
            onEdit={(budget) => setEditing((e) => ({ budget, times: (e?.times ?? 0) + 1 }))}
          />
        </div>
        <BudgetForm key={editing?.times ?? 0} month={month} initial={editing?.budget ?? null} />
      </div>
    </PageFrame>
  );
}
