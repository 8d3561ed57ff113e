import type { MonthlySummary } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { ErrorNote } from '../../components/ui';
import { numberText, percentText } from '../../format';
import { useMoney } from '../../use-money';

function entries(n: number, locale: string): string {
  return `${numberText(n, locale)} ${n === 1 ? 'entry' : 'entries'}`;
}

/** The month's income, spending, net and savings rate; each shows a placeholder until the answer comes. */
export function Kpis({ month }: { month: string }) {
  const { locale } = useApp();
  const fmt = useMoney();
  const monthly = useReport<MonthlySummary>('monthly', { month });
  const m = monthly.data;
  return (
    <>
      {monthly.error && <ErrorNote error={monthly.error} onRetry={() => void monthly.refetch()} />}
      <div className="kpis">
        <Kpi
          label="Income"
          tone="income"
          value={m ? fmt(m.income) : undefined}
          sub={m ? entries(m.incomeCount, locale) : ''}
          testId="kpi-income"
          icon="income"
        />
        <Kpi
          label="Spending"
          tone="expense"
          value={m ? fmt(m.expenses) : undefined}
          sub={m ? entries(m.expenseCount, locale) : ''}
          testId="kpi-spending"
          icon="expense"
        />
        <Kpi
          label="Net"
          tone={m && m.net < 0 ? 'expense' : 'brand'}
          value={m ? fmt(m.net) : undefined}
          sub={m ? (m.net >= 0 ? 'left over' : 'more out than in') : ''}
          testId="kpi-net"
          icon="wallet"
        />
        <Kpi
          label="Savings rate"
          tone="accent"
          value={m ? percentText(m.savingsRate, locale) : undefined}
          sub={m ? (m.savingsRate === null ? 'no income yet' : 'of income kept') : ''}
          testId="kpi-savings-rate"
          icon="goals"
        />
      </div>
    </>
  );
}

function Kpi({
  label,
  value,
  sub,
  tone,
  testId,
  icon,
}: {
  label: string;
  value: string | undefined;
  sub: string;
  tone: 'income' | 'expense' | 'brand' | 'accent';
  testId: string;
  icon: 'income' | 'expense' | 'wallet' | 'goals';
}) {
  return (
    <div className={`kpi kpi-${tone}`} data-testid={testId}>
      <div className="kpi-top">
        <span className="kpi-label">{label}</span>
        <span className="kpi-icon" aria-hidden="true">
          <Icon name={icon} size={18} />
        </span>
      </div>
      <div className="kpi-value" data-testid={`${testId}-value`}>
        {value ?? <span className="skeleton" />}
      </div>
      <div className="kpi-sub">{sub}</div>
    </div>
  );
}
