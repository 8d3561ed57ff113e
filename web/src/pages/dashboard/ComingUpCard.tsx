import { useAccounts, useCategories, useSchedules, useUpcoming } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { Button, EmptyState } from '../../components/ui';
import { dateText, today } from '../../format';
import { useMoney } from '../../use-money';
import { amountClass, KIND_LABELS, scheduleName } from '../schedules/schedule-text';
import { DashboardCard } from './DashboardCard';

const DAYS = 30;

/** The schedules' occurrences over the next 30 days; those posted by hand can be posted once due. */
export function ComingUpCard() {
  const { locale } = useApp();
  const fmt = useMoney();
  const now = today();
  const upcoming = useUpcoming(DAYS);
  const schedules = useSchedules().data ?? [];
  const categories = useCategories(true).data ?? [];
  const accounts = useAccounts(true).data?.items ?? [];
  // The API posts everything due by a day at once, by hand or not: there is no posting one occurrence alone.
  const post = useApiMutation({
    mutationFn: (api) => api.post('/api/schedules/post', { asOf: now }),
    success: 'Posted what is due',
  });
  return (
    <DashboardCard
      title="Coming up"
      link={{ href: '#/schedules', label: 'Schedules' }}
      testId="card-coming-up"
    >
      <QueryState
        query={upcoming}
        isEmpty={(items) => items.length === 0}
        empty={
          <EmptyState icon="restore" title="Nothing scheduled">
            <a href="#/schedules">Schedule a transaction</a> that repeats, and it shows up here.
          </EmptyState>
        }
      >
        {(items) => (
          <ul className="recent-list">
            {items.map((o) => {
              const s = schedules.find((x) => x.id === o.scheduleId);
              const name = s ? scheduleName(s, categories, accounts) : o.note || KIND_LABELS[o.kind];
              return (
                <li key={o.rowId} data-testid="coming-up-row">
                  <span className="recent-icon" aria-hidden="true">
                    {name.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="recent-main">
                    <span className="recent-title">{name}</span>
                    <span className="recent-sub">
                      {dateText(o.date, locale)} · {KIND_LABELS[o.kind]}
                      {o.posted ? ' · posted' : o.autoPost ? '' : ' · by hand'}
                    </span>
                  </span>
                  {!o.posted && !o.autoPost && o.date <= now && (
                    <Button busy={post.busy} onClick={() => post.run()} data-testid="coming-up-post">
                      Post now
                    </Button>
                  )}
                  <span className={amountClass(o.kind)}>{fmt(o.amount)}</span>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </DashboardCard>
  );
}
