import { useTranslation } from 'react-i18next';
import type { MonthlySummary } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { Card } from '../../components/ui';
import { monthText, numberText, percentText } from '../../format';
import { useMoney } from '../../use-money';

export function MonthlyReport({ month }: { month: string }) {
  const r = useReport<MonthlySummary>('monthly', { month });
  return <QueryState query={r}>{(m) => <MonthlyCard m={m} />}</QueryState>;
}

function MonthlyCard({ m }: { m: MonthlySummary }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const max = Math.max(m.income, m.expenses, 1);
  return (
    <Card title={monthText(m.month, locale)} data-testid="report-monthly">
      <div className="compare">
        <CompareRow label={t('dashboard.income')} tone="income" amount={m.income} max={max} />
        <CompareRow label={t('dashboard.spending')} tone="expense" amount={m.expenses} max={max} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('dashboard.net')}</dt>
          <dd className={m.net < 0 ? 'negative' : 'positive'}>{fmt(m.net)}</dd>
        </div>
        <div>
          <dt>{t('dashboard.savingsRate')}</dt>
          <dd>{percentText(m.savingsRate, locale)}</dd>
        </div>
        <div>
          <dt>{t('reports.incomeEntries')}</dt>
          <dd>{numberText(m.incomeCount, locale)}</dd>
        </div>
        <div>
          <dt>{t('reports.expenseEntries')}</dt>
          <dd>{numberText(m.expenseCount, locale)}</dd>
        </div>
      </dl>
    </Card>
  );
}

/** One side of the month, as a bar against the larger side. */
function CompareRow({
  label,
  tone,
  amount,
  max,
}: {
  label: string;
  tone: 'income' | 'expense';
  amount: number;
  max: number;
}) {
  const fmt = useMoney();
  return (
    <div className="compare-row">
      <span>{label}</span>
      <div className="compare-track">
        <div className={`compare-fill ${tone}`} style={{ width: `${(100 * amount) / max}%` }} />
      </div>
      <strong className={tone === 'income' ? 'positive' : 'negative'}>{fmt(amount)}</strong>
    </div>
  );
}
