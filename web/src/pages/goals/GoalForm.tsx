import { useState, type FormEvent } from 'react';
import type { SavingsGoal } from '../../../../src/domain/entities.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { DeleteConfirm } from '../../components/DeleteConfirm';
import { Alert, Button, Modal, TextField } from '../../components/ui';
import { amountInput } from '../../format';
import { readAmount, toFieldErrors, type FieldErrors } from '../../forms';

/** Create a goal, or change or delete one, in a dialog. */
export function GoalForm({
  existing,
  onClose,
  onSaved,
}: {
  existing?: SavingsGoal;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { currency, locale } = useApp();
  const [name, setName] = useState(existing?.name ?? '');
  const [target, setTarget] = useState(existing ? amountInput(existing.target, currency, locale) : '');
  const [by, setBy] = useState(existing?.targetDate ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing ? api.patch(`/api/goals/${existing.id}`, body) : api.post('/api/goals', body),
    success: existing ? 'Goal saved' : `Goal ${name.trim()} created`,
    onSuccess: onSaved,
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'target', 'by'], { targetDate: 'by' })),
  });
  const remove = useApiMutation({
    mutationFn: (api, goal: SavingsGoal) => api.del(`/api/goals/${goal.id}`),
    success: (_, goal) => `Deleted ${goal.name}`,
    onSuccess: onSaved,
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const busy = save.busy || remove.busy;

  function submit(event: FormEvent) {
    event.preventDefault();
    const e: FieldErrors = {};
    if (!name.trim()) e['name'] = 'Give the goal a name';
    const read = readAmount(target, currency, locale, 'Target');
    if (!read.ok) e['target'] = read.error;
    setErrors(e);
    if (Object.keys(e).length || !read.ok) return;
    const body: Record<string, unknown> = { name: name.trim(), target: read.value };
    if (by) body['by'] = by;
    else if (existing) body['by'] = null;
    save.run(body);
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
          <AmountField
            label="Target"
            value={target}
            onValue={setTarget}
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
          {existing && (
            <DeleteConfirm question="Delete this goal?" busy={busy} onDelete={() => remove.run(existing)} />
          )}
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
