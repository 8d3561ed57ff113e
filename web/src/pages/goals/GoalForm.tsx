import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const dates = useDateInput();
  const { values, errors, setErrors, field, dateField, onSubmit } = useForm({
    name: existing?.name ?? '',
    target: existing ? amountInput(existing.target, currency, locale) : '',
    by: existing?.targetDate ?? '',
  });
  const name = values.name.trim();
  const target = readAmount(values.target, currency, locale, t, t('goals.target'));
  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing ? api.patch(`/api/goals/${existing.id}`, body) : api.post('/api/goals', body),
    success: existing ? t('goals.savedToast') : t('goals.created', { name }),
    onSuccess: onSaved,
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'target', 'by'], { targetDate: 'by' })),
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, goal: SavingsGoal) => api.delUndoable(`/api/goals/${goal.id}`),
    onSuccess: (undo, goal) => {
      undoToast(t('accounts.deleted', { name: goal.name }), undo);
      onSaved();
    },
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const busy = save.busy || remove.busy;

  const submit = onSubmit(
    () => ({
      name: name ? undefined : t('goals.nameRequired'),
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
      title={existing ? t('schedules.editName', { name: existing.name }) : t('goals.new')}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={busy}
      submitLabel={existing ? t('common.save') : t('goals.create')}
      data-testid="goal-dialog"
      submitTestId="goal-save"
      extraActions={
        existing && (
          <DeleteConfirm
            question={t('goals.deleteQuestion')}
            busy={busy}
            onDelete={() => remove.run(existing)}
          />
        )
      }
    >
      <TextField
        {...field('name')}
        label={t('accounts.name')}
        placeholder={t('goals.namePlaceholder')}
        data-testid="goal-name"
      />
      <div className="form-row">
        <AmountField {...field('target')} label={t('goals.target')} data-testid="goal-target" />
        <DateField {...dateField('by')} label={t('goals.by')} data-testid="goal-by" />
      </div>
    </FormDialog>
  );
}
