import { useTranslation } from 'react-i18next';
import type { GoalReport } from '../../../../src/domain/reports.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { EmptyCard } from '../../components/EmptyCard';
import { QueryState } from '../../components/QueryState';
import { Badge, ProgressBar } from '../../components/ui';
import { dateText, percentText } from '../../format';
import { useMoney } from '../../use-money';
import { numeric } from '../../components/DataTable';
import { ReportTable } from './ReportTable';

export function GoalsReport() {
  const { t } = useTranslation();
  const r = useReport<GoalReport>('goals');
  return (
    <QueryState
      query={r}
      isEmpty={(data) => data.goals.length === 0}
      empty={
        <EmptyCard icon="goals" title={t('reports.noGoals')}>
          <a href="#/goals">{t('reports.createOne')}</a>
        </EmptyCard>
      }
    >
      {(data) => <GoalsTable goals={data.goals} />}
    </QueryState>
  );
}

function GoalsTable({ goals }: { goals: GoalReport['goals'] }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  return (
    <ReportTable
      testId="report-goals"
      columns={[
        t('reports.goal'),
        numeric(t('reports.saved')),
        numeric(t('goals.target')),
        { label: t('reports.progress'), className: 'col-bar' },
        t('reports.targetDate'),
        numeric(t('reports.aMonth')),
        t('goals.projected'),
      ]}
    >
      {goals.map((g) => (
        <tr key={g.goalId}>
          <td>{g.name}</td>
          <td className="num">{fmt(g.saved)}</td>
          <td className="num">{fmt(g.target)}</td>
          <td className="col-bar">
            <div className="bar-cell">
              <ProgressBar
                percent={g.percent}
                tone={g.percent >= 100 ? 'good' : 'brand'}
                label={t('reports.goalProgress', { name: g.name })}
              />
              <span className="small">{percentText(g.percent, locale)}</span>
            </div>
          </td>
          <td>{dateText(g.targetDate, locale)}</td>
          {/* What to save each month to reach the target by its date. */}
          <td className="num">{g.neededPerMonth === null ? '' : fmt(g.neededPerMonth)}</td>
          <td>
            {dateText(g.projectedDate, locale)}{' '}
            {g.onTrack === true && <Badge tone="good">{t('reports.onTrack')}</Badge>}
            {g.onTrack === false && <Badge tone="warn">{t('reports.late')}</Badge>}
          </td>
        </tr>
      ))}
    </ReportTable>
  );
}
