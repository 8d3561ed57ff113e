import { useTranslation } from 'react-i18next';
import { useAccounts, useCategories, useSchedules, useUpcoming } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { Button, EmptyState } from '../../components/ui';
import { dateText } from '../../format';
import { useMoney } from '../../use-money';
import { amountClass, scheduleName } from '../schedules/schedule-text';
import { DashboardCard } from './DashboardCard';
import { UPCOMING_DAYS } from './dashboard-query';

/** The schedules' occurrences over the next 30 days; those posted by hand can be posted now, one by one. */
export function ComingUpCard() {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const upcoming = useUpcoming(UPCOMING_DAYS);
  const schedules = useSchedules().data ?? [];
  const categories = useCategories(true).data ?? [];
  const accounts = useAccounts(true).data?.items ?? [];
  // One occurrence of a schedule posted by hand, due or not yet, under its own id.
  const post = useApiMutation({
    mutationFn: (api, o: { scheduleId: string; date: string }) =>
      api.post(`/api/schedules/${o.scheduleId}/post`, { date: o.date }),
    success: (_, o) => t('dashboard.postedOccurrence', { date: dateText(o.date, locale) }),
  });
  return (
    <DashboardCard
      title={t('dashboard.comingUp')}
      link={{ href: '#/schedules', label: t('nav.schedules') }}
      testId="card-coming-up"
    >
      <QueryState
        query={upcoming}
        isEmpty={(items) => items.length === 0}
        empty={
          <EmptyState icon="restore" title={t('dashboard.nothingScheduled')}>
            <a href="#/schedules">{t('dashboard.scheduleOne')}</a>
            {t('dashboard.scheduleOneAfter')}
          </EmptyState>
        }
      >
        {(items) => (
          <ul className="recent-list">
            {items.map((o) => {
              const s = schedules.find((x) => x.id === o.scheduleId);
              const name = s
                ? scheduleName(s, categories, accounts, t)
                : o.note || t(`schedules.kinds.${o.kind}`);
              return (
                <li key={o.rowId} data-testid="coming-up-row">
                  <span className="recent-icon" aria-hidden="true">
                    {name.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="recent-main">
                    <span className="recent-title">{name}</span>
                    <span className="recent-sub">
                      {dateText(o.date, locale)} · {t(`schedules.kinds.${o.kind}`)}
                      {o.posted
                        ? ` · ${t('dashboard.posted')}`
                        : o.autoPost
                          ? ''
                          : ` · ${t('dashboard.byHand')}`}
                    </span>
                  </span>
                  {!o.posted && !o.autoPost && (
                    <Button
                      busy={post.busy}
                      onClick={() => post.run(o)}
                      aria-label={t('dashboard.postNowLabel', { name, date: dateText(o.date, locale) })}
                      data-testid="coming-up-post"
                    >
                      {t('dashboard.postNow')}
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
