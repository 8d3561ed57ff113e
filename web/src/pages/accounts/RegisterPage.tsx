import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { RowStatus } from '../../../../src/domain/accounts.js';
import type { RegisterEntry } from '../../../../src/domain/entities.js';
import { useAccounts, useRegister } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, numeric } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { PageFrame } from '../../components/PageFrame';
import { QueryState } from '../../components/QueryState';
import { Button, Card, EmptyState } from '../../components/ui';
import { dateText } from '../../format';
import { useMoney } from '../../use-money';
import { ReconcileDialog } from './ReconcileDialog';
import { RegisterRowEditor, type EditableRow } from './RegisterRowEditor';
import { TransferForm } from './TransferForm';

const PAGE = 50;

// All but the opening balance, which the account's own form edits.
const editable = (row: RegisterEntry): row is EditableRow => row.kind !== 'opening';

/**
 * One account's rows with the running balance; clear rows as the bank shows them, then reconcile. A click on a
 * row (or its Edit button) opens the row's own form.
 */
export function RegisterPage({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const [offset, setOffset] = useState(0);
  const register = useRegister(accountId, { limit: PAGE, offset });
  const accounts = useAccounts();
  const [reconciling, setReconciling] = useState(false);
  const [moving, setMoving] = useState(false);
  const [reopening, setReopening] = useState<RegisterEntry | null>(null);
  const [editing, setEditing] = useState<EditableRow | null>(null);
  const usable = (accounts.data?.items ?? []).filter((a) => !a.archived);
  const account = register.data?.account;
  const mark = useApiMutation({
    mutationFn: (api, vars: { row: RegisterEntry; status: RowStatus }) =>
      api.put(`/api/accounts/${accountId}/status`, {
        kind: vars.row.kind,
        rowId: vars.row.id,
        status: vars.status,
      }),
    onSuccess: () => setReopening(null),
  });
  const toggle = (row: RegisterEntry) =>
    row.status === 'reconciled'
      ? setReopening(row)
      : mark.run({ row, status: row.status === 'cleared' ? 'uncleared' : 'cleared' });

  return (
    <PageFrame
      testId="page-register"
      title={account?.name ?? t('schedules.account')}
      subtitle={
        account ? (
          <>
            {t('accounts.balance')} <strong data-testid="register-balance">{fmt(account.balance)}</strong> ·{' '}
            {t('accounts.clearedLower')}{' '}
            <strong data-testid="register-cleared">{fmt(account.clearedBalance)}</strong>
          </>
        ) : (
          ' '
        )
      }
      actions={
        account &&
        !account.deleted && (
          <>
            <Button
              icon="restore"
              onClick={() => setMoving(true)}
              disabled={account.archived}
              data-testid="register-transfer"
            >
              {t('accounts.transfer')}
            </Button>
            <Button
              variant="primary"
              icon="check"
              onClick={() => setReconciling(true)}
              data-testid="reconcile"
            >
              {t('accounts.reconcile')}
            </Button>
          </>
        )
      }
    >
      <p>
        <a href="#/accounts">{t('dashboard.allAccounts')}</a>
      </p>
      <Card className="card-flush">
        <QueryState
          query={register}
          errorClassName="card-pad"
          isEmpty={(page) => page.items.length === 0}
          empty={<EmptyState icon="wallet" title={t('accounts.noRows')} />}
        >
          {(page) => (
            <DataTable
              columns={[
                t('transactions.date'),
                t('schedules.note'),
                numeric(t('amount.amount')),
                numeric(t('accounts.balance')),
                { label: t('accounts.status'), className: 'col-status' },
              ]}
              className="register-table"
              testId="register-table"
            >
              {page.items.map((row) => (
                <tr
                  key={`${row.kind}-${row.id}`}
                  data-testid="register-row"
                  className={editable(row) ? 'is-editable' : undefined}
                  // The row's buttons do their own thing; a click anywhere else edits the row.
                  onClick={(e) =>
                    editable(row) && !(e.target as Element).closest('button, a') && setEditing(row)
                  }
                >
                  <td className="col-date">{row.kind === 'opening' ? '' : dateText(row.date, locale)}</td>
                  <td className="col-desc">
                    {row.note || row.counterpart}
                    {row.note && row.counterpart && <span className="muted small"> · {row.counterpart}</span>}
                    {row.kind === 'transfer' && (
                      <span className="muted small"> {t('accounts.transferMark')}</span>
                    )}
                    {editable(row) && (
                      <button
                        type="button"
                        className="icon-btn"
                        aria-label={t('transactions.editRow', {
                          name: row.note || row.counterpart,
                          date: dateText(row.date, locale),
                        })}
                        onClick={() => setEditing(row)}
                        data-testid="register-edit"
                      >
                        <Icon name="edit" size={16} />
                      </button>
                    )}
                  </td>
                  <td className={row.amount < 0 ? 'num amount negative' : 'num amount positive'}>
                    {fmt(row.amount)}
                  </td>
                  <td className="num" data-testid="register-row-balance">
                    {fmt(row.balance)}
                  </td>
                  <td className="col-status">
                    {row.kind !== 'opening' && (
                      <button
                        type="button"
                        className={`status-btn status-${row.status}`}
                        aria-pressed={row.status !== 'uncleared'}
                        aria-label={t('accounts.statusLabel', {
                          status: t(`accounts.statuses.${row.status}`),
                          name: row.note || row.counterpart,
                          amount: fmt(row.amount),
                        })}
                        title={
                          row.status === 'reconciled' ? t('accounts.reopenTitle') : t('accounts.toggleTitle')
                        }
                        disabled={mark.busy}
                        onClick={() => toggle(row)}
                        data-testid="register-status"
                      >
                        {row.status === 'uncleared' ? (
                          <span className="status-circle" aria-hidden="true" />
                        ) : (
                          <Icon name="check" size={14} />
                        )}
                        <span className="status-text">{t(`accounts.statuses.${row.status}`)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
        {register.data && register.data.total > PAGE && (
          <div className="pager">
            <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('accounts.newer')}
            </Button>
            <Button disabled={offset + PAGE >= register.data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('accounts.older')}
            </Button>
          </div>
        )}
      </Card>
      {reconciling && account && <ReconcileDialog account={account} onClose={() => setReconciling(false)} />}
      {moving && <TransferForm accounts={usable} from={accountId} onClose={() => setMoving(false)} />}
      {editing && <RegisterRowEditor row={editing} accounts={usable} onClose={() => setEditing(null)} />}
      {reopening && (
        <ConfirmDialog
          title={t('accounts.reopenQuestion')}
          confirm={t('accounts.markCleared')}
          busy={mark.busy}
          onConfirm={() => mark.run({ row: reopening, status: 'cleared' })}
          onClose={() => setReopening(null)}
        >
          {t('accounts.reopenExplain')}
        </ConfirmDialog>
      )}
    </PageFrame>
  );
}
