import type { CategoryReport } from '../../../../src/domain/reports.js';
import { DashboardCard } from './DashboardCard';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { DonutChart } from '../../components/Charts';
import { categorySlices } from '../../components/chart-data';
import { QueryState } from '../../components/QueryState';
import { EmptyState } from '../../components/ui';
import { percentText } from '../../format';
import { useMoney } from '../../use-money';
import { monthSpending } from './dashboard-query';

export function SpendingCard({ month }: { month: string }) {
  const { locale } = useApp();
  const fmt = useMoney();
  const categories = useReport<CategoryReport>('categories', monthSpending(month));
  return (
    <DashboardCard
      title="Spending by category"
      link={{ href: '#/reports/categories', label: 'Details' }}
      testId="card-categories"
    >
      <QueryState
        query={categories}
        isEmpty={(r) => categorySlices(r).length === 0}
        empty={
          <EmptyState icon="reports" title="No spending yet this month">
            Add an expense and it shows up here.
          </EmptyState>
        }
      >
        {(r) => (
          <DonutChart
            slices={categorySlices(r)}
            format={fmt}
            centerLabel="Spent"
            legendValue={(s, share) => (
              <>
                {fmt(s.value)}{' '}
                <span className="muted">{percentText(Math.round(share * 10) / 10, locale)}</span>
              </>
            )}
          />
        )}
      </QueryState>
    </DashboardCard>
  );
}
