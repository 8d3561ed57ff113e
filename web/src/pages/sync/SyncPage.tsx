import { useTranslation } from 'react-i18next';
import { AutoSyncCard } from './AutoSyncCard';
import { ConflictsCard } from './ConflictsCard';
import { SyncCard } from './SyncCard';
import { SyncHistoryCard } from './SyncHistoryCard';
import { useSyncRun } from './use-sync-run';
import { PageFrame } from '../../components/PageFrame';

export function SyncPage() {
  const { t } = useTranslation();
  const run = useSyncRun();
  return (
    <PageFrame testId="page-sync" title={t('nav.sync')} subtitle={t('sync.subtitle')}>
      <SyncCard run={run} />
      <div className="grid-sidebar sync-grid">
        <div className="stack">
          <ConflictsCard />
        </div>
        <AutoSyncCard running={run.running} />
      </div>
      <SyncHistoryCard />
    </PageFrame>
  );
}
