import { useTranslation } from 'react-i18next';
import { useSyncLog } from '../../api/queries';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { Alert, Badge, Button, Card, ProgressBar } from '../../components/ui';
import { durationText, numberText, timestampText } from '../../format';
import { fraction, phaseText, resultHeadline, statusText, statusTone } from './sync-text';
import type { SyncRun } from './use-sync-run';

/** "Sync now", the running sync's progress, and the last run's result. */
export function SyncCard({ run }: { run: SyncRun }) {
  const { t } = useTranslation();
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
            {running ? t('sync.syncing') : result ? resultHeadline(result, t) : t('sync.ready')}
            {!running && result && (
              <Badge tone={statusTone(result.status)}>
                <span data-testid="sync-status">{statusText(result.status, t)}</span>
              </Badge>
            )}
          </h2>
          <p className="muted">
            {running
              ? phaseText(progress, locale, t)
              : result && last
                ? t('sync.finished', { time: timestampText(last.endTime ?? last.startTime, locale) })
                : last
                  ? t('sync.lastSync', {
                      time: timestampText(last.startTime, locale),
                      status: statusText(last.status, t),
                    })
                  : t('sync.never')}
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
          {running ? t('sync.syncing') : t('sync.now')}
        </Button>
      </div>

      {running && (
        <div className="sync-progress" data-testid="sync-progress" aria-live="polite">
          <div className={progress && progress.phase !== 'connect' ? undefined : 'progress-waiting'}>
            <ProgressBar percent={100 * fraction(progress)} label={t('sync.progress')} />
          </div>
          {retry && (
            <Alert
              tone="warning"
              title={t('sync.retry', {
                attempt: retry.attempt,
                seconds: numberText(Math.round(retry.delayMs / 100) / 10, locale),
              })}
            >
              {retry.error}
            </Alert>
          )}
          <div className="sync-counters">
            <Counter label={t('sync.sent')} value={progress?.pushed ?? 0} />
            <Counter label={t('sync.received')} value={progress?.pulled ?? 0} />
            <Counter label={t('sync.conflicts')} value={progress?.conflicts ?? 0} />
          </div>
        </div>
      )}

      {!running && result && (
        <div className="sync-result" data-testid="sync-result">
          <div className="sync-counters">
            <Counter label={t('sync.sent')} value={result.pushed} testId="sync-pushed" />
            <Counter label={t('sync.received')} value={result.pulled} testId="sync-pulled" />
            <Counter label={t('sync.conflicts')} value={result.conflicts} testId="sync-conflicts" />
            <div className="counter">
              <span className="counter-value" data-testid="sync-duration">
                {durationText(result.durationSeconds, locale)}
              </span>
              <span className="counter-label">{t('sync.duration')}</span>
            </div>
          </div>
          {result.status !== 'Success' && (
            <Alert
              tone={result.status === 'Failed' ? 'error' : 'warning'}
              title={result.status === 'Failed' ? t('sync.failedTitle') : t('sync.partTitle')}
              data-testid="sync-error"
            >
              <p>{result.errorMessage ?? t('sync.noReason')}</p>
              <p className="alert-note">{t('sync.safeRetry')}</p>
            </Alert>
          )}
          {result.conflicts > 0 && (
            <Alert tone="info" title={t('sync.conflictsKept', { count: result.conflicts })}>
              {t('sync.newestWon')}
            </Alert>
          )}
        </div>
      )}

      {!running && failure && (
        <Alert tone="error" title={t('sync.couldNot')} data-testid="sync-error">
          <p>{failure}</p>
          <p className="alert-note">{t('sync.safeOffline')}</p>
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
