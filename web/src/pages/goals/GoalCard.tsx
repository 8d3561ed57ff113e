import { useTranslation } from 'react-i18next';
import type { SavingsGoal } from '../../../../src/domain/entities.js';
import type { GoalProgress } from '../../../../src/domain/reports.js';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { Badge, Card, ProgressBar } from '../../components/ui';
import { dateText, monthText, percentText, thisMonth } from '../../format';
import { useExpanded } from '../../use-expanded';
import { useMoney } from '../../use-money';
import { Contributions } from './Contributions';

/** A goal's progress and projection; its contributions fold out. */
export function GoalCard({
  goal,
  progress,
  onEdit,
}: {
  goal: SavingsGoal;
  progress: GoalProgress | undefined;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const { open, toggle } = useExpanded();
  const fmt = useMoney();
  const percent = progress?.percent ?? (goal.target ? (100 * goal.saved) / goal.target : 0);
  const reached = goal.saved >= goal.target;
  return (
    <Card className="goal-card" data-testid="goal-card">
      <div className="goal-head">
        <div>
          <h3 className="goal-name">{goal.name}</h3>
          <p className="muted small">
            {goal.targetDate
              ? t('goals.targetOn', { date: dateText(goal.targetDate, locale) })
              : t('goals.noTargetDate')}
          </p>
        </div>
        {reached ? (
          <Badge tone="good">{t('goals.reached')}</Badge>
        ) : progress?.onTrack === true ? (
          <Badge tone="good">{t('goals.onTrack')}</Badge>
        ) : progress?.onTrack === false ? (
          <Badge tone="warn">{t('goals.behind')}</Badge>
        ) : null}
        <button
          type="button"
          className="icon-btn"
          aria-label={t('schedules.editName', { name: goal.name })}
          onClick={onEdit}
        >
          <Icon name="edit" size={18} />
        </button>
      </div>
      <div className="goal-amounts">
        <strong data-testid="goal-saved">{fmt(goal.saved)}</strong>
        <span className="muted"> {t('budgets.ofLimit', { amount: fmt(goal.target) })}</span>
        <span className="goal-percent">{percentText(percent, locale)}</span>
      </div>
      <ProgressBar
        percent={percent}
        tone={reached ? 'good' : 'brand'}
        label={t('goals.saved', { name: goal.name, percent: percentText(percent, locale) })}
      />
      {!reached && progress?.neededPerMonth && goal.targetDate ? (
        <p className="goal-needed" data-testid="goal-needed">
          {goal.targetDate.slice(0, 7) > thisMonth()
            ? t('goals.perMonth', {
                amount: fmt(progress.neededPerMonth),
                month: monthText(goal.targetDate.slice(0, 7), locale),
              })
            : t('goals.stillBy', {
                amount: fmt(progress.neededPerMonth),
                date: dateText(goal.targetDate, locale),
              })}
        </p>
      ) : null}
      <dl className="goal-facts">
        <div>
          <dt>{t('goals.stillToSave')}</dt>
          <dd>{fmt(Math.max(goal.target - goal.saved, 0))}</dd>
        </div>
        <div>
          <dt>{reached ? t('goals.reachedOn') : t('goals.projected')}</dt>
          <dd data-testid="goal-projected">
            {progress?.projectedDate ? (
              dateText(progress.projectedDate, locale)
            ) : (
              <span className="muted">
                {/* The API leaves a projection beyond 100 years out (null) rather than give a bogus date. */}
                {progress && progress.saved > 0 ? t('goals.notWithin') : t('goals.afterFirst')}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <button {...toggle} className="goal-toggle" data-testid="goal-toggle">
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={16} />
        {t('goals.contributions')}
      </button>
      {open && <Contributions goal={goal} />}
    </Card>
  );
}
