import { useTranslation } from 'react-i18next';
import type { TagReport } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { BarList, PALETTE } from '../../components/Charts';
import { numeric } from '../../components/DataTable';
import { EmptyCard } from '../../components/EmptyCard';
import { QueryState } from '../../components/QueryState';
import { Card } from '../../components/ui';
import { dateText, numberText } from '../../format';
import { useMoney } from '../../use-money';
import { ReportTable } from './ReportTable';

export function TagsReport({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const r = useReport<TagReport>('tags', { from, to });
  return (
    <QueryState
      query={r}
      isEmpty={(data) => data.tags.length === 0}
      empty={
        <EmptyCard icon="reports" title={t('reports.noTagged')}>
          {t('reports.noTaggedHint')}
        </EmptyCard>
      }
    >
      {(data) => <TagsTables data={data} />}
    </QueryState>
  );
}

function TagsTables({ data }: { data: TagReport }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  // A row with several tags counts under each, so the bars compare tags; they do not add up to a total.
  const top = Math.max(1, ...data.tags.map((x) => x.expenses));
  return (
    <div className="grid-2">
      <Card
        title={t('reports.spendingByTag', {
          from: dateText(data.from, locale),
          to: dateText(data.to, locale),
        })}
        data-testid="report-tags"
      >
        <BarList
          rows={data.tags.map((x, i) => ({
            key: x.tag,
            label: x.tag,
            value: fmt(x.expenses),
            percent: (100 * x.expenses) / top,
            color: PALETTE[i % PALETTE.length] as string,
          }))}
        />
      </Card>
      <ReportTable
        title={t('dashboard.details')}
        testId="report-tags-table"
        columns={[
          t('filters.tag'),
          numeric(t('reports.entries')),
          numeric(t('reports.spent')),
          numeric(t('reports.received')),
        ]}
      >
        {data.tags.map((x) => (
          <tr key={x.tag}>
            <td>{x.tag}</td>
            <td className="num">{numberText(x.count, locale)}</td>
            <td className="num">{fmt(x.expenses)}</td>
            <td className="num">{fmt(x.income)}</td>
          </tr>
        ))}
      </ReportTable>
    </div>
  );
}
