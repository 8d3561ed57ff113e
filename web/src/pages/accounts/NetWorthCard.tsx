import { useTranslation } from 'react-i18next';
import type { NetWorthReport } from '../../../../src/domain/accounts.js';
import { useReport } from '../../api/queries';
import { useApp } from '../../context';
import { NetWorthChart } from '../../components/NetWorthChart';
import { QueryState } from '../../components/QueryState';
import { Card } from '../../components/ui';
import { addMonths, monthText, moneyCompact, thisMonth } from '../../format';
import { useMoney } from '../../use-money';

/** Net worth at the end of each of the last 12 months. */
export function NetWorthCard() {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const to = thisMonth();
  const report = useReport<NetWorthReport>('networth', { from: addMonths(to, -11), to });
  return (
    <Card title={t('accounts.netWorth12')} data-testid="card-networth">
      <QueryState query={report}>
        {(r) => (
          <NetWorthChart
            data={r.months.map((m) => ({
              key: m.month,
              label: monthText(m.month, locale, 'tiny'),
              longLabel: monthText(m.month, locale),
              total: m.total,
            }))}
            format={fmt}
            formatAxis={(n) => moneyCompact(n, currency, locale)}
          />
        )}
      </QueryState>
    </Card>
  );
}
