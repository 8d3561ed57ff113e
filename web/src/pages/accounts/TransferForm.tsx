import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/FormDialog';
import type { Account, Transfer } from '../../../../src/domain/entities.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AccountOptions } from '../../components/AccountOptions';
import { AmountField } from '../../components/AmountField';
import { DeleteConfirm } from '../../components/DeleteConfirm';
import { ReconciledChangeConfirm } from '../../components/ReconciledChangeConfirm';
import { SelectField, TextAreaField } from '../../components/ui';
import { amountInput, today } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useDateInput } from '../../use-date-input';
import { DateField } from '../../components/DateField';
import { useReconciledSave } from '../../use-reconciled-save';
import { useUndoToast } from '../../app/use-undo-toast';

/** Move money from one account to another, or change or delete such a move (`existing`), in a dialog. */
export function TransferForm({
  accounts,
  from = '',
  existing,
  onClose,
}: {
  /** The accounts money may move between (live, not archived). */
  accounts: readonly Account[];
  from?: string;
  existing?: Transfer;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const first = existing?.fromAccountId ?? (from || accounts[0]?.id || '');
  const dates = useDateInput();
  const { values, errors, setErrors, field, dateField, onSubmit } = useForm({
    from: first,
    to: existing?.toAccountId ?? accounts.find((a) => a.id !== first)?.id ?? '',
    amount: existing ? amountInput(existing.amount, currency, locale) : '',
    date: existing?.date ?? today(),
    note: existing?.note ?? '',
  });
  // Either account's statement may have agreed on it.
  const reconciled = existing?.fromStatus === 'reconciled' || existing?.toStatus === 'reconciled';
  const amount = readAmount(values.amount, currency, locale, t);
  const fieldErrors = (e: unknown) => setErrors(toFieldErrors(e, ['from', 'to', 'amount', 'date', 'note']));
  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing ? api.patch(`/api/transfers/${existing.id}`, body) : api.post('/api/transfers', body),
    success: existing ? t('transfers.saved') : t('transfers.added'),
    onSuccess: onClose,
    onError: fieldErrors,
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, id: string) =>
      api.delUndoable(`/api/transfers/${id}${reconciled ? '?confirmReconciled=true' : ''}`),
    onSuccess: (undo) => {
      undoToast(t('transfers.deleted'), undo);
      onClose();
    },
    onError: fieldErrors,
  });
  const guard = useReconciledSave(reconciled, save);
  const busy = save.busy || remove.busy;
  const keep = existing
    ? [
        { id: existing.fromAccountId, name: existing.fromAccountName },
        { id: existing.toAccountId, name: existing.toAccountName },
      ]
    : [];
  const submit = onSubmit(
    () => ({
      from: values.from ? undefined : t('transfers.pickFrom'),
      to: !values.to
        ? t('schedules.pickTo')
        : values.to === values.from
          ? t('transfers.pickOther')
          : undefined,
      amount: amount.ok ? undefined : amount.error,
      date: dates.problem(values.date, t('transactions.pickDate')),
    }),
    () => {
      if (!amount.ok) return;
      guard.send({
        from: values.from,
        to: values.to,
        amount: amount.value,
        date: values.date,
        note: values.note,
      });
    },
  );
  return (
    <FormDialog
      title={existing ? t('transfers.edit') : t('transfers.new')}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={busy}
      submitLabel={existing ? t('common.save') : t('transfers.move')}
      data-testid="transfer-dialog"
      submitTestId="transfer-save"
      extraActions={
        existing && (
          <DeleteConfirm
            question={reconciled ? t('transfers.deleteReconciled') : t('transfers.deleteQuestion')}
            busy={busy}
            onDelete={() => remove.run(existing.id)}
            testIds={{ ask: 'transfer-delete', confirm: 'transfer-confirm-delete' }}
          />
        )
      }
      after={<ReconciledChangeConfirm guard={guard} noun="transfer" busy={save.busy} />}
    >
      <div className="form-row">
        <SelectField {...field('from')} label={t('fields.from')} data-testid="transfer-from">
          <AccountOptions accounts={accounts} keep={keep} />
        </SelectField>
        <SelectField {...field('to')} label={t('fields.to')} data-testid="transfer-to">
          <option value="" disabled>
            {t('schedules.chooseAccount')}
          </option>
          <AccountOptions accounts={accounts} keep={keep} />
        </SelectField>
      </div>
      <div className="form-row">
        <AmountField {...field('amount')} label={t('amount.amount')} data-testid="transfer-amount" />
        <DateField {...dateField('date')} label={t('transactions.date')} data-testid="transfer-date" />
      </div>
      <TextAreaField
        {...field('note')}
        label={t('schedules.noteOptional')}
        rows={2}
        data-testid="transfer-note"
      />
    </FormDialog>
  );
}
