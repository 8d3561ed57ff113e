import type { Account } from '../../../../src/domain/entities.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AccountOptions } from '../../components/AccountOptions';
import { AmountField } from '../../components/AmountField';
import { Form } from '../../components/Form';
import { Button, Modal, SelectField, TextAreaField, TextField } from '../../components/ui';
import { today } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';

/** Move money from one account to another, in a dialog. */
export function TransferForm({
  accounts,
  from = '',
  onClose,
}: {
  /** The accounts money may move between (live, not archived). */
  accounts: readonly Account[];
  from?: string;
  onClose: () => void;
}) {
  const { currency, locale } = useApp();
  const first = from || accounts[0]?.id || '';
  const { values, errors, setErrors, field, onSubmit } = useForm({
    from: first,
    to: accounts.find((a) => a.id !== first)?.id ?? '',
    amount: '',
    date: today(),
    note: '',
  });
  const amount = readAmount(values.amount, currency, locale);
  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) => api.post('/api/transfers', body),
    success: 'Transfer added',
    onSuccess: onClose,
    onError: (e) => setErrors(toFieldErrors(e, ['from', 'to', 'amount', 'date', 'note'])),
  });
  const submit = onSubmit(
    () => ({
      from: values.from ? undefined : 'Pick the account the money leaves',
      to: !values.to
        ? 'Pick the account the money goes to'
        : values.to === values.from
          ? 'Pick another account than the one it leaves'
          : undefined,
      amount: amount.ok ? undefined : amount.error,
      date: /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? undefined : 'Pick a date',
    }),
    () => {
      if (!amount.ok) return;
      save.run({
        from: values.from,
        to: values.to,
        amount: amount.value,
        date: values.date,
        note: values.note,
      });
    },
  );
  return (
    <Modal title="New transfer" onClose={onClose} data-testid="transfer-dialog">
      <Form onSubmit={submit} errors={errors}>
        <div className="form-row">
          <SelectField {...field('from')} label="From" data-testid="transfer-from">
            <AccountOptions accounts={accounts} />
          </SelectField>
          <SelectField {...field('to')} label="To" data-testid="transfer-to">
            <option value="" disabled>
              Choose an account…
            </option>
            <AccountOptions accounts={accounts} />
          </SelectField>
        </div>
        <div className="form-row">
          <AmountField {...field('amount')} label="Amount" data-testid="transfer-amount" />
          <TextField {...field('date')} label="Date" type="date" data-testid="transfer-date" />
        </div>
        <TextAreaField {...field('note')} label="Note (optional)" rows={2} data-testid="transfer-note" />
        <div className="form-actions">
          <span className="spacer" />
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.busy} data-testid="transfer-save">
            Move money
          </Button>
        </div>
      </Form>
    </Modal>
  );
}
