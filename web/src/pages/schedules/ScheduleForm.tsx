import { useTranslation } from 'react-i18next';
import type { Account, Category, Schedule } from '../../../../src/domain/entities.js';
import { LAST_DAY, REPEAT_UNITS, SCHEDULE_KINDS } from '../../../../src/domain/schedules.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AccountOptions } from '../../components/AccountOptions';
import { AmountField } from '../../components/AmountField';
import { CategoryOptions } from '../../components/CategoryOptions';
import { DeleteConfirm } from '../../components/DeleteConfirm';
import { FormDialog } from '../../components/FormDialog';
import { SelectField, TextField } from '../../components/ui';
import { amountInput, today } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useDateInput } from '../../use-date-input';
import { DateField } from '../../components/DateField';
import { useUndoToast } from '../../app/use-undo-toast';

/** The fields the API may name in an error, as this form calls them. */
const FIELDS = [
  ...['kind', 'amount', 'category', 'account', 'to', 'note', 'every', 'unit'],
  ...['startDate', 'dayOfMonth', 'endDate', 'count', 'autoPost'],
];
/** A count of at least one, with the phone's number pad. */
const WHOLE = { type: 'number', min: 1, inputMode: 'numeric' } as const;
const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

type Ends = 'never' | 'on' | 'after';

function endsOf(s?: Schedule): Ends {
  return s?.endDate ? 'on' : s?.count ? 'after' : 'never';
}

/** Add a schedule, or change one from now on or delete it, in a dialog. */
export function ScheduleForm({
  existing,
  accounts,
  categories,
  onClose,
}: {
  existing?: Schedule;
  accounts: Account[];
  categories: Category[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const dates = useDateInput();
  const { values, errors, setErrors, field, dateField, onSubmit } = useForm({
    kind: existing?.kind ?? 'expense',
    amount: existing ? amountInput(existing.amount, currency, locale) : '',
    category: categories.find((c) => c.id === existing?.categoryId)?.name ?? '',
    account: existing?.accountId ?? accounts[0]?.id ?? '',
    to: existing?.toAccountId ?? '',
    note: existing?.note ?? '',
    every: String(existing?.every ?? 1),
    unit: existing?.unit ?? 'month',
    dayOfMonth: String(existing?.dayOfMonth ?? ''),
    startDate: existing?.startDate ?? today(),
    ends: endsOf(existing) as string,
    endDate: existing?.endDate ?? '',
    count: String(existing?.count ?? ''),
    autoPost: existing?.autoPost === false ? 'no' : 'yes',
  });
  const transfer = values.kind === 'transfer';
  const byMonth = values.unit === 'month' || values.unit === 'year';
  const usable = categories.filter((c) => c.kind === values.kind && !c.deleted);
  const amount = readAmount(values.amount, currency, locale, t);
  const kind = values.kind as Schedule['kind'];

  const save = useApiMutation({
    mutationFn: (api, body: Record<string, unknown>) =>
      existing ? api.patch(`/api/schedules/${existing.id}`, body) : api.post('/api/schedules', body),
    success: existing ? t('schedules.saved') : t(`schedules.scheduled.${kind}`),
    onSuccess: onClose,
    onError: (e) => setErrors(toFieldErrors(e, FIELDS, { categoryId: 'category' })),
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api, id: string) => api.delUndoable(`/api/schedules/${id}`),
    onSuccess: (undo) => {
      undoToast(t('schedules.deleted'), undo);
      onClose();
    },
    onError: (e) => setErrors(toFieldErrors(e, [])),
  });
  const busy = save.busy || remove.busy;

  const whole = (text: string) => /^\d+$/.test(text.trim());
  const submit = onSubmit(
    () => ({
      amount: amount.ok ? undefined : amount.error,
      category: transfer || values.category ? undefined : t('schedules.pickCategory'),
      to: !transfer || values.to ? undefined : t('schedules.pickTo'),
      every: whole(values.every) && Number(values.every) > 0 ? undefined : t('schedules.wholeNumber'),
      startDate: dates.problem(values.startDate, t('schedules.pickStart')),
      endDate: values.ends === 'on' ? dates.problem(values.endDate, t('schedules.pickEnd')) : undefined,
      count: values.ends !== 'after' || whole(values.count) ? undefined : t('schedules.howManyTimes'),
    }),
    () => {
      if (!amount.ok) return;
      const body: Record<string, unknown> = {
        amount: amount.value,
        account: values.account,
        note: values.note.trim(),
        every: Number(values.every),
        unit: values.unit,
        startDate: values.startDate,
        dayOfMonth: byMonth && values.dayOfMonth ? Number(values.dayOfMonth) : null,
        endDate: values.ends === 'on' ? values.endDate : null,
        count: values.ends === 'after' ? Number(values.count) : null,
        autoPost: values.autoPost === 'yes',
      };
      if (transfer) body['to'] = values.to;
      else body['categoryId'] = categories.find((c) => c.name === values.category)?.id;
      if (!existing) return save.run({ kind: values.kind, ...body });
      // An edit sends only what changed: a changed start date restarts the schedule from it.
      const was: Record<string, unknown> = {
        ...existing,
        account: existing.accountId,
        to: existing.toAccountId,
        amount: amountInput(existing.amount, currency, locale),
      };
      save.run(Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== was[k])));
    },
  );

  return (
    <FormDialog
      title={existing ? t('schedules.edit') : t('schedules.add')}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={busy}
      submitLabel={existing ? t('common.save') : t('common.add')}
      data-testid="schedule-dialog"
      submitTestId="schedule-save"
      extraActions={
        existing && (
          <DeleteConfirm
            question={t('schedules.deleteQuestion')}
            busy={busy}
            onDelete={() => remove.run(existing.id)}
            testIds={{ ask: 'schedule-delete', confirm: 'schedule-confirm-delete' }}
          />
        )
      }
    >
      <div className="form-row">
        <SelectField
          {...field('kind')}
          label={t('schedules.kind')}
          disabled={existing !== undefined}
          hint={existing ? t('schedules.keepsKind') : undefined}
          data-testid="schedule-kind"
        >
          {SCHEDULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`schedules.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <AmountField {...field('amount')} label={t('amount.amount')} data-testid="schedule-amount" />
      </div>
      <div className="form-row">
        <SelectField
          {...field('account')}
          label={transfer ? t('schedules.fromAccount') : t('schedules.account')}
        >
          <AccountOptions accounts={accounts} />
        </SelectField>
        {transfer ? (
          <SelectField {...field('to')} label={t('schedules.toAccount')} data-testid="schedule-to">
            <option value="" disabled>
              {t('schedules.chooseAccount')}
            </option>
            <AccountOptions accounts={accounts.filter((a) => a.id !== values.account)} />
          </SelectField>
        ) : (
          <SelectField
            {...field('category')}
            label={t('schedules.category')}
            hint={usable.length === 0 ? t(`schedules.addCategoryFirst.${kind}`) : undefined}
            data-testid="schedule-category"
          >
            <option value="" disabled>
              {t('schedules.chooseCategory')}
            </option>
            <CategoryOptions categories={usable} />
          </SelectField>
        )}
      </div>
      <TextField {...field('note')} label={t('schedules.noteOptional')} data-testid="schedule-note" />
      <div className="form-row">
        <TextField
          {...field('every')}
          label={t('schedules.everyLabel')}
          {...WHOLE}
          data-testid="schedule-every"
        />
        <SelectField {...field('unit')} label={t('schedules.repeatsBy')} data-testid="schedule-unit">
          {REPEAT_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`schedules.units.${u}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-row">
        <DateField {...dateField('startDate')} label={t('schedules.starts')} data-testid="schedule-start" />
        {byMonth && (
          <SelectField {...field('dayOfMonth')} label={t('schedules.dayOfMonth')} data-testid="schedule-day">
            <option value="">{t('schedules.startDay')}</option>
            {DAYS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
            <option value={String(LAST_DAY)}>{t('schedules.lastDay')}</option>
          </SelectField>
        )}
      </div>
      <div className="form-row">
        <SelectField {...field('ends')} label={t('schedules.ends')} data-testid="schedule-ends">
          <option value="never">{t('schedules.never')}</option>
          <option value="on">{t('schedules.onDate')}</option>
          <option value="after">{t('schedules.afterTimes')}</option>
        </SelectField>
        {values.ends === 'on' && (
          <DateField {...dateField('endDate')} label={t('schedules.endDate')} data-testid="schedule-end" />
        )}
        {values.ends === 'after' && (
          <TextField
            {...field('count')}
            label={t('schedules.times')}
            {...WHOLE}
            data-testid="schedule-count"
          />
        )}
      </div>
      <SelectField {...field('autoPost')} label={t('schedules.posting')} data-testid="schedule-auto">
        <option value="yes">{t('schedules.automatic')}</option>
        <option value="no">{t('schedules.manual')}</option>
      </SelectField>
    </FormDialog>
  );
}
