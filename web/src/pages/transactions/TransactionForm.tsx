import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { FormDialog } from '../../components/FormDialog';
import type { Category } from '../../../../src/domain/entities.js';
import type { Kind, MoneyEvent } from '../../api/answers';
import { moneyEventsPath, useAccounts } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AccountOptions } from '../../components/AccountOptions';
import { AmountField } from '../../components/AmountField';
import { ReconciledChangeConfirm } from '../../components/ReconciledChangeConfirm';
import { CategoryOptions } from '../../components/CategoryOptions';
import { SelectField, TextAreaField, TextField } from '../../components/ui';
import { amountInput, today } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useDateInput } from '../../use-date-input';
import { DateField } from '../../components/DateField';
import { useReconciledSave } from '../../use-reconciled-save';
import { extraKeyOf, extraOf, suggestionsOf } from './money-event-options';
import { DeleteConfirm } from '../../components/DeleteConfirm';
import { SplitEditor } from './SplitEditor';
import { checkRows, rowsOf } from './split-parts';
import { PayeeField } from '../../components/PayeeField';
import { TagsField, tagsOf } from '../../components/TagsField';
import { useUndoToast } from '../../app/use-undo-toast';

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
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const extraKey = extraKeyOf(kind);
  const usable = categories.filter((c) => c.kind === kind && !c.deleted);
  const accounts = useAccounts().data?.items ?? [];
  const reconciled = existing?.status === 'reconciled';
  const dates = useDateInput();
  const { values, errors, setErrors, field, dateField, set, onSubmit } = useForm({
    account: existing?.accountId ?? '',
    amount: existing ? amountInput(existing.amount, currency, locale) : '',
    date: existing?.date ?? today(),
    category: existing?.categoryName ?? '',
    extra: (existing && extraOf(existing)) ?? '',
    note: existing?.note ?? '',
    payee: existing?.payee ?? '',
    tags: existing?.tags.join(', ') ?? '',
  });
  const { date, category, note } = values;
  const amount = readAmount(values.amount, currency, locale, t);
  const [splitRows, setSplitRows] = useState(() => rowsOf(existing, currency, locale));
  const split = splitRows && checkRows(splitRows, amount.ok ? amount.minor : null, currency, locale, t);
  const noun = kind === 'expense' ? 'expense' : 'income';

  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing
        ? api.patch(`${moneyEventsPath(kind)}/${existing.id}`, body)
        : api.post(moneyEventsPath(kind), body),
    success: existing ? t(`transactions.saved.${noun}`) : t(`transactions.added.${noun}`),
    onSuccess: onSaved,
    onError: (e) =>
      setErrors(
        toFieldErrors(
          e,
          ['amount', 'date', 'category', 'extra', 'note', 'account', 'splits', 'payee', 'tags'],
          {
            [extraKey]: 'extra',
          },
        ),
      ),
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, id: string) =>
      api.delUndoable(`${moneyEventsPath(kind)}/${id}${reconciled ? '?confirmReconciled=true' : ''}`),
    onSuccess: (undo) => {
      undoToast(t(`transactions.deleted.${noun}`), undo);
      onSaved();
    },
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const guard = useReconciledSave(reconciled, save);
  const busy = save.busy || remove.busy;

  const submit = onSubmit(
    () => ({
      amount: amount.ok ? undefined : amount.error,
      date: dates.problem(date, t('transactions.pickDate')),
      category: category || split ? undefined : t('schedules.pickCategory'),
      splits: split?.error,
      note: note.length > 500 ? t('transactions.noteTooLong') : undefined,
    }),
    () => {
      if (!amount.ok) return;
      const body: Record<string, unknown> = { amount: amount.value, date, category, note };
      // A split's category is its first part's; an event that was split and is no longer says so.
      if (split) delete body['category'];
      if (split || existing?.splits) body['splits'] = split ? split.body : null;
      const account = values.account || accounts[0]?.id;
      if (account) body['account'] = account;
      const extra = values.extra.trim();
      if (extra) body[extraKey] = extra;
      else if (existing) body[extraKey] = null;
      const payee = values.payee.trim();
      if (payee || existing) body['payee'] = payee || null;
      const tags = tagsOf(values.tags);
      if (tags.length > 0 || existing) body['tags'] = tags;
      guard.send(body);
    },
  );

  const title = existing ? t(`transactions.edit.${noun}`) : t(`transactions.add.${noun}`);
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={busy}
      submitLabel={existing ? t('common.save') : t('common.add')}
      data-testid="transaction-dialog"
      submitTestId="tx-save"
      extraActions={
        existing && (
          <DeleteConfirm
            question={
              reconciled
                ? t(`transactions.deleteReconciled.${noun}`)
                : t(`transactions.deleteQuestion.${noun}`)
            }
            busy={busy}
            onDelete={() => remove.run(existing.id)}
            testIds={{ ask: 'tx-delete', confirm: 'tx-confirm-delete' }}
          />
        )
      }
      after={<ReconciledChangeConfirm guard={guard} noun={noun} busy={save.busy} />}
    >
      <div className="form-row">
        <AmountField
          {...field('amount')}
          label={t('amount.amount')}
          data-testid="tx-amount"
          className="field-amount"
        />
        <DateField {...dateField('date')} label={t('transactions.date')} data-testid="tx-date" />
      </div>
      <SelectField
        {...field('account')}
        value={values.account || accounts[0]?.id || ''}
        label={t('schedules.account')}
        data-testid="tx-account"
      >
        <AccountOptions
          accounts={accounts}
          keep={existing ? [{ id: existing.accountId, name: existing.accountName }] : []}
        />
      </SelectField>
      <SelectField
        {...field('category')}
        label={t('schedules.category')}
        hint={usable.length === 0 ? t(`schedules.addCategoryFirst.${kind}`) : undefined}
        data-testid="tx-category"
        className={splitRows ? 'split-hidden' : undefined}
      >
        <option value="" disabled>
          {t('schedules.chooseCategory')}
        </option>
        {existing && !usable.some((c) => c.name === existing.categoryName) && (
          <option value={existing.categoryName}>
            {existing.categoryName} {t('charts.deleted')}
          </option>
        )}
        <CategoryOptions categories={usable} />
      </SelectField>
      <SplitEditor
        rows={splitRows}
        onChange={setSplitRows}
        categories={usable}
        firstCategory={category}
        total={amount.ok ? amount.minor : null}
        assigned={split?.assigned ?? 0}
        error={errors['splits']}
      />
      <PayeeField {...field('payee')} kind={kind} />
      <TextField
        {...field('extra')}
        label={kind === 'expense' ? t('transactions.methodOptional') : t('transactions.sourceOptional')}
        list={`${extraKey}-options`}
        data-testid="tx-extra"
      />
      <datalist id={`${extraKey}-options`}>
        {suggestionsOf(kind).map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <TextAreaField {...field('note')} label={t('schedules.noteOptional')} rows={2} data-testid="tx-note" />
      <TagsField {...field('tags')} kind={kind} onText={(tags) => set({ tags })} />
    </FormDialog>
  );
}
