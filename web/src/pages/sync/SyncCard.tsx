import { useSyncLog } from '../../api/queries';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { Alert, Badge, Button, Card, ProgressBar } from '../../components/ui';
import { durationText, numberText, timestampText } from '../../format';
import { fraction, phaseText, resultHeadline, statusTone } from './sync-text';
import type { SyncRun } from './use-sync-run';

/** "Sync now", the running sync's progress, and the last run's result. */
export function SyncCard({ run }: { run: SyncRun }) {
  const { locale } = useApp();
  const { running, progress, retry, result, failure, start } = run;
  const last = useSyncLog().data?.[0];
  return (
    <Card className="sync-hero" data-testid="sync-card">
      <div className="sync-hero-main">
        <div
          className={`sync-orb${running ? ' spinning' : ''}${!running && (failure || result?.status === 'Failed') ? ' sync-orb-failed' : ''}`}
          aria-hidden="true"
        >
          <Icon name="sync" size={34} />
        </div>
        <div className="sync-hero-text">
          <h2>
            {running ? 'Syncing…' : result ? resultHeadline(result) : 'Ready to sync'}
            {!running && result && (
              <Badge tone={statusTone(result.status)}>
                <span data-testid="sync-status">{result.status}</span>
              </Badge>
            )}
          </h2>
          <p className="muted">
            {running
              ? phaseText(progress, locale)
              : result && last
                ? `Finished ${timestampText(last.endTime ?? last.startTime, locale)}`
                : last
                  ? `Last sync ${timestampText(last.startTime, locale)} · ${last.status}`
                  : 'This device has not synced yet.'}
          </p>
        </div>
        <Button
          variant="primary"
          className="btn-lg"
          icon="sync"
          onClick={start}
          busy={running}
          data-testid="sync-now"
        >
          {running ? 'Syncing…' : 'Sync now'}
        </Button>
      </div>

      {running && (
        <div className="sync-progress" data-testid="sync-progress" aria-live="polite">
          <div className={progress && progress.phase !== 'connect' ? undefined : 'progress-waiting'}>
            <ProgressBar percent={100 * fraction(progress)} label="Sync progress" />
          </div>
          {retry && (
            <Alert
              tone="warning"
              title={`Connection trouble: retry ${retry.attempt} in ${Math.round(retry.delayMs / 100) / 10} s`}
            >
              {retry.error}
            </Alert>
          )}
          <div className="sync-counters">
            <Counter label="Sent" value={progress?.pushed ?? 0} />
            <Counter label="Received" value={progress?.pulled ?? 0} />
            <Counter label="Conflicts" value={progress?.conflicts ?? 0} />
          </div>
        </div>
      )}

      {!running && result && (
        <div className="sync-result" data-testid="sync-result">
          <div className="sync-counters">
            <Counter label="Sent" value={result.pushed} testId="sync-pushed" />
            <Counter label="Received" value={result.pulled} testId="sync-pulled" />
            <Counter label="Conflicts" value={result.conflicts} testId="sync-conflicts" />
            <div className="counter">
              <span className="counter-value" data-testid="sync-duration">
                {durationText(result.durationSeconds, locale)}
              </span>
              <span className="counter-label">Duration</span>
            </div>
          </div>
          {result.status !== 'Success' && (
            <Alert
              tone={result.status === 'Failed' ? 'error' : 'warning'}
              title={result.status === 'Failed' ? 'The sync failed' : 'The sync finished only in part'}
              data-testid="sync-error"
            >
              <p>{result.errorMessage ?? 'No reason was given.'}</p>
              <p className="alert-note">
                Everything on this device is safe; try again when the central store can be reached.
              </p>
            </Alert>
          )}
          {result.conflicts > 0 && (
            <Alert
              tone="info"
              title={`${result.conflicts} conflicting ${result.conflicts === 1 ? 'change was' : 'changes were'} kept`}
            >
              The newest value won; the other one is listed below and can be restored.
            </Alert>
          )}
        </div>
      )}

      {!running && failure && (
        <Alert tone="error" title="Could not sync" data-testid="sync-error">
          <p>{failure}</p>
          <p className="alert-note">Everything on this device is safe and keeps working offline.</p>
        </Alert>
      )}
    </Card>
  );
}

function Counter({ label, value, testId }: { label: string; value: number; testId?: string }) {
  const { locale } = useApp();
  return (
    <div className="counter">
      <span className="counter-value" data-testid={testId}>
        {numberText(value, locale)}
      </span>
      <span className="counter-label">{label}</span>
    </div>
  );
}
