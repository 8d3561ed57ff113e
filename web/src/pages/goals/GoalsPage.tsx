import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { SavingsGoal } from '../../../../src/domain/entities.js';
import type { GoalReport } from '../../../../src/domain/reports.js';
import { useGoals, useReport } from '../../api/queries';
import { EmptyCard } from '../../components/EmptyCard';
import { QueryState } from '../../components/QueryState';
import { Button } from '../../components/ui';
import { GoalCard } from './GoalCard';
import { GoalForm } from './GoalForm';
import { PageFrame } from '../../components/PageFrame';

export function GoalsPage() {
  const { t } = useTranslation();
  const goals = useGoals();
  const report = useReport<GoalReport>('goals');
  const [editing, setEditing] = useState<SavingsGoal | 'new' | null>(null);
  const progress = new Map((report.data?.goals ?? []).map((g) => [g.goalId, g]));

  return (
    <PageFrame
      testId="page-goals"
      title={t('nav.goals')}
      subtitle={t('goals.subtitle')}
      actions={
        <Button variant="primary" icon="plus" onClick={() => setEditing('new')} data-testid="add-goal">
          {t('goals.newShort')}
        </Button>
      }
    >
      <QueryState
        query={goals}
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyCard icon="goals" title={t('dashboard.noGoals')}>
            <button type="button" className="link-btn" onClick={() => setEditing('new')}>
              {t('goals.first')}
            </button>
          </EmptyCard>
        }
      >
        {(list) => (
          <div className="goal-grid">
            {[...list]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((g) => (
                <GoalCard key={g.id} goal={g} progress={progress.get(g.id)} onEdit={() => setEditing(g)} />
              ))}
          </div>
        )}
      </QueryState>
      {editing && (
        <GoalForm
          existing={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </PageFrame>
  );
}
