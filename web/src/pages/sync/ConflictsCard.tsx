import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../src/local/conflict-repository.js';
import { useCategories, useConflicts } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { Button, Card, EmptyState } from '../../components/ui';
import { dateText, timestampText } from '../../format';
import { useMoney } from '../../use-money';
import { fieldName, tableName, valueText } from './sync-text';
import { DataTable } from '../../components/DataTable';

/** The values that lost a merge, each with Restore (bring it back) and Dismiss. */
export function ConflictsCard() {
  const { t } = useTranslation();
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
      : t('sync.notHere');
  const resolve = useApiMutation({
    mutationFn: (api, { conflict, action }: { conflict: SyncConflict; action: 'restore' | 'dismiss' }) =>
      api.post(`/api/conflicts/${conflict.id}/${action}`),
    success: (_, { action }) => (action === 'restore' ? t('sync.restored') : t('sync.dismissed')),
  });
  const resolveButton = (conflict: SyncConflict, action: 'restore' | 'dismiss') => ({
    onClick: () => resolve.run({ conflict, action }),
    'data-testid': `conflict-${action}`,
  });
  return (
    <Card
      title={t('sync.conflicts')}
      data-testid="conflicts-card"
      className={open.length ? 'card-flush' : undefined}
    >
      <QueryState
        query={conflicts}
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState icon="check" title={t('sync.noConflicts')}>
            {t('sync.noConflictsHint')}
          </EmptyState>
        }
      >
        {() => (
          <DataTable
            testId="conflicts-table"
            stacked
            columns={[
              t('schedules.what'),
              t('sync.kept'),
              t('sync.replaced'),
              t('sync.detected'),
              { label: <span className="sr-only">{t('transactions.actions')}</span> },
            ]}
          >
            {open.map((c) => (
              <tr key={c.id} data-testid="conflict-row">
                <td>
                  <strong>{tableName(c.table, t)}</strong>
                  <span className="block" data-testid="conflict-subject">
                    {subjectText(c)}
                  </span>
                  <span className="muted small block">{fieldName(c.field, t)}</span>
                </td>
                <td data-label={t('sync.kept')}>
                  <code>{valueText(c.keptValue, c.field, fmt, t, categoryName)}</code>
                </td>
                <td data-label={t('sync.replaced')}>
                  <code className="lost">{valueText(c.lostValue, c.field, fmt, t, categoryName)}</code>
                  <span
                    className="muted small block"
                    title={t('sync.writtenOn', { device: c.lostDevice })}
                    data-testid="conflict-lost-side"
                  >
                    {c.lostSide === 'local' ? t('sync.fromThis') : t('sync.fromOther')}
                  </span>
                </td>
                <td className="nowrap" data-label={t('sync.detected')}>
                  {timestampText(c.detectedAt, locale)}
                </td>
                <td>
                  <div className="row-buttons">
                    <Button icon="restore" {...resolveButton(c, 'restore')}>
                      {t('sync.restore')}
                    </Button>
                    <Button variant="ghost" {...resolveButton(c, 'dismiss')}>
                      {t('sync.dismiss')}
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
