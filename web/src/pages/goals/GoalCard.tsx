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
            {goal.targetDate ? `Target ${dateText(goal.targetDate, locale)}` : 'No target date'}
          </p>
        </div>
        {reached ? (
          <Badge tone="good">Reached</Badge>
        ) : progress?.onTrack === true ? (
          <Badge tone="good">On track</Badge>
        ) : progress?.onTrack === false ? (
          <Badge tone="warn">Behind</Badge>
        ) : null}
        <button type="button" className="icon-btn" aria-label={`Edit ${goal.name}`} onClick={onEdit}>
          <Icon name="edit" size={18} />
        </button>
      </div>
      <div className="goal-amounts">
        <strong data-testid="goal-saved">{fmt(goal.saved)}</strong>
        <span className="muted"> of {fmt(goal.target)}</span>
        <span className="goal-percent">{percentText(percent, locale)}</span>
      </div>
      <ProgressBar
        percent={percent}
        tone={reached ? 'good' : 'brand'}
        label={`${goal.name}: ${percentText(percent, locale)} saved`}
      />
      {!reached && progress?.neededPerMonth && goal.targetDate ? (
        <p className="goal-needed" data-testid="goal-needed">
          {goal.targetDate.slice(0, 7) > thisMonth()
            ? `${fmt(progress.neededPerMonth)} a month to reach it by ${monthText(goal.targetDate.slice(0, 7), locale)}`
            : `${fmt(progress.neededPerMonth)} still to save by ${dateText(goal.targetDate, locale)}`}
        </p>
      ) : null}
      <dl className="goal-facts">
        <div>
          <dt>Still to save</dt>
          <dd>{fmt(Math.max(goal.target - goal.saved, 0))}</dd>
        </div>
        <div>
          <dt>{reached ? 'Reached on' : 'Projected'}</dt>
          <dd data-testid="goal-projected">
            {progress?.projectedDate ? (
              dateText(progress.projectedDate, locale)
            ) : (
              <span className="muted">
                {/* The API leaves a projection beyond 100 years out (null) rather than give a bogus date. */}
                {progress && progress.saved > 0
                  ? 'not within 100 years at this rate'
                  : 'after the first contribution'}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <button {...toggle} className="goal-toggle" data-testid="goal-toggle">
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={16} />
        Contributions
      </button>
      {open && <Contributions goal={goal} />}
    </Card>
  );
}
