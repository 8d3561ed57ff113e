import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MonthlySummary } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { ErrorNote } from '../../components/ui';
import { numberText, percentText } from '../../format';
import { useMoney } from '../../use-money';

function entries(n: number, locale: string, t: TFunction): string {
  return t('dashboard.entries', { count: n, shown: numberText(n, locale) });
}

type KpiName = 'income' | 'spending' | 'net' | 'savings-rate';

/** Each KPI's value and the line under it. */
function figures(m: MonthlySummary, fmt: (minor: number) => string, locale: string, t: TFunction) {
  return {
    income: [fmt(m.income), entries(m.incomeCount, locale, t)],
    spending: [fmt(m.expenses), entries(m.expenseCount, locale, t)],
    net: [fmt(m.net), m.net >= 0 ? t('dashboard.leftOver') : t('dashboard.moreOut')],
    'savings-rate': [
      percentText(m.savingsRate, locale),
      m.savingsRate === null ? t('dashboard.noIncomeYet') : t('dashboard.ofIncomeKept'),
    ],
  } satisfies Record<KpiName, [value: string, sub: string]>;
}

/** The month's income, spending, net and savings rate; each shows a placeholder until the answer comes. */
export function Kpis({ month }: { month: string }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const monthly = useReport<MonthlySummary>('monthly', { month });
  const m = monthly.data;
  const shown = m && figures(m, fmt, locale, t);
  return (
    <>
      {monthly.error && <ErrorNote error={monthly.error} onRetry={() => void monthly.refetch()} />}
      <div className="kpis">
        <Kpi name="income" label={t('dashboard.income')} tone="income" icon="income" shown={shown} />
        <Kpi name="spending" label={t('dashboard.spending')} tone="expense" icon="expense" shown={shown} />
        <Kpi
          name="net"
          label={t('dashboard.net')}
          tone={m && m.net < 0 ? 'expense' : 'brand'}
          icon="wallet"
          shown={shown}
        />
        <Kpi
          name="savings-rate"
          label={t('dashboard.savingsRate')}
          tone="accent"
          icon="goals"
          shown={shown}
        />
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
