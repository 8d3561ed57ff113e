import { useTranslation } from 'react-i18next';
import { useAccounts } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { useMoney } from '../../use-money';
import { DashboardCard } from './DashboardCard';

/** Each account's balance today, and the net worth. */
export function AccountsCard() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const fmt = useMoney();
  return (
    <DashboardCard
      title={t('dashboard.accounts')}
      link={{ href: '#/accounts', label: t('dashboard.allAccounts') }}
      testId="card-accounts"
    >
      <QueryState query={accounts}>
        {(data) => (
          <ul className="account-balances">
            {data.items.map((a) => (
              <li key={a.id}>
                <a href={`#/accounts/${a.id}`}>{a.name}</a>
                <span className={a.balance < 0 ? 'amount negative' : 'amount'}>{fmt(a.balance)}</span>
              </li>
            ))}
            <li className="account-total">
              <span>{t('nav.netWorth')}</span>
              <strong data-testid="dashboard-networth">{fmt(data.netWorth)}</strong>
            </li>
          </ul>
        )}
      </QueryState>
    </DashboardCard>
  );
}
