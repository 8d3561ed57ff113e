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
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const { values, errors, setErrors, field, onSubmit } = useForm({ balance: '' });
  const typed = values.balance.trim() ? readAmount(values.balance, currency, locale, 'Balance', true) : null;
  const difference = typed?.ok ? typed.minor - account.clearedBalance : null;
  const save = useApiMutation({
    mutationFn: (api, balance: string) =>
      api.post<ReconcileAnswer>(`/api/accounts/${account.id}/reconcile`, { balance }),
    success: (r) =>
      r.reconcile.difference === 0
        ? `Reconciled ${r.reconcile.reconciled} row${r.reconcile.reconciled === 1 ? '' : 's'}`
        : null,
    onSuccess: (r) =>
      r.reconcile.difference === 0 ? onClose() : setErrors({ _form: 'The balances differ' }),
    onError: (e) => setErrors(toFieldErrors(e, ['balance'])),
  });
  const submit = onSubmit(
    () => ({ balance: !typed ? 'Type the balance on the statement' : typed.ok ? undefined : typed.error }),
    () => typed?.ok && difference === 0 && save.run(typed.value),
  );
  return (
    <FormDialog
      title={`Reconcile ${account.name}`}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={save.busy}
      submitLabel="Reconcile"
      submitDisabled={difference !== 0}
      data-testid="reconcile-dialog"
      submitTestId="reconcile-confirm"
    >
      <p className="muted">
        Cleared balance in pfm: <strong data-testid="reconcile-cleared">{fmt(account.clearedBalance)}</strong>
      </p>
      <AmountField {...field('balance')} label="Statement balance" data-testid="reconcile-balance" />
      {difference !== null && (
        <div aria-live="polite" data-testid="reconcile-difference">
          {difference === 0 ? (
            <Alert tone="success" title="The balances agree">
              Confirm to mark every cleared row reconciled.
            </Alert>
          ) : (
            <Alert tone="warning" title={`Difference ${fmt(difference)}`}>
              Clear the rows the statement shows, or look for one missing in pfm.
            </Alert>
          )}
        </div>
      )}
    </FormDialog>
  );
}
