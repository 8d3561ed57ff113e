import { useTranslation } from 'react-i18next';
import type { GoalReport } from '../../../../src/domain/reports.js';
import { DashboardCard } from './DashboardCard';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { BarList, OTHER_COLOR, PALETTE } from '../../components/Charts';
import { QueryState } from '../../components/QueryState';
import { EmptyState } from '../../components/ui';
import { dateText, percentText } from '../../format';
import { useMoney } from '../../use-money';

export function GoalsCard() {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const goals = useReport<GoalReport>('goals');
  return (
    <DashboardCard
      title={t('nav.goals')}
      link={{ href: '#/goals', label: t('dashboard.manage') }}
      testId="card-goals"
    >
      <QueryState
        query={goals}
        isEmpty={(r) => r.goals.length === 0}
        empty={
          <EmptyState icon="goals" title={t('dashboard.noGoals')}>
            <a href="#/goals">{t('dashboard.createGoal')}</a>
            {t('dashboard.createGoalAfter')}
          </EmptyState>
        }
      >
        {(r) => (
          <BarList
            rows={r.goals.map((g, i) => ({
              key: g.goalId,
              label: g.name,
              value: `${fmt(g.saved)} / ${fmt(g.target)}`,
              percent: g.percent,
              color: g.percent >= 100 ? 'var(--income)' : (PALETTE[i % PALETTE.length] ?? OTHER_COLOR),
              sub: (
                <>
                  {percentText(g.percent, locale)}
                  {g.projectedDate && g.percent < 100 && (
                    <> · {t('dashboard.reachedBy', { date: dateText(g.projectedDate, locale) })}</>
                  )}
                  {g.onTrack === false && (
                    <>
                      {' '}
                      · <span className="negative">{t('dashboard.behind')}</span>
                    </>
                  )}
                  {g.percent >= 100 && <> · {t('dashboard.reached')}</>}
                </>
              ),
            }))}
          />
        )}
      </QueryState>
    </DashboardCard>
  );
}
