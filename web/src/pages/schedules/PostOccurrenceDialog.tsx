import { useTranslation } from 'react-i18next';
import type { Schedule } from '../../../../src/domain/entities.js';
import type { Occurrence } from '../../../../src/local/schedule-repository.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { FormDialog } from '../../components/FormDialog';
import { TextField } from '../../components/ui';
import { amountInput, dateText } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useDateInput } from '../../use-date-input';
import { DateField } from '../../components/DateField';

/**
 * Post a schedule's next occurrence not yet posted now, as the schedule says or changed for this one row
 * (amount, day, note): the schedule itself stays as it is. Automatic and manual schedules alike.
 */
export function PostOccurrenceDialog({
  schedule,
  name,
  onClose,
}: {
  schedule: Schedule;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const dates = useDateInput();
  const { values, errors, setErrors, field, dateField, onSubmit } = useForm({
    amount: amountInput(schedule.amount, currency, locale),
    on: '',
    note: schedule.note,
  });
  const amount = readAmount(values.amount, currency, locale, t);
  const post = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      api.post<{ occurrence: Occurrence }>(`/api/schedules/${schedule.id}/post`, body),
    success: ({ occurrence }) => t('schedules.postedName', { name, date: dateText(occurrence.date, locale) }),
    onSuccess: onClose,
    onError: (e) => setErrors(toFieldErrors(e, ['amount', 'on', 'note', 'date'])),
  });
  const submit = onSubmit(
    () => ({ amount: amount.ok ? undefined : amount.error, on: dates.problem(values.on) }),
    () => {
      if (!amount.ok) return;
      const body: Record<string, unknown> = {};
      // Only what differs from the schedule is sent: the rest is the occurrence's own.
      if (amount.minor !== schedule.amount) body['amount'] = amount.value;
      if (values.on) body['on'] = values.on;
      if (values.note.trim() !== schedule.note) body['note'] = values.note.trim();
      post.run(body);
    },
  );
  return (
    <FormDialog
      title={t('schedules.postTitle', { name })}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={post.busy}
      submitLabel={t('schedules.post')}
      data-testid="post-occurrence-dialog"
      submitTestId="post-occurrence-save"
    >
      <p className="muted small">{t('schedules.postExplain')}</p>
      <AmountField {...field('amount')} label={t('amount.amount')} data-testid="post-occurrence-amount" />
      <DateField
        {...dateField('on')}
        label={t('schedules.day')}
        hint={t('schedules.dayHint')}
        data-testid="post-occurrence-on"
      />
      <TextField
        {...field('note')}
        label={t('schedules.note')}
        maxLength={200}
        data-testid="post-occurrence-note"
      />
    </FormDialog>
  );
}
