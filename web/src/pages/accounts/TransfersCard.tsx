import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Account, Transfer } from '../../../../src/domain/entities.js';
import { useTransfers } from '../../api/queries';
import { useApp } from '../../context';
import { DataTable, numeric } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { QueryState } from '../../components/QueryState';
import { Card, EmptyState } from '../../components/ui';
import { dateText } from '../../format';
import { useMoney } from '../../use-money';
import { TransferForm } from './TransferForm';

const RECENT = 10;

/** The latest transfers, newest first; a click on one (or its Edit button) changes or deletes it. */
export function TransfersCard({ accounts }: { accounts: readonly Account[] }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const transfers = useTransfers({ limit: RECENT, offset: 0 });
  const [editing, setEditing] = useState<Transfer | null>(null);
  return (
    <Card title={t('transfers.recent')} className="card-flush" data-testid="card-transfers">
      <QueryState
        query={transfers}
        errorClassName="card-pad"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState icon="restore" title={t('transfers.none')} />}
      >
        {(page) => (
          <DataTable
            columns={[
              t('schedules.kinds.transfer'),
              numeric(t('amount.amount')),
              {
                label: <span className="sr-only">{t('transactions.actions')}</span>,
                className: 'col-actions',
              },
            ]}
            className="transfers-table"
            testId="transfers-table"
          >
            {page.items.map((tr) => (
              <tr
                key={tr.id}
                data-testid="transfer-row"
                className="is-editable"
                // The Edit button does its own thing; a click anywhere else on the row edits it too.
                onClick={(e) => !(e.target as Element).closest('button') && setEditing(tr)}
              >
                <td>
                  {tr.fromAccountName} → {tr.toAccountName}
                  <span className="muted small transfer-when">
                    {dateText(tr.date, locale)}
                    {tr.note && ` · ${tr.note}`}
                  </span>
                </td>
                <td className="num amount">{fmt(tr.amount)}</td>
                <td className="col-actions">
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={t('transfers.editLabel', {
                      from: tr.fromAccountName,
                      to: tr.toAccountName,
                      date: dateText(tr.date, locale),
                    })}
                    onClick={() => setEditing(tr)}
                    data-testid="transfer-edit"
                  >
                    <Icon name="edit" size={16} />
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {editing && <TransferForm accounts={accounts} existing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
