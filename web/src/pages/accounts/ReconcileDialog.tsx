import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/FormDialog';
import type { Account } from '../../../../src/domain/entities.js';
import type { ReconcileAnswer } from '../../api/answers';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { Alert } from '../../components/ui';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import { useMoney } from '../../use-money';

/**
 * Reconcile an account with a bank statement: type the statement's balance, see how far the cleared rows are
 * from it, and confirm once the difference is zero (every cleared row becomes reconciled).
 */
export function ReconcileDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const { values, errors, setErrors, field, onSubmit } = useForm({ balance: '' });
  const typed = values.balance.trim()
    ? readAmount(values.balance, currency, locale, t, t('accounts.balance'), true)
    : null;
  const difference = typed?.ok ? typed.minor - account.clearedBalance : null;
  const save = useApiMutation({
    mutationFn: (api, balance: string) =>
      api.post<ReconcileAnswer>(`/api/accounts/${account.id}/reconcile`, { balance }),
    success: (r) =>
      r.reconcile.difference === 0 ? t('accounts.reconciledRows', { count: r.reconcile.reconciled }) : null,
    onSuccess: (r) =>
      r.reconcile.difference === 0 ? onClose() : setErrors({ _form: t('accounts.balancesDiffer') }),
    onError: (e) => setErrors(toFieldErrors(e, ['balance'])),
  });
  const submit = onSubmit(
    () => ({
      balance: !typed ? t('accounts.typeBalance') : typed.ok ? undefined : typed.error,
    }),
    () => typed?.ok && difference === 0 && save.run(typed.value),
  );
  return (
    <FormDialog
      title={t('accounts.reconcileName', { name: account.name })}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={save.busy}
      submitLabel={t('accounts.reconcile')}
      submitDisabled={difference !== 0}
      data-testid="reconcile-dialog"
      submitTestId="reconcile-confirm"
    >
      <p className="muted">
        {t('accounts.clearedBalance')}{' '}
        <strong data-testid="reconcile-cleared">{fmt(account.clearedBalance)}</strong>
      </p>
      <AmountField
        {...field('balance')}
        label={t('accounts.statementBalance')}
        data-testid="reconcile-balance"
      />
      {difference !== null && (
        <div aria-live="polite" data-testid="reconcile-difference">
          {difference === 0 ? (
            <Alert tone="success" title={t('accounts.agree')}>
              {t('accounts.agreeHint')}
            </Alert>
          ) : (
            <Alert tone="warning" title={t('accounts.difference', { amount: fmt(difference) })}>
              {t('accounts.differenceHint')}
            </Alert>
          )}
        </div>
      )}
    </FormDialog>
  );
}
