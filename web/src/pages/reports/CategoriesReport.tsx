import { useTranslation } from 'react-i18next';
import type { CategoryReport } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { DonutChart } from '../../components/Charts';
import { categorySlices } from '../../components/chart-data';
import { EmptyCard } from '../../components/EmptyCard';
import { QueryState } from '../../components/QueryState';
import { Card } from '../../components/ui';
import { dateText, numberText, percentText } from '../../format';
import { useMoney } from '../../use-money';
import { numeric } from '../../components/DataTable';
import { ReportTable } from './ReportTable';

export function CategoriesReport({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const r = useReport<CategoryReport>('categories', { from, to });
  return (
    <QueryState
      query={r}
      isEmpty={(data) => data.categories.length === 0}
      empty={<EmptyCard icon="reports" title={t('reports.noSpending')} />}
    >
      {(data) => <CategoriesTables data={data} />}
    </QueryState>
  );
}

function CategoriesTables({ data }: { data: CategoryReport }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  return (
    <div className="grid-2">
      <Card
        title={`${dateText(data.from, locale)} – ${dateText(data.to, locale)}`}
        data-testid="report-categories"
      >
        <DonutChart slices={categorySlices(data, t, 9)} format={fmt} centerLabel={t('reports.total')} />
      </Card>
      <ReportTable
        title={t('dashboard.details')}
        columns={[
          t('schedules.category'),
          numeric(t('reports.entries')),
          numeric(t('reports.total')),
          numeric(t('reports.share')),
        ]}
      >
        {data.categories.map((c) => (
          <tr key={c.categoryId}>
            <td>
              {c.name}
              {c.deleted && <span className="muted"> {t('charts.deleted')}</span>}
            </td>
            <td className="num">{numberText(c.count, locale)}</td>
            <td className="num">{fmt(c.total)}</td>
            <td className="num">{percentText(c.share, locale)}</td>
          </tr>
        ))}
      </ReportTable>
    </div>
  );
}
