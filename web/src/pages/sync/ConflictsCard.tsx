import type { SyncConflict } from '../../../../src/local/conflict-repository.js';
import { useCategories, useConflicts } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { Button, Card, EmptyState } from '../../components/ui';
import { dateText, timestampText } from '../../format';
import { useMoney } from '../../use-money';
import { FIELD_NAMES, TABLE_NAMES, valueText } from './sync-text';
import { DataTable } from '../../components/DataTable';

/** The values that lost a merge, each with Restore (bring it back) and Dismiss. */
export function ConflictsCard() {
  const { locale } = useApp();
  const fmt = useMoney();
  const conflicts = useConflicts();
  const categories = useCategories(true);
  const open = conflicts.data ?? [];
  const categoryName = (id: string) => categories.data?.find((c) => c.id === id)?.name ?? id;
  /** The row a conflict is about, as a person tells it apart: its day, amount and name or note. */
  const subjectText = (c: SyncConflict) =>
    c.subject
      ? [
          c.subject.date ? dateText(c.subject.date, locale) : null,
          c.subject.amount !== null ? fmt(c.subject.amount) : null,
          c.subject.text || null,
        ]
          .filter((part) => part !== null)
          .join(' · ')
      : 'not on this device yet';
  const resolve = useApiMutation({
    mutationFn: (api, { conflict, action }: { conflict: SyncConflict; action: 'restore' | 'dismiss' }) =>
      api.post(`/api/conflicts/${conflict.id}/${action}`),
    success: (_, { action }) =>
      action === 'restore'
        ? 'Restored: it goes to your other devices at the next sync.'
        : 'Conflict dismissed',
  });
  const resolveButton = (conflict: SyncConflict, action: 'restore' | 'dismiss') => ({
    onClick: () => resolve.run({ conflict, action }),
    'data-testid': `conflict-${action}`,
  });
  return (
    <Card title="Conflicts" data-testid="conflicts-card" className={open.length ? 'card-flush' : undefined}>
      <QueryState
        query={conflicts}
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState icon="check" title="No conflicts">
            When two devices change the same thing, the value that lost shows up here.
          </EmptyState>
        }
      >
        {() => (
          <DataTable
            testId="conflicts-table"
            stacked
            columns={[
              'What',
              'Kept',
              'Replaced',
              'Detected',
              { label: <span className="sr-only">Actions</span> },
            ]}
          >
            {open.map((c) => (
              <tr key={c.id} data-testid="conflict-row">
                <td>
                  <strong>{TABLE_NAMES[c.table] ?? c.table}</strong>
                  <span className="block" data-testid="conflict-subject">
                    {subjectText(c)}
                  </span>
                  <span className="muted small block">
                    {FIELD_NAMES[c.field] ?? c.field.replace(/_/g, ' ')}
                  </span>
                </td>
                <td data-label="Kept">
                  <code>{valueText(c.keptValue, c.field, fmt, categoryName)}</code>
                </td>
                <td data-label="Replaced">
                  <code className="lost">{valueText(c.lostValue, c.field, fmt, categoryName)}</code>
                  <span
                    className="muted small block"
                    title={`written on device ${c.lostDevice}`}
                    data-testid="conflict-lost-side"
                  >
                    {c.lostSide === 'local' ? 'from this device' : 'from another device'}
                  </span>
                </td>
                <td className="nowrap" data-label="Detected">
                  {timestampText(c.detectedAt, locale)}
                </td>
                <td>
                  <div className="row-buttons">
                    <Button icon="restore" {...resolveButton(c, 'restore')}>
                      Restore
                    </Button>
                    <Button variant="ghost" {...resolveButton(c, 'dismiss')}>
                      Dismiss
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
