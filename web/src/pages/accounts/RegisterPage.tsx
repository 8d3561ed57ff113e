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
const STATUS_TEXT: Record<RowStatus, string> = {
  uncleared: 'Not cleared',
  cleared: 'Cleared',
  reconciled: 'Reconciled',
};

// All but the opening balance, which the account's own form edits.
const editable = (row: RegisterEntry): row is EditableRow => row.kind !== 'opening';

/**
 * One account's rows with the running balance; clear rows as the bank shows them, then reconcile. A click on a
 * row (or its Edit button) opens the row's own form.
 */
export function RegisterPage({ accountId }: { accountId: string }) {
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
      title={account?.name ?? 'Account'}
      subtitle={
        account ? (
          <>
            Balance <strong data-testid="register-balance">{fmt(account.balance)}</strong> · cleared{' '}
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
              Transfer
            </Button>
            <Button
              variant="primary"
              icon="check"
              onClick={() => setReconciling(true)}
              data-testid="reconcile"
            >
              Reconcile
            </Button>
          </>
        )
      }
    >
      <p>
        <a href="#/accounts">All accounts</a>
      </p>
      <Card className="card-flush">
        <QueryState
          query={register}
          errorClassName="card-pad"
          isEmpty={(page) => page.items.length === 0}
          empty={<EmptyState icon="wallet" title="No rows in this account yet" />}
        >
          {(page) => (
            <DataTable
              columns={[
                'Date',
                'Description',
                numeric('Amount'),
                numeric('Balance'),
                { label: 'Status', className: 'col-status' },
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
                    {row.kind === 'transfer' && <span className="muted small"> (transfer)</span>}
                    {editable(row) && (
                      <button
                        type="button"
                        className="icon-btn"
                        aria-label={`Edit ${row.note || row.counterpart} of ${dateText(row.date, locale)}`}
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
                        aria-label={`${STATUS_TEXT[row.status]}: ${row.note || row.counterpart}, ${fmt(row.amount)}`}
                        title={
                          row.status === 'reconciled'
                            ? 'Reconciled: click to reopen'
                            : 'Click to toggle cleared'
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
                        <span className="status-text">{STATUS_TEXT[row.status]}</span>
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
              Newer
            </Button>
            <Button disabled={offset + PAGE >= register.data.total} onClick={() => setOffset(offset + PAGE)}>
              Older
            </Button>
          </div>
        )}
      </Card>
      {reconciling && account && <ReconcileDialog account={account} onClose={() => setReconciling(false)} />}
      {moving && <TransferForm accounts={usable} from={accountId} onClose={() => setMoving(false)} />}
      {editing && <RegisterRowEditor row={editing} accounts={usable} onClose={() => setEditing(null)} />}
      {reopening && (
        <ConfirmDialog
          title="Reopen a reconciled row?"
          confirm="Mark it cleared"
          busy={mark.busy}
          onConfirm={() => mark.run({ row: reopening, status: 'cleared' })}
          onClose={() => setReopening(null)}
        >
          A bank statement already agreed on this row. Reopening it changes what the next reconcile compares.
        </ConfirmDialog>
      )}
    </PageFrame>
  );
}
