import { useTranslation } from 'react-i18next';
import { useSyncLog } from '../../api/queries';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { Badge, Card, EmptyState } from '../../components/ui';
import { durationText, numberText, timestampText } from '../../format';
import { statusText, statusTone } from './sync-text';
import { DataTable, numeric } from '../../components/DataTable';

/** This device's syncs, newest first. */
export function SyncHistoryCard() {
  const { t } = useTranslation();
  const { locale } = useApp();
  const log = useSyncLog();
  return (
    <Card title={t('sync.history')} className="card-flush" data-testid="sync-history">
      <QueryState
        query={log}
        errorClassName="card-pad"
        isEmpty={(history) => history.length === 0}
        empty={<EmptyState icon="sync" title={t('sync.noSyncs')} />}
      >
        {(history) => (
          <DataTable
            className="history-table"
            testId="sync-history-table"
            columns={[
              t('sync.started'),
              t('sync.type'),
              t('accounts.status'),
              numeric(t('sync.sent')),
              numeric(t('sync.received')),
              numeric(t('sync.conflicts')),
              numeric(t('sync.duration')),
            ]}
          >
            {history.map((h, i) => (
              <tr key={h.id ?? `${h.startTime}-${i}`} data-testid="sync-history-row">
                <td className="nowrap">
                  {timestampText(h.startTime, locale)}
                  {h.errorMessage && (
                    <span className="small negative block history-error">{h.errorMessage}</span>
                  )}
                </td>
                <td>{h.syncType === 'Automatic' ? t('sync.automatic') : t('sync.manual')}</td>
                <td>
                  <Badge tone={statusTone(h.status)}>{statusText(h.status, t)}</Badge>
                </td>
                <td className="num">{numberText(h.pushed, locale)}</td>
                <td className="num">{numberText(h.pulled, locale)}</td>
                <td className="num">{numberText(h.conflicts, locale)}</td>
                <td className="num nowrap">{durationText(h.durationSeconds, locale)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
