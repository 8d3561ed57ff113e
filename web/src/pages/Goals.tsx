import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApp } from '../context';
import { Icon } from '../components/Icon';
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorNote,
  Loading,
  Modal,
  PageHeader,
  ProgressBar,
  TextField,
} from '../components/ui';
import { itemsOf } from '../components/TransactionForm';
import { amountInput, amountPlaceholder, dateText, money, percentText, today } from '../format';
import { readAmount, toFieldErrors, type FieldErrors } from '../forms';
import { useResource } from '../hooks';
import type { Contribution, Goal, GoalProgress, GoalReport, Items } from '../types';

export function GoalsPage() {
  const goals = useResource<Items<Goal> | Goal[]>('/api/goals');
  const report = useResource<GoalReport>('/api/reports/goals');
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const reload = () => {
    goals.reload();
    report.reload();
  };
  const list = itemsOf(goals.data);
  const progress = new Map((report.data?.goals ?? []).map((g) => [g.goalId, g]));

  return (
    <div className="page" data-testid="page-goals">
      <PageHeader
        title="Savings goals"
        subtitle="Put money aside for what matters; every contribution counts, on every device."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setEditing('new')} data-testid="add-goal">
            New goal
          </Button>
        }
      />
      {goals.error && <ErrorNote error={goals.error} onRetry={goals.reload} />}
      {!goals.data && !goals.error ? (
        <Loading />
      ) : list.length === 0 ? (
        <Card>
          <EmptyState icon="goals" title="No savings goals yet">
            <button type="button" className="link-btn" onClick={() => setEditing('new')}>
              Create your first goal
            </button>
          </EmptyState>
        </Card>
      ) : (
        <div className="goal-grid">
          {[...list]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((g) => (
              <GoalCard
                key={g.id}
                goal={g}
                progress={progress.get(g.id)}
                onEdit={() => setEditing(g)}
                onChanged={reload}
              />
            ))}
        </div>
      )}
      {editing && (
        <GoalForm
          existing={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

function GoalCard({
  goal,
  progress,
  onEdit,
  onChanged,
}: {
  goal: Goal;
  progress: GoalProgress | undefined;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const { currency, locale } = useApp();
  const [open, setOpen] = useState(false);
  const fmt = (n: number) => money(n, currency, locale);
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
      <button
        type="button"
        className="goal-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="goal-toggle"
      >
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={16} />
        Contributions
      </button>
      {open && <Contributions goal={goal} onChanged={onChanged} />}
    </Card>
  );
}

function Contributions({ goal, onChanged }: { goal: Goal; onChanged: () => void }) {
  const { currency, locale, toast } = useApp();
  const list = useResource<Items<Contribution> | Contribution[]>(`/api/goals/${goal.id}/contributions`);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const items = [...itemsOf(list.data)].sort((a, b) => b.date.localeCompare(a.date));

  async function add(event: FormEvent) {
    event.preventDefault();
    const e: FieldErrors = {};
    const read = readAmount(amount, currency, locale);
    if (!read.ok) e['amount'] = read.error;
    if (!date) e['date'] = 'Pick a date';
    setErrors(e);
    if (Object.keys(e).length || !read.ok) return;
    setBusy(true);
    try {
      await api.post(`/api/goals/${goal.id}/contributions`, { amount: read.value, date, note });
      toast(`Contribution added to ${goal.name}`);
      setAmount('');
      setNote('');
      list.reload();
      onChanged();
    } catch (err) {
      setErrors(toFieldErrors(err, ['amount', 'date', 'note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="contributions">
      <form className="contribution-form" onSubmit={add} noValidate data-testid="contribution-form">
        {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
        <TextField
          label={`Amount (${currency})`}
          inputMode="decimal"
          placeholder={amountPlaceholder(currency, locale)}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errors['amount']}
          data-testid="contribution-amount"
        />
        <TextField
          label="Date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={errors['date']}
        />
        <TextField
          label="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors['note']}
          className="contribution-note"
        />
        <Button type="submit" variant="primary" busy={busy} data-testid="contribution-add">
          Add
        </Button>
      </form>
      {list.error ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted small">No contributions yet.</p>
      ) : (
        <ul className="contribution-list">
          {items.map((c) => (
            <li key={c.id}>
              <span>{dateText(c.date, locale)}</span>
              <span className="muted">{c.note}</span>
              <span className="amount positive">+{money(c.amount, currency, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function GoalForm({
  existing,
  onClose,
  onSaved,
}: {
  existing?: Goal;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { currency, locale, toast } = useApp();
  const [name, setName] = useState(existing?.name ?? '');
  const [target, setTarget] = useState(existing ? amountInput(existing.target, currency, locale) : '');
  const [by, setBy] = useState(existing?.targetDate ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const e: FieldErrors = {};
    if (!name.trim()) e['name'] = 'Give the goal a name';
    const read = readAmount(target, currency, locale, 'Target');
    if (!read.ok) e['target'] = read.error;
    setErrors(e);
    if (Object.keys(e).length || !read.ok) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { name: name.trim(), target: read.value };
      if (by) body['by'] = by;
      else if (existing) body['by'] = null;
      if (existing) await api.patch(`/api/goals/${existing.id}`, body);
      else await api.post('/api/goals', body);
      toast(existing ? 'Goal saved' : `Goal ${name.trim()} created`);
      onSaved();
    } catch (err) {
      setErrors(toFieldErrors(err, ['name', 'target', 'by'], { targetDate: 'by' }));
      setBusy(false);
    }
  }

  async function remove() {
    if (!existing) return;
    setBusy(true);
    try {
      await api.del(`/api/goals/${existing.id}`);
      toast(`Deleted ${existing.name}`);
      onSaved();
    } catch (err) {
      setErrors(toFieldErrors(err, []));
      setBusy(false);
    }
  }

  return (
    <Modal
      title={existing ? `Edit ${existing.name}` : 'New savings goal'}
      onClose={onClose}
      data-testid="goal-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors['name']}
          placeholder="e.g. Emergency fund"
          data-testid="goal-name"
        />
        <div className="form-row">
          <TextField
            label={`Target (${currency})`}
            inputMode="decimal"
            placeholder={amountPlaceholder(currency, locale)}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            error={errors['target']}
            data-testid="goal-target"
          />
          <TextField
            label="Reach it by (optional)"
            type="date"
            value={by}
            onChange={(e) => setBy(e.target.value)}
            error={errors['by']}
            data-testid="goal-by"
          />
        </div>
        <div className="form-actions">
          {existing &&
            (confirmDelete ? (
              <div className="confirm-inline">
                <span>Delete this goal?</span>
                <Button variant="danger" onClick={remove} busy={busy}>
                  Delete
                </Button>
                <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
                  Keep
                </Button>
              </div>
            ) : (
              <Button
                variant="ghost"
                icon="trash"
                className="danger-text"
                onClick={() => setConfirmDelete(true)}
              >
                Delete
              </Button>
            ))}
          <span className="spacer" />
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="goal-save">
            {existing ? 'Save' : 'Create goal'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
