import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Account } from '../../../../src/domain/entities.js';
import { useAccounts } from '../../api/queries';
import { DataTable, numeric } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { PageFrame } from '../../components/PageFrame';
import { QueryState } from '../../components/QueryState';
import { Badge, Button, Card } from '../../components/ui';
import { useMoney } from '../../use-money';
import { AccountForm } from './AccountForm';
import { NetWorthCard } from './NetWorthCard';
import { TransferForm } from './TransferForm';
import { TransfersCard } from './TransfersCard';

/** Every account with its balance, the net worth and its trend; add, change, archive; move money and change it. */
export function AccountsPage() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const accounts = useAccounts(showArchived);
  const fmt = useMoney();
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [moving, setMoving] = useState(false);
  const usable = (accounts.data?.items ?? []).filter((a) => !a.archived);

  return (
    <PageFrame
      testId="page-accounts"
      title={t('nav.accounts')}
      subtitle={
        accounts.data ? (
          <>
            {t('nav.netWorth')} <strong data-testid="accounts-networth">{fmt(accounts.data.netWorth)}</strong>
          </>
        ) : (
          ' '
        )
      }
      actions={
        <>
          <Button
            icon="restore"
            onClick={() => setMoving(true)}
            disabled={usable.length < 2}
            data-testid="add-transfer"
          >
            {t('accounts.transfer')}
          </Button>
          <Button variant="primary" icon="plus" onClick={() => setEditing('new')} data-testid="add-account">
            {t('accounts.new')}
          </Button>
        </>
      }
    >
      <Card className="card-flush">
        <QueryState query={accounts} errorClassName="card-pad">
          {(data) => (
            <DataTable
              columns={[
                t('schedules.account'),
                { label: t('schedules.kind'), className: 'col-kind' },
                numeric(t('accounts.balance')),
                numeric(t('accounts.cleared')),
              ]}
              className="accounts-table"
              testId="accounts-table"
            >
              {data.items.map((a) => (
                <tr key={a.id} data-testid="account-row">
                  <td>
                    <a href={`#/accounts/${a.id}`} className="account-link">
                      {a.name}
                    </a>{' '}
                    {a.archived && <Badge>{t('accounts.archivedBadge')}</Badge>}
                    <button
                      type="button"
                      className="icon-btn"
                      aria-label={t('schedules.editName', { name: a.name })}
                      onClick={() => setEditing(a)}
                      data-testid="account-edit"
                    >
                      <Icon name="edit" size={16} />
                    </button>
                  </td>
                  <td className="col-kind">{t(`accounts.kinds.${a.kind}`)}</td>
                  <td
                    className={a.balance < 0 ? 'num amount negative' : 'num amount'}
                    data-testid="account-balance"
                  >
                    {fmt(a.balance)}
                  </td>
                  <td className="num muted">{fmt(a.clearedBalance)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
        <label className="checkbox card-pad">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
            data-testid="show-archived"
          />
          {t('accounts.showArchived')}
        </label>
      </Card>
      <TransfersCard accounts={usable} />
      <NetWorthCard />
      {editing && (
        <AccountForm existing={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
      {moving && <TransferForm accounts={usable} onClose={() => setMoving(false)} />}
    </PageFrame>
  );
}
