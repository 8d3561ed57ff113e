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
import { KIND_LABELS } from './account-kinds';
import { useUndoToast } from '../../app/use-undo-toast';

/** Add an account, or change, archive or delete one, in a dialog. */
export function AccountForm({ existing, onClose }: { existing?: Account; onClose: () => void }) {
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
    ? readAmount(values.opening, currency, locale, 'Opening balance', true)
    : ({ ok: true, value: '0', minor: 0 } as const);
  const fields = ['name', 'kind', 'opening', 'openingDate'];
  const aliases = { openingBalance: 'opening' };
  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing ? api.patch(`/api/accounts/${existing.id}`, body) : api.post('/api/accounts', body),
    success: existing ? 'Account saved' : `Account ${name} added`,
    onSuccess: onClose,
    onError: (e) => setErrors(toFieldErrors(e, fields, aliases)),
  });
  const archive = useApiMutation({
    mutationFn: (api, archived: boolean) => api.patch(`/api/accounts/${existing?.id ?? ''}`, { archived }),
    success: (_, archived) =>
      archived ? `Archived ${existing?.name ?? ''}` : `${existing?.name ?? ''} is back`,
    onSuccess: onClose,
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, id: string) => api.delUndoable(`/api/accounts/${id}`),
    onSuccess: (undo) => {
      undoToast(`Deleted ${existing?.name ?? ''}`, undo);
      onClose();
    },
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const busy = save.busy || archive.busy || remove.busy;

  const submit = onSubmit(
    () => ({
      name: name ? undefined : 'Give the account a name',
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
      title={existing ? `Edit ${existing.name}` : 'New account'}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={busy}
      submitLabel={existing ? 'Save' : 'Add account'}
      data-testid="account-dialog"
      submitTestId="account-save"
      extraActions={
        existing && (
          <>
            <DeleteConfirm
              question="Delete this account?"
              busy={busy}
              onDelete={() => remove.run(existing.id)}
            />
            <Button
              variant="ghost"
              busy={archive.busy}
              onClick={() => archive.run(!existing.archived)}
              data-testid="account-archive"
            >
              {existing.archived ? 'Unarchive' : 'Archive'}
            </Button>
          </>
        )
      }
    >
      <TextField
        {...field('name')}
        label="Name"
        placeholder="e.g. Everyday card"
        data-testid="account-name"
      />
      <div className="form-row">
        <SelectField
          {...field('kind')}
          label="Kind"
          onChange={(e) => set({ kind: e.target.value as AccountKind })}
          data-testid="account-kind"
        >
          {ACCOUNT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <SelectField {...field('onBudget')} label="Budgets watch it">
          <option value="yes">Yes, on budget</option>
          <option value="no">No, off budget</option>
        </SelectField>
      </div>
      <div className="form-row">
        <AmountField
          {...field('opening')}
          label="Opening balance"
          hint="Below zero for a card or loan that owes"
          data-testid="account-opening"
        />
        <DateField
          {...dateField('openingDate')}
          label="Opening date (optional)"
          data-testid="account-opening-date"
        />
      </div>
    </FormDialog>
  );
}
