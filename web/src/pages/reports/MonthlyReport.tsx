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
  const { locale } = useApp();
  const fmt = useMoney();
  const max = Math.max(m.income, m.expenses, 1);
  return (
    <Card title={monthText(m.month, locale)} data-testid="report-monthly">
      <div className="compare">
        <div className="compare-row">
          <span>Income</span>
          <div className="compare-track">
            <div className="compare-fill income" style={{ width: `${(100 * m.income) / max}%` }} />
          </div>
          <strong className="positive">{fmt(m.income)}</strong>
        </div>
        <div className="compare-row">
          <span>Spending</span>
          <div className="compare-track">
            <div className="compare-fill expense" style={{ width: `${(100 * m.expenses) / max}%` }} />
          </div>
          <strong className="negative">{fmt(m.expenses)}</strong>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Net</dt>
          <dd className={m.net < 0 ? 'negative' : 'positive'}>{fmt(m.net)}</dd>
        </div>
        <div>
          <dt>Savings rate</dt>
          <dd>{percentText(m.savingsRate, locale)}</dd>
        </div>
        <div>
          <dt>Income entries</dt>
          <dd>{numberText(m.incomeCount, locale)}</dd>
        </div>
        <div>
          <dt>Expense entries</dt>
          <dd>{numberText(m.expenseCount, locale)}</dd>
        </div>
      </dl>
    </Card>
  );
}
