import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/FormDialog';
import type { Account } from '../../../../src/domain/entities.js';
import { ACCOUNT_KINDS, type AccountKind } from '../../../../src/domain/accounts.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { DeleteConfirm } from '../../components/DeleteConfirm';
import { Button, SelectField, TextField } from '../../components/ui';
import { amountInput } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useDateInput } from '../../use-date-input';
import { DateField } from '../../components/DateField';
import { useUndoToast } from '../../app/use-undo-toast';

/** Add an account, or change, archive or delete one, in a dialog. */
export function AccountForm({ existing, onClose }: { existing?: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const dates = useDateInput();
  const { values, errors, setErrors, field, dateField, set, onSubmit } = useForm({
    name: existing?.name ?? '',
    kind: existing?.kind ?? 'checking',
    opening: existing ? amountInput(existing.openingBalance, currency, locale) : '',
    openingDate: existing?.openingDate ?? '',
    onBudget: existing?.onBudget === false ? 'no' : 'yes',
  });
  const name = values.name.trim();
  const opening = values.opening.trim()
    ? readAmount(values.opening, currency, locale, t, t('accounts.opening'), true)
    : ({ ok: true, value: '0', minor: 0 } as const);
  const fields = ['name', 'kind', 'opening', 'openingDate'];
  const aliases = { openingBalance: 'opening' };
  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing ? api.patch(`/api/accounts/${existing.id}`, body) : api.post('/api/accounts', body),
    success: existing ? t('accounts.saved') : t('accounts.added', { name }),
    onSuccess: onClose,
    onError: (e) => setErrors(toFieldErrors(e, fields, aliases)),
  });
  const archive = useApiMutation({
    mutationFn: (api, archived: boolean) => api.patch(`/api/accounts/${existing?.id ?? ''}`, { archived }),
    success: (_, archived) =>
      archived
        ? t('accounts.archived', { name: existing?.name ?? '' })
        : t('accounts.unarchived', { name: existing?.name ?? '' }),
    onSuccess: onClose,
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, id: string) => api.delUndoable(`/api/accounts/${id}`),
    onSuccess: (undo) => {
      undoToast(t('accounts.deleted', { name: existing?.name ?? '' }), undo);
      onClose();
    },
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const busy = save.busy || archive.busy || remove.busy;

  const submit = onSubmit(
    () => ({
      name: name ? undefined : t('accounts.nameRequired'),
      opening: opening.ok ? undefined : opening.error,
      openingDate: dates.problem(values.openingDate),
    }),
    () => {
      if (!opening.ok) return;
      save.run({
        name,
        kind: values.kind,
        openingBalance: opening.value,
        openingDate: values.openingDate || null,
        onBudget: values.onBudget === 'yes',
      });
    },
  );

  return (
    <FormDialog
      title={existing ? t('schedules.editName', { name: existing.name }) : t('accounts.new')}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={busy}
      submitLabel={existing ? t('common.save') : t('accounts.add')}
      data-testid="account-dialog"
      submitTestId="account-save"
      extraActions={
        existing && (
          <>
            <DeleteConfirm
              question={t('accounts.deleteQuestion')}
              busy={busy}
              onDelete={() => remove.run(existing.id)}
            />
            <Button
              variant="ghost"
              busy={archive.busy}
              onClick={() => archive.run(!existing.archived)}
              data-testid="account-archive"
            >
              {existing.archived ? t('accounts.unarchive') : t('accounts.archive')}
            </Button>
          </>
        )
      }
    >
      <TextField
        {...field('name')}
        label={t('accounts.name')}
        placeholder={t('accounts.namePlaceholder')}
        data-testid="account-name"
      />
      <div className="form-row">
        <SelectField
          {...field('kind')}
          label={t('schedules.kind')}
          onChange={(e) => set({ kind: e.target.value as AccountKind })}
          data-testid="account-kind"
        >
          {ACCOUNT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`accounts.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField {...field('onBudget')} label={t('accounts.budgetsWatch')}>
          <option value="yes">{t('accounts.onBudget')}</option>
          <option value="no">{t('accounts.offBudget')}</option>
        </SelectField>
      </div>
      <div className="form-row">
        <AmountField
          {...field('opening')}
          label={t('accounts.opening')}
          hint={t('accounts.openingHint')}
          data-testid="account-opening"
        />
        <DateField
          {...dateField('openingDate')}
          label={t('accounts.openingDate')}
          data-testid="account-opening-date"
        />
      </div>
    </FormDialog>
  );
}
