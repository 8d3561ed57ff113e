import { useIsFetching } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../api/queries';
import { useMoney } from '../use-money';

/** The sidebar's accounts: each with its balance, then the net worth; a click opens the account's register. */
export function AccountsNav({ route }: { route: string }) {
  const { t } = useTranslation();
  // The dashboard's one request brings the accounts too: while it is under way, asking as well would be twice.
  const dashboardLoading = useIsFetching({ queryKey: ['dashboard'] }) > 0;
  const accounts = useAccounts(false, { enabled: !dashboardLoading });
  const fmt = useMoney();
  const data = accounts.data;
  if (!data) return null;
  return (
    <nav className="side-accounts" aria-label={t('nav.accounts')} data-testid="nav-accounts-list">
      <a href="#/accounts" className="side-accounts-title">
        {t('nav.accounts')}
      </a>
      <ul>
        {data.items.map((a) => {
          const current = route === `/accounts/${a.id}`;
          return (
            <li key={a.id}>
              <a
                href={`#/accounts/${a.id}`}
                className={current ? 'side-account active' : 'side-account'}
                aria-current={current ? 'page' : undefined}
                data-testid="nav-account"
              >
                <span className="side-account-name">{a.name}</span>
                <span className={a.balance < 0 ? 'side-account-balance negative' : 'side-account-balance'}>
                  {fmt(a.balance)}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
      <p className="side-networth">
        <span>{t('nav.netWorth')}</span>
        <strong data-testid="nav-networth">{fmt(data.netWorth)}</strong>
      </p>
    </nav>
  );
}
