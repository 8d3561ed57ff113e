import { useTranslation } from 'react-i18next';
import type { Budget } from '../../../../src/domain/entities.js';
import { useBudgets } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { Button } from '../../components/ui';
import { addMonths, monthText } from '../../format';

/** For a month without budgets: last month's, in one press, when last month had some. */
export function CopyLastMonth({ month }: { month: string }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const previous = addMonths(month, -1);
  const last = useBudgets(previous);
  const copy = useApiMutation({
    mutationFn: (api) => api.post<{ items: Budget[] }>('/api/budgets/copy', { from: previous, to: month }),
    success: ({ items }) => t('budgets.copied', { count: items.length }),
  });
  const count = last.data?.length ?? 0;
  if (count === 0) return <p className="muted">{t('budgets.setOne')}</p>;
  return (
    <>
      <p>{t('budgets.lastMonthHad', { count, month: monthText(previous, locale) })}</p>
      <Button icon="restore" onClick={() => copy.run()} busy={copy.busy} data-testid="budget-copy">
        {t('budgets.useLastMonth')}
      </Button>
    </>
  );
}
