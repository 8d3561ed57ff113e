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

type KpiName = 'income' | 'spending' | 'net' | 'savings-rate';

/** Each KPI's value and the line under it. */
function figures(m: MonthlySummary, fmt: (minor: number) => string, locale: string) {
  return {
    income: [fmt(m.income), entries(m.incomeCount, locale)],
    spending: [fmt(m.expenses), entries(m.expenseCount, locale)],
    net: [fmt(m.net), m.net >= 0 ? 'left over' : 'more out than in'],
    'savings-rate': [
      percentText(m.savingsRate, locale),
      m.savingsRate === null ? 'no income yet' : 'of income kept',
    ],
  } satisfies Record<KpiName, [value: string, sub: string]>;
}

/** The month's income, spending, net and savings rate; each shows a placeholder until the answer comes. */
export function Kpis({ month }: { month: string }) {
  const { locale } = useApp();
  const fmt = useMoney();
  const monthly = useReport<MonthlySummary>('monthly', { month });
  const m = monthly.data;
  const shown = m && figures(m, fmt, locale);
  return (
    <>
      {monthly.error && <ErrorNote error={monthly.error} onRetry={() => void monthly.refetch()} />}
      <div className="kpis">
        <Kpi name="income" label="Income" tone="income" icon="income" shown={shown} />
        <Kpi name="spending" label="Spending" tone="expense" icon="expense" shown={shown} />
        <Kpi name="net" label="Net" tone={m && m.net < 0 ? 'expense' : 'brand'} icon="wallet" shown={shown} />
        <Kpi name="savings-rate" label="Savings rate" tone="accent" icon="goals" shown={shown} />
      </div>
    </>
  );
}

function Kpi({
  name,
  label,
  tone,
  icon,
  shown,
}: {
  name: KpiName;
  label: string;
  tone: 'income' | 'expense' | 'brand' | 'accent';
  icon: 'income' | 'expense' | 'wallet' | 'goals';
  /** Every KPI's figures, once the month's summary is in. */
  shown: Record<KpiName, [value: string, sub: string]> | undefined;
}) {
  const testId = `kpi-${name}`;
  const [value, sub] = shown?.[name] ?? [undefined, ''];
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
