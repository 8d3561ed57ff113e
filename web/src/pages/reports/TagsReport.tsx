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
  const r = useReport<TagReport>('tags', { from, to });
  return (
    <QueryState
      query={r}
      isEmpty={(data) => data.tags.length === 0}
      empty={
        <EmptyCard icon="reports" title="No tagged entries in this period">
          Add tags such as holiday or work to expenses and income to see them here.
        </EmptyCard>
      }
    >
      {(data) => <TagsTables data={data} />}
    </QueryState>
  );
}

function TagsTables({ data }: { data: TagReport }) {
  const { locale } = useApp();
  const fmt = useMoney();
  // A row with several tags counts under each, so the bars compare tags; they do not add up to a total.
  const top = Math.max(1, ...data.tags.map((t) => t.expenses));
  return (
    <div className="grid-2">
      <Card
        title={`Spending by tag, ${dateText(data.from, locale)} – ${dateText(data.to, locale)}`}
        data-testid="report-tags"
      >
        <BarList
          rows={data.tags.map((t, i) => ({
            key: t.tag,
            label: t.tag,
            value: fmt(t.expenses),
            percent: (100 * t.expenses) / top,
            color: PALETTE[i % PALETTE.length] as string,
          }))}
        />
      </Card>
      <ReportTable
        title="Details"
        testId="report-tags-table"
        columns={['Tag', numeric('Entries'), numeric('Spent'), numeric('Received')]}
      >
        {data.tags.map((t) => (
          <tr key={t.tag}>
            <td>{t.tag}</td>
            <td className="num">{numberText(t.count, locale)}</td>
            <td className="num">{fmt(t.expenses)}</td>
            <td className="num">{fmt(t.income)}</td>
          </tr>
        ))}
      </ReportTable>
    </div>
  );
}
