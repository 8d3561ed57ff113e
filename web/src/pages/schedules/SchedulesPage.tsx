import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Schedule } from '../../../../src/domain/entities.js';
import { useAccounts, useCategories, useSchedules } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { DataTable, numeric } from '../../components/DataTable';
import { EmptyCard } from '../../components/EmptyCard';
import { Icon } from '../../components/Icon';
import { PageFrame } from '../../components/PageFrame';
import { QueryState } from '../../components/QueryState';
import { Badge, Button, Card } from '../../components/ui';
import { dateText, today } from '../../format';
import { useMoney } from '../../use-money';
import { nextOccurrence } from './next-occurrence';
import { PostOccurrenceDialog } from './PostOccurrenceDialog';
import { ScheduleForm } from './ScheduleForm';
import { amountClass, repeatText, scheduleName } from './schedule-text';

/** Transactions that repeat: what, how often, when next and from which account; add, change, skip, delete. */
export function SchedulesPage() {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const schedules = useSchedules();
  const categories = useCategories(true).data ?? [];
  const allAccounts = useAccounts(true).data?.items ?? [];
  const accounts = allAccounts.filter((a) => !a.archived);
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [posting, setPosting] = useState<{ schedule: Schedule; name: string } | null>(null);
  const skip = useApiMutation({
    mutationFn: (api, vars: { id: string; date: string }) =>
      api.post(`/api/schedules/${vars.id}/skip`, { date: vars.date }),
    success: (_, vars) => t('schedules.skipped', { date: dateText(vars.date, locale) }),
  });
  const from = today();

  return (
    <PageFrame
      testId="page-schedules"
      title={t('nav.schedules')}
      subtitle={t('schedules.subtitle')}
      actions={
        <Button variant="primary" icon="plus" onClick={() => setEditing('new')} data-testid="add-schedule">
          {t('schedules.new')}
        </Button>
      }
    >
      <QueryState
        query={schedules}
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyCard icon="restore" title={t('schedules.empty')}>
            <button type="button" className="link-btn" onClick={() => setEditing('new')}>
              {t('schedules.first')}
            </button>
          </EmptyCard>
        }
      >
        {(list) => (
          <Card className="card-flush">
            <DataTable
              columns={[
                t('schedules.what'),
                t('schedules.howOften'),
                t('schedules.next'),
                { label: t('schedules.account'), className: 'col-kind' },
                numeric(t('amount.amount')),
                '',
              ]}
              className="schedules-table"
              testId="schedules-table"
            >
              {list.map((s) => {
                const name = scheduleName(s, categories, allAccounts, t);
                const next = nextOccurrence(s, from);
                return (
                  <tr key={s.id} data-testid="schedule-row">
                    <td>
                      <span className="account-link">{name}</span>
                      <button
                        type="button"
                        className="icon-btn"
                        aria-label={t('schedules.editName', { name })}
                        onClick={() => setEditing(s)}
                        data-testid="schedule-edit"
                      >
                        <Icon name="edit" size={16} />
                      </button>
                      <span className="recent-sub transfer-when">
                        {t(`schedules.kinds.${s.kind}`)}
                        {s.autoPost ? '' : ` · ${t('dashboard.byHand')}`}
                      </span>
                    </td>
                    <td>{repeatText(s, t)}</td>
                    <td className="nowrap">
                      {next ? dateText(next, locale) : <Badge>{t('schedules.ended')}</Badge>}
                    </td>
                    <td className="col-kind">{allAccounts.find((a) => a.id === s.accountId)?.name ?? '—'}</td>
                    <td className={`num ${amountClass(s.kind)}`}>{fmt(s.amount)}</td>
                    <td className="schedule-actions">
                      {next && (
                        <Button
                          variant="ghost"
                          onClick={() => setPosting({ schedule: s, name })}
                          aria-label={t('schedules.postNowName', { name })}
                          data-testid="schedule-post"
                        >
                          {t('dashboard.postNow')}
                        </Button>
                      )}
                      {next && (
                        <Button
                          variant="ghost"
                          busy={skip.busy}
                          onClick={() => skip.run({ id: s.id, date: next })}
                          aria-label={t('schedules.skipName', { name, date: dateText(next, locale) })}
                          data-testid="schedule-skip"
                        >
                          {t('schedules.skip')}
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </Card>
        )}
      </QueryState>
      {posting && (
        <PostOccurrenceDialog
          schedule={posting.schedule}
          name={posting.name}
          onClose={() => setPosting(null)}
        />
      )}
      {editing && (
        <ScheduleForm
          existing={editing === 'new' ? undefined : editing}
          accounts={accounts}
          categories={categories}
          onClose={() => setEditing(null)}
        />
      )}
    </PageFrame>
  );
}
