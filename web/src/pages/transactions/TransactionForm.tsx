import { useState, type FormEvent } from 'react';
import type { Category } from '../../../../src/domain/entities.js';
import type { Kind, MoneyEvent } from '../../api/answers';
import { moneyEventsPath } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { Alert, Button, Modal, SelectField, TextAreaField, TextField } from '../../components/ui';
import { amountInput, today } from '../../format';
import { readAmount, toFieldErrors, type FieldErrors } from '../../forms';
import { extraKeyOf, extraOf, suggestionsOf } from './money-event-options';
import { DeleteConfirm } from '../../components/DeleteConfirm';

/** Add or edit an expense or an income; the API's `{error, field}` lands under the field it names. */
export function TransactionForm({
  kind,
  categories,
  existing,
  onClose,
  onSaved,
}: {
  kind: Kind;
  categories: Category[];
  existing?: MoneyEvent;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { currency, locale } = useApp();
  const extraKey = extraKeyOf(kind);
  const usable = categories.filter((c) => c.kind === kind && !c.deleted);
  const [amount, setAmount] = useState(existing ? amountInput(existing.amount, currency, locale) : '');
  const [date, setDate] = useState(existing?.date ?? today());
  const [category, setCategory] = useState(existing?.categoryName ?? '');
  const [extra, setExtra] = useState((existing && extraOf(existing)) ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const noun = kind === 'expense' ? 'expense' : 'income';

  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing
        ? api.patch(`${moneyEventsPath(kind)}/${existing.id}`, body)
        : api.post(moneyEventsPath(kind), body),
    success: existing ? `Saved the ${noun}` : `Added the ${noun}`,
    onSuccess: onSaved,
    onError: (e) => setErrors(toFieldErrors(e, ['amount', 'date', 'category', extraKey, 'note'])),
  });
  const remove = useApiMutation({
    mutationFn: (api, id: string) => api.del(`${moneyEventsPath(kind)}/${id}`),
    success: `Deleted the ${noun}`,
    onSuccess: onSaved,
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const busy = save.busy || remove.busy;

  function validate(): FieldErrors {
    const e: FieldErrors = {};
    const read = readAmount(amount, currency, locale);
    if (!read.ok) e['amount'] = read.error;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) e['date'] = 'Pick a date';
    if (!category) e['category'] = 'Pick a category';
    if (note.length > 500) e['note'] = 'Keep the note under 500 characters';
    return e;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    const read = readAmount(amount, currency, locale);
    const body: Record<string, unknown> = {
      amount: read.ok ? read.value : amount.trim(),
      date,
      category,
      note,
    };
    if (extra.trim()) body[extraKey] = extra.trim();
    else if (existing) body[extraKey] = null;
    save.run(body);
  }

  const title = existing ? `Edit ${noun}` : kind === 'expense' ? 'Add an expense' : 'Add income';
  return (
    <Modal title={title} onClose={onClose} data-testid="transaction-dialog">
      <form onSubmit={submit} noValidate className="form">
        {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
        <div className="form-row">
          <AmountField
            label="Amount"
            value={amount}
            onValue={setAmount}
            error={errors['amount']}
            data-testid="tx-amount"
            className="field-amount"
          />
          <TextField
            label="Date"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors['date']}
            data-testid="tx-date"
          />
        </div>
        <SelectField
          label="Category"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          error={errors['category']}
          hint={usable.length === 0 ? `Add a ${kind} category first` : undefined}
          data-testid="tx-category"
        >
          <option value="" disabled>
            Choose a category…
          </option>
          {existing && !usable.some((c) => c.name === existing.categoryName) && (
            <option value={existing.categoryName}>{existing.categoryName} (deleted)</option>
          )}
          {usable.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={kind === 'expense' ? 'Payment method (optional)' : 'Source (optional)'}
          list={`${extraKey}-options`}
          value={extra}
          onChange={(e) => setExtra(e.target.value)}
          error={errors[extraKey]}
          data-testid="tx-extra"
        />
        <datalist id={`${extraKey}-options`}>
          {suggestionsOf(kind).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <TextAreaField
          label="Note (optional)"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors['note']}
          data-testid="tx-note"
        />
        <div className="form-actions">
          {existing && (
            <DeleteConfirm
              question={`Delete this ${noun}?`}
              busy={busy}
              onDelete={() => remove.run(existing.id)}
              testIds={{ ask: 'tx-delete', confirm: 'tx-confirm-delete' }}
            />
          )}
          <span className="spacer" />
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="tx-save">
            {existing ? 'Save' : 'Add'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
