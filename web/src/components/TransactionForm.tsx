import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApp } from '../context';
import { amountInput, amountPlaceholder, today } from '../format';
import { readAmount, toFieldErrors, type FieldErrors } from '../forms';
import type { Category, Kind, MoneyEvent } from '../types';
import { Alert, Button, Modal, SelectField, TextAreaField, TextField } from './ui';

export const METHODS = ['card', 'cash', 'transfer', 'direct debit'];
export const SOURCES = ['employer', 'client', 'bank', 'refund'];

export function pathOf(kind: Kind): string {
  return kind === 'expense' ? '/api/expenses' : '/api/income';
}

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
  const { currency, locale, toast } = useApp();
  const extraKey = kind === 'expense' ? 'method' : 'source';
  const usable = categories.filter((c) => c.kind === kind && !c.deleted);
  const [amount, setAmount] = useState(existing ? amountInput(existing.amount, currency, locale) : '');
  const [date, setDate] = useState(existing?.date ?? today());
  const [category, setCategory] = useState(existing?.categoryName ?? '');
  const [extra, setExtra] = useState((kind === 'expense' ? existing?.method : existing?.source) ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const noun = kind === 'expense' ? 'expense' : 'income';

  function validate(): FieldErrors {
    const e: FieldErrors = {};
    const read = readAmount(amount, currency, locale);
    if (!read.ok) e['amount'] = read.error;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) e['date'] = 'Pick a date';
    if (!category) e['category'] = 'Pick a category';
    if (note.length > 500) e['note'] = 'Keep the note under 500 characters';
    return e;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const read = readAmount(amount, currency, locale);
    const body: Record<string, unknown> = {
      amount: read.ok ? read.value : amount.trim(),
      date,
      category,
      note,
    };
    if (extra.trim()) body[extraKey] = extra.trim();
    else if (existing) body[extraKey] = null;
    try {
      if (existing) await api.patch(`${pathOf(kind)}/${existing.id}`, body);
      else await api.post(pathOf(kind), body);
      toast(existing ? `Saved the ${noun}` : `Added the ${noun}`);
      onSaved();
    } catch (e) {
      setErrors(toFieldErrors(e, ['amount', 'date', 'category', extraKey, 'note']));
      setBusy(false);
    }
  }

  async function remove() {
    if (!existing) return;
    setBusy(true);
    try {
      await api.del(`${pathOf(kind)}/${existing.id}`);
      toast(`Deleted the ${noun}`);
      onSaved();
    } catch (e) {
      setErrors(toFieldErrors(e, []));
      setBusy(false);
    }
  }

  const title = existing ? `Edit ${noun}` : kind === 'expense' ? 'Add an expense' : 'Add income';
  return (
    <Modal title={title} onClose={onClose} data-testid="transaction-dialog">
      <form onSubmit={submit} noValidate className="form">
        {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
        <div className="form-row">
          <TextField
            label={`Amount (${currency})`}
            inputMode="decimal"
            placeholder={amountPlaceholder(currency, locale)}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
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
          {(kind === 'expense' ? METHODS : SOURCES).map((m) => (
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
          {existing &&
            (confirmDelete ? (
              <div className="confirm-inline">
                <span>Delete this {noun}?</span>
                <Button variant="danger" onClick={remove} busy={busy} data-testid="tx-confirm-delete">
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
                data-testid="tx-delete"
              >
                Delete
              </Button>
            ))}
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

export function itemsOf<T>(data: T[] | { items: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}
