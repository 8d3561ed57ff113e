import { useTranslation } from 'react-i18next';
import type { TrendReport } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { TrendChart } from '../../components/Charts';
import { trendData } from '../../components/chart-data';
import { QueryState } from '../../components/QueryState';
import { Card } from '../../components/ui';
import { monthText, moneyCompact } from '../../format';
import { useMoney } from '../../use-money';
import { numeric } from '../../components/DataTable';
import { ReportTable } from './ReportTable';

export function TrendReportView({ month }: { month: string }) {
  const r = useReport<TrendReport>('trend', { month });
  return <QueryState query={r}>{(data) => <TrendTables data={data} />}</QueryState>;
}

function TrendTables({ data }: { data: TrendReport }) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const fmt = useMoney();
  return (
    <>
      <Card
        title={t('reports.monthsTo', { month: monthText(data.endMonth, locale) })}
        data-testid="report-trend"
      >
        <TrendChart
          data={trendData(data, locale)}
          format={fmt}
          formatAxis={(n) => moneyCompact(n, currency, locale)}
          height={300}
        />
      </Card>
      <ReportTable
        columns={[
          t('common.month'),
          numeric(t('dashboard.income')),
          numeric(t('dashboard.spending')),
          numeric(t('dashboard.net')),
        ]}
      >
        {[...data.months].reverse().map((m) => (
          <tr key={m.month}>
            <td>{monthText(m.month, locale)}</td>
            <td className="num positive">{fmt(m.income)}</td>
            <td className="num negative">{fmt(m.expenses)}</td>
            <td className={m.net < 0 ? 'num negative' : 'num'}>{fmt(m.net)}</td>
          </tr>
        ))}
      </ReportTable>
    </>
  );
}
