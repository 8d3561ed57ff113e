import { useTranslation } from 'react-i18next';
import type { TrendReport } from '../../../../src/domain/reports.js';
import { DashboardCard } from './DashboardCard';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { TrendChart } from '../../components/Charts';
import { trendData } from '../../components/chart-data';
import { QueryState } from '../../components/QueryState';
import { moneyCompact } from '../../format';
import { useMoney } from '../../use-money';

export function TrendCard({ month }: { month: string }) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const trend = useReport<TrendReport>('trend', { month });
  return (
    <DashboardCard
      title={t('dashboard.last12')}
      link={{ href: '#/reports/trend', label: t('dashboard.trendReport') }}
      testId="card-trend"
    >
      <QueryState query={trend}>
        {(r) => (
          <TrendChart
            data={trendData(r, locale)}
            format={fmt}
            formatAxis={(n) => moneyCompact(n, currency, locale)}
          />
        )}
      </QueryState>
    </DashboardCard>
  );
}
