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
import { amountClass, KIND_LABELS, repeatText, scheduleName } from './schedule-text';

/** Transactions that repeat: what, how often, when next and from which account; add, change, skip, delete. */
export function SchedulesPage() {
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
    success: (_, vars) => `Skipped ${dateText(vars.date, locale)}`,
  });
  const from = today();

  return (
    <PageFrame
      testId="page-schedules"
      title="Schedules"
      subtitle="Bills, pay and savings that repeat: posted when due, automatically or by hand."
      actions={
        <Button variant="primary" icon="plus" onClick={() => setEditing('new')} data-testid="add-schedule">
          New schedule
        </Button>
      }
    >
      <QueryState
        query={schedules}
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyCard icon="restore" title="Nothing scheduled yet">
            <button type="button" className="link-btn" onClick={() => setEditing('new')}>
              Schedule your first transaction
            </button>
          </EmptyCard>
        }
      >
        {(list) => (
          <Card className="card-flush">
            <DataTable
              columns={[
                'What',
                'How often',
                'Next',
                { label: 'Account', className: 'col-kind' },
                numeric('Amount'),
                '',
              ]}
              className="schedules-table"
              testId="schedules-table"
            >
              {list.map((s) => {
                const name = scheduleName(s, categories, allAccounts);
                const next = nextOccurrence(s, from);
                return (
                  <tr key={s.id} data-testid="schedule-row">
                    <td>
                      <span className="account-link">{name}</span>
                      <button
                        type="button"
                        className="icon-btn"
                        aria-label={`Edit ${name}`}
                        onClick={() => setEditing(s)}
                        data-testid="schedule-edit"
                      >
                        <Icon name="edit" size={16} />
                      </button>
                      <span className="recent-sub transfer-when">
                        {KIND_LABELS[s.kind]}
                        {s.autoPost ? '' : ' · by hand'}
                      </span>
                    </td>
                    <td>{repeatText(s)}</td>
                    <td className="nowrap">{next ? dateText(next, locale) : <Badge>Ended</Badge>}</td>
                    <td className="col-kind">{allAccounts.find((a) => a.id === s.accountId)?.name ?? '—'}</td>
                    <td className={`num ${amountClass(s.kind)}`}>{fmt(s.amount)}</td>
                    <td className="schedule-actions">
                      {next && (
                        <Button
                          variant="ghost"
                          onClick={() => setPosting({ schedule: s, name })}
                          aria-label={`Post now: ${name}`}
                          data-testid="schedule-post"
                        >
                          Post now
                        </Button>
                      )}
                      {next && (
                        <Button
                          variant="ghost"
                          busy={skip.busy}
                          onClick={() => skip.run({ id: s.id, date: next })}
                          aria-label={`Skip ${name} on ${dateText(next, locale)}`}
                          data-testid="schedule-skip"
                        >
                          Skip
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
