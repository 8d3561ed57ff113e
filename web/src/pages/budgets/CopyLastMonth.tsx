import type { Budget } from '../../../../src/domain/entities.js';
import { useBudgets } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { Button } from '../../components/ui';
import { addMonths, monthText } from '../../format';

/** For a month without budgets: last month's, in one press, when last month had some. */
export function CopyLastMonth({ month }: { month: string }) {
  const { locale } = useApp();
  const previous = addMonths(month, -1);
  const last = useBudgets(previous);
  const copy = useApiMutation({
    mutationFn: (api) => api.post<{ items: Budget[] }>('/api/budgets/copy', { from: previous, to: month }),
    success: ({ items }) => `Copied ${items.length} budget${items.length === 1 ? '' : 's'}`,
  });
  const count = last.data?.length ?? 0;
  if (count === 0) return <p className="muted">Set one with the form.</p>;
  return (
    <>
      <p>
        {monthText(previous, locale)} had {count} budget{count === 1 ? '' : 's'}: start from them, or set one
        with the form.
      </p>
      <Button icon="restore" onClick={() => copy.run()} busy={copy.busy} data-testid="budget-copy">
        Use last month&apos;s budgets
      </Button>
    </>
  );
}
