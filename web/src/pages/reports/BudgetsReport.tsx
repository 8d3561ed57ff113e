import { useTranslation } from 'react-i18next';
import type { BudgetReport } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { EmptyCard } from '../../components/EmptyCard';
import { QueryState } from '../../components/QueryState';
import { Badge, ProgressBar, budgetTone } from '../../components/ui';
import { monthText, percentText } from '../../format';
import { useMoney } from '../../use-money';
import { numeric } from '../../components/DataTable';
import { ReportTable } from './ReportTable';

export function BudgetsReport({ month }: { month: string }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const r = useReport<BudgetReport>('budgets', { month });
  return (
    <QueryState
      query={r}
      isEmpty={(data) => data.budgets.length === 0 && data.totalSpent === 0}
      empty={
        <EmptyCard icon="budgets" title={t('reports.noBudgetsIn', { month: monthText(month, locale) })}>
          <a href="#/budgets">{t('reports.setOne')}</a>
        </EmptyCard>
      }
    >
      {(data) => <BudgetsTable report={data} />}
    </QueryState>
  );
}

/** The budgets, then the spending no budget covers, so the table adds up to the month's spending. */
function BudgetsTable({ report }: { report: BudgetReport }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  return (
    <ReportTable
      testId="report-budgets"
      columns={[
        t('schedules.category'),
        numeric(t('budgets.limit')),
        numeric(t('reports.spent')),
        numeric(t('reports.remaining')),
        { label: t('reports.used'), className: 'col-bar' },
      ]}
    >
      {report.budgets.map((b) => (
        <tr key={b.budgetId}>
          <td>{b.category}</td>
          <td className="num">{fmt(b.limit)}</td>
          <td className="num">{fmt(b.spent)}</td>
          <td className={b.remaining < 0 ? 'num negative' : 'num'}>{fmt(b.remaining)}</td>
          <td className="col-bar">
            <div className="bar-cell">
              <ProgressBar
                percent={b.percent}
                tone={budgetTone(b.percent)}
                label={t('reports.categoryUsed', { category: b.category })}
              />
              <Badge tone={budgetTone(b.percent)}>{percentText(b.percent, locale)}</Badge>
            </div>
          </td>
        </tr>
      ))}
      {report.unbudgetedCategories.map((c) => (
        <tr key={c.categoryId} data-testid="report-unbudgeted-row">
          <td>{c.name}</td>
          <td className="num muted">{t('budgets.noBudget')}</td>
          <td className="num">{fmt(c.spent)}</td>
          <td />
          <td />
        </tr>
      ))}
    </ReportTable>
  );
}
