import { useState, type FormEvent } from 'react';
import type { SavingsGoal } from '../../../../src/domain/entities.js';
import { useContributions } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { QueryState } from '../../components/QueryState';
import { Alert, Button, TextField } from '../../components/ui';
import { dateText, today } from '../../format';
import { readAmount, toFieldErrors, type FieldErrors } from '../../forms';
import { useMoney } from '../../use-money';

/** A goal's contributions, newest first, and a form to add one. */
export function Contributions({ goal }: { goal: SavingsGoal }) {
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const list = useContributions(goal.id);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useApiMutation({
    mutationFn: (api, body: { amount: string; date: string; note: string }) =>
      api.post(`/api/goals/${goal.id}/contributions`, body),
    success: `Contribution added to ${goal.name}`,
    onSuccess: () => {
      setAmount('');
      setNote('');
    },
    onError: (e) => setErrors(toFieldErrors(e, ['amount', 'date', 'note'])),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const e: FieldErrors = {};
    const read = readAmount(amount, currency, locale);
    if (!read.ok) e['amount'] = read.error;
    if (!date) e['date'] = 'Pick a date';
    setErrors(e);
    if (Object.keys(e).length || !read.ok) return;
    add.run({ amount: read.value, date, note });
  }

  return (
    <div className="contributions">
      <form className="contribution-form" onSubmit={submit} noValidate data-testid="contribution-form">
        {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
        <AmountField
          label="Amount"
          value={amount}
          onValue={setAmount}
          error={errors['amount']}
          data-testid="contribution-amount"
        />
        <TextField
          label="Date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={errors['date']}
        />
        <TextField
          label="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors['note']}
          className="contribution-note"
        />
        <Button type="submit" variant="primary" busy={add.busy} data-testid="contribution-add">
          Add
        </Button>
      </form>
      <QueryState
        query={list}
        isEmpty={(items) => items.length === 0}
        empty={<p className="muted small">No contributions yet.</p>}
      >
        {(items) => (
          <ul className="contribution-list">
            {[...items]
              .sort((a, b) => b.date.localeCompare(a.date))
              .map((c) => (
                <li key={c.id}>
                  <span>{dateText(c.date, locale)}</span>
                  <span className="muted">{c.note}</span>
                  <span className="amount positive">+{fmt(c.amount)}</span>
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
