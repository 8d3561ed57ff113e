import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const categories = useReport<CategoryReport>('categories', monthSpending(month));
  return (
    <DashboardCard
      title={t('dashboard.spendingByCategory')}
      link={{ href: '#/reports/categories', label: t('dashboard.details') }}
      testId="card-categories"
    >
      <QueryState
        query={categories}
        isEmpty={(r) => categorySlices(r, t).length === 0}
        empty={
          <EmptyState icon="reports" title={t('dashboard.noSpending')}>
            {t('dashboard.addAnExpense')}
          </EmptyState>
        }
      >
        {(r) => (
          <DonutChart
            slices={categorySlices(r, t)}
            format={fmt}
            centerLabel={t('dashboard.spent')}
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
