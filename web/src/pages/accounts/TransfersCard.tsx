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
  const { locale } = useApp();
  const fmt = useMoney();
  const transfers = useTransfers({ limit: RECENT, offset: 0 });
  const [editing, setEditing] = useState<Transfer | null>(null);
  return (
    <Card title="Recent transfers" className="card-flush" data-testid="card-transfers">
      <QueryState
        query={transfers}
        errorClassName="card-pad"
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState icon="restore" title="No transfers yet" />}
      >
        {(page) => (
          <DataTable
            columns={[
              'Transfer',
              numeric('Amount'),
              { label: <span className="sr-only">Actions</span>, className: 'col-actions' },
            ]}
            className="transfers-table"
            testId="transfers-table"
          >
            {page.items.map((t) => (
              <tr
                key={t.id}
                data-testid="transfer-row"
                className="is-editable"
                // The Edit button does its own thing; a click anywhere else on the row edits it too.
                onClick={(e) => !(e.target as Element).closest('button') && setEditing(t)}
              >
                <td>
                  {t.fromAccountName} → {t.toAccountName}
                  <span className="muted small transfer-when">
                    {dateText(t.date, locale)}
                    {t.note && ` · ${t.note}`}
                  </span>
                </td>
                <td className="num amount">{fmt(t.amount)}</td>
                <td className="col-actions">
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Edit the transfer from ${t.fromAccountName} to ${t.toAccountName} of ${dateText(t.date, locale)}`}
                    onClick={() => setEditing(t)}
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
