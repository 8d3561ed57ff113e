import { useTranslation } from 'react-i18next';
import type { SavingsGoal } from '../../../../src/domain/entities.js';
import { useContributions } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { QueryState } from '../../components/QueryState';
import { Form } from '../../components/Form';
import { Button, TextField } from '../../components/ui';
import { dateText, today } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useDateInput } from '../../use-date-input';
import { DateField } from '../../components/DateField';
import { useMoney } from '../../use-money';

/** A goal's contributions, newest first, and a form to add one. */
export function Contributions({ goal }: { goal: SavingsGoal }) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const list = useContributions(goal.id);
  const dates = useDateInput();
  const { values, errors, setErrors, set, field, dateField, onSubmit } = useForm({
    amount: '',
    date: today(),
    note: '',
  });
  const amount = readAmount(values.amount, currency, locale, t);
  const add = useApiMutation({
    mutationFn: (api, body: { amount: string; date: string; note: string }) =>
      api.post(`/api/goals/${goal.id}/contributions`, body),
    success: t('goals.contributionAdded', { name: goal.name }),
    onSuccess: () => set({ amount: '', note: '' }),
    onError: (e) => setErrors(toFieldErrors(e, ['amount', 'date', 'note'])),
  });

  const submit = onSubmit(
    () => ({
      amount: amount.ok ? undefined : amount.error,
      date: dates.problem(values.date, t('transactions.pickDate')),
    }),
    () => amount.ok && add.run({ amount: amount.value, date: values.date, note: values.note }),
  );

  return (
    <div className="contributions">
      <Form className="contribution-form" onSubmit={submit} errors={errors} data-testid="contribution-form">
        <AmountField {...field('amount')} label={t('amount.amount')} data-testid="contribution-amount" />
        <DateField {...dateField('date')} label={t('transactions.date')} data-testid="contribution-date" />
        <TextField {...field('note')} label={t('schedules.noteOptional')} className="contribution-note" />
        <Button type="submit" variant="primary" busy={add.busy} data-testid="contribution-add">
          {t('common.add')}
        </Button>
      </Form>
      <QueryState
        query={list}
        isEmpty={(items) => items.length === 0}
        empty={<p className="muted small">{t('goals.noContributions')}</p>}
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
