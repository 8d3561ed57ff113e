import { AutoSyncCard } from './AutoSyncCard';
import { ConflictsCard } from './ConflictsCard';
import { SyncCard } from './SyncCard';
import { SyncHistoryCard } from './SyncHistoryCard';
import { useSyncRun } from './use-sync-run';
import { PageFrame } from '../../components/PageFrame';

export function SyncPage() {
  const run = useSyncRun();
  return (
    <PageFrame
      testId="page-sync"
      title="Sync"
      subtitle="Your data lives on this device. Sync sends your changes to the central store and brings back those from your other devices."
    >
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
