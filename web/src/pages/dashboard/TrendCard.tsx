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
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const trend = useReport<TrendReport>('trend', { month });
  return (
    <DashboardCard
      title="Last 12 months"
      link={{ href: '#/reports/trend', label: 'Trend report' }}
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
