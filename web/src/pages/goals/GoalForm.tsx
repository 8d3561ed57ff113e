import { FormDialog } from '../../components/FormDialog';
import type { SavingsGoal } from '../../../../src/domain/entities.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { DeleteConfirm } from '../../components/DeleteConfirm';
import { TextField } from '../../components/ui';
import { amountInput } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useDateInput } from '../../use-date-input';
import { DateField } from '../../components/DateField';
import { useUndoToast } from '../../app/use-undo-toast';

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
  const dates = useDateInput();
  const { values, errors, setErrors, field, dateField, onSubmit } = useForm({
    name: existing?.name ?? '',
    target: existing ? amountInput(existing.target, currency, locale) : '',
    by: existing?.targetDate ?? '',
  });
  const name = values.name.trim();
  const target = readAmount(values.target, currency, locale, 'Target');
  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing ? api.patch(`/api/goals/${existing.id}`, body) : api.post('/api/goals', body),
    success: existing ? 'Goal saved' : `Goal ${name} created`,
    onSuccess: onSaved,
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'target', 'by'], { targetDate: 'by' })),
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, goal: SavingsGoal) => api.delUndoable(`/api/goals/${goal.id}`),
    onSuccess: (undo, goal) => {
      undoToast(`Deleted ${goal.name}`, undo);
      onSaved();
    },
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const busy = save.busy || remove.busy;

  const submit = onSubmit(
    () => ({
      name: name ? undefined : 'Give the goal a name',
      target: target.ok ? undefined : target.error,
      by: dates.problem(values.by),
    }),
    () => {
      if (!target.ok) return;
      const body: Record<string, unknown> = { name, target: target.value };
      if (values.by) body['by'] = values.by;
      else if (existing) body['by'] = null;
      save.run(body);
    },
  );

  return (
    <FormDialog
      title={existing ? `Edit ${existing.name}` : 'New savings goal'}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={busy}
      submitLabel={existing ? 'Save' : 'Create goal'}
      data-testid="goal-dialog"
      submitTestId="goal-save"
      extraActions={
        existing && (
          <DeleteConfirm question="Delete this goal?" busy={busy} onDelete={() => remove.run(existing)} />
        )
      }
    >
      <TextField {...field('name')} label="Name" placeholder="e.g. Emergency fund" data-testid="goal-name" />
      <div className="form-row">
        <AmountField {...field('target')} label="Target" data-testid="goal-target" />
        <DateField {...dateField('by')} label="Reach it by (optional)" data-testid="goal-by" />
      </div>
    </FormDialog>
  );
}
