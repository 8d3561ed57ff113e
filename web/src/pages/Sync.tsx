import { useEffect, useRef, useState } from 'react';
import { SYNCED_TABLES } from '../../../src/domain/tables.js';
import { ApiError, api, postEventStream } from '../api';
import { useApp } from '../context';
import { Icon } from '../components/Icon';
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorNote,
  Loading,
  PageHeader,
  ProgressBar,
  SelectField,
  type Tone,
} from '../components/ui';
import { itemsOf } from '../components/TransactionForm';
import { durationText, money, numberText, timestampText } from '../format';
import { useMounted, useResource } from '../hooks';
import type {
  Conflict,
  FieldValue,
  Items,
  Settings,
  SyncDoneEvent,
  SyncLogEntry,
  SyncProgressEvent,
} from '../types';

const TABLE_NAMES: Record<string, string> = {
  app_user: 'your profile',
  category: 'categories',
  savings_goal: 'savings goals',
  expense: 'expenses',
  income: 'income',
  budget: 'budgets',
  goal_contribution: 'goal contributions',
  sync_conflict: 'conflicts',
};

const INTERVALS = [
  { value: 0, label: 'Off: only when I press Sync now' },
  { value: 5, label: 'Every 5 minutes' },
  { value: 15, label: 'Every 15 minutes' },
  { value: 30, label: 'Every 30 minutes' },
  { value: 60, label: 'Every hour' },
];

export function statusTone(status: string): Tone {
  return status === 'Success'
    ? 'good'
    : status === 'Partial'
      ? 'warn'
      : status === 'Failed'
        ? 'bad'
        : 'neutral';
}

/** How far along a run is, from its last progress event: push then pull, table by table (parents first). */
function fraction(p: SyncProgressEvent | null): number {
  if (!p || p.phase === 'connect') return 0.03;
  const tables = SYNCED_TABLES.length;
  const index = Math.max(0, SYNCED_TABLES.indexOf(p.table as (typeof SYNCED_TABLES)[number]));
  const phase = p.phase === 'push' ? 0 : p.phase === 'pull' ? 1 : 2;
  // Batch 0: the table has just started.
  const done = p.batch === 0 ? 0 : 1;
  return Math.min(0.97, Math.max(0.03, (phase * tables + index + done) / (2 * tables)));
}

function phaseText(p: SyncProgressEvent | null, locale: string): string {
  if (!p || p.phase === 'connect') return 'Connecting to the central store…';
  const what = TABLE_NAMES[p.table] ?? p.table;
  // A push knows its size from the start: a long first sync says how much it sends.
  if (p.phase === 'push' && p.expected !== undefined && p.expected > 1)
    return `Sending ${what} (${numberText(p.expected, locale)} changes)…`;
  if (p.phase === 'push') return `Sending ${what}…`;
  if (p.phase === 'pull') return `Receiving ${what}…`;
  return `Verifying ${what}…`;
}

export function SyncPage() {
  const { locale, currency, toast } = useApp();
  const fmt = (n: number) => money(n, currency, locale);
  const log = useResource<Items<SyncLogEntry> | SyncLogEntry[]>('/api/sync/log');
  const conflicts = useResource<Items<Conflict> | Conflict[]>('/api/conflicts');
  const settings = useResource<Settings>('/api/settings');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgressEvent | null>(null);
  const [result, setResult] = useState<SyncDoneEvent | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [retry, setRetry] = useState<{ attempt: number; delayMs: number; error: string } | null>(null);
  const [interval, setIntervalValue] = useState<number | null>(null);
  const [savingInterval, setSavingInterval] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const mounted = useMounted();

  useEffect(() => () => abort.current?.abort(), []);
  const autoMinutes = interval ?? settings.data?.autoSyncMinutes ?? 0;

  async function syncNow() {
    setRunning(true);
    setProgress(null);
    setResult(null);
    setFailure(null);
    setRetry(null);
    abort.current = new AbortController();
    let done: SyncDoneEvent | null = null;
    try {
      await postEventStream(
        '/api/sync',
        (e) => {
          if (!mounted()) return;
          if (e.event === 'progress') {
            setProgress(e.data as SyncProgressEvent);
            setRetry(null);
          } else if (e.event === 'retry')
            setRetry(e.data as { attempt: number; delayMs: number; error: string });
          else if (e.event === 'done') {
            done = e.data as SyncDoneEvent;
            setResult(done);
          } else if (e.event === 'error') {
            const data = e.data as { error?: string; message?: string } | string;
            setFailure(typeof data === 'string' ? data : (data.error ?? data.message ?? 'The sync failed.'));
          }
        },
        abort.current.signal,
      );
      if (!done && mounted())
        setFailure((f) => f ?? 'The connection to the server closed before the sync finished.');
    } catch (e) {
      if (!mounted()) return;
      if (e instanceof DOMException && e.name === 'AbortError') return;
      if (e instanceof ApiError && e.status === 409)
        setFailure(e.message || 'A sync is already running; wait for it to finish.');
      else setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      if (mounted()) {
        setRunning(false);
        log.reload();
        conflicts.reload();
      }
    }
  }

  async function changeInterval(minutes: number) {
    const previous = autoMinutes;
    setIntervalValue(minutes);
    setSavingInterval(true);
    try {
      await api.put('/api/settings', { autoSyncMinutes: minutes });
      toast(minutes === 0 ? 'Automatic sync is off' : `Syncing automatically every ${minutes} minutes`);
    } catch (e) {
      setIntervalValue(previous);
      toast(e instanceof Error ? e.message : String(e), 'error');
    } finally {
      setSavingInterval(false);
    }
  }

  async function resolve(c: Conflict, action: 'restore' | 'dismiss') {
    try {
      await api.post(`/api/conflicts/${c.id}/${action}`);
      toast(
        action === 'restore'
          ? 'Restored: it goes to your other devices at the next sync.'
          : 'Conflict dismissed',
      );
      conflicts.reload();
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  }

  const history = itemsOf(log.data);
  const open = itemsOf(conflicts.data);
  const last = history[0];
  const shownResult = result;

  return (
    <div className="page" data-testid="page-sync">
      <PageHeader
        title="Sync"
        subtitle="Your data lives on this device. Sync sends your changes to the central store and brings back those from your other devices."
      />

      <Card className="sync-hero" data-testid="sync-card">
        <div className="sync-hero-main">
          <div
            className={`sync-orb${running ? ' spinning' : ''}${!running && (failure || shownResult?.status === 'Failed') ? ' sync-orb-failed' : ''}`}
            aria-hidden="true"
          >
            <Icon name="sync" size={34} />
          </div>
          <div className="sync-hero-text">
            <h2>
              {running ? 'Syncing…' : shownResult ? resultHeadline(shownResult) : 'Ready to sync'}
              {!running && shownResult && (
                <Badge tone={statusTone(shownResult.status)}>
                  <span data-testid="sync-status">{shownResult.status}</span>
                </Badge>
              )}
            </h2>
            <p className="muted">
              {running
                ? phaseText(progress, locale)
                : shownResult && last
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
            onClick={syncNow}
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

        {!running && shownResult && (
          <div className="sync-result" data-testid="sync-result">
            <div className="sync-counters">
              <Counter label="Sent" value={shownResult.pushed} testId="sync-pushed" />
              <Counter label="Received" value={shownResult.pulled} testId="sync-pulled" />
              <Counter label="Conflicts" value={shownResult.conflicts} testId="sync-conflicts" />
              <div className="counter">
                <span className="counter-value" data-testid="sync-duration">
                  {durationText(shownResult.durationSeconds, locale)}
                </span>
                <span className="counter-label">Duration</span>
              </div>
            </div>
            {shownResult.status !== 'Success' && (
              <Alert
                tone={shownResult.status === 'Failed' ? 'error' : 'warning'}
                title={shownResult.status === 'Failed' ? 'The sync failed' : 'The sync finished only in part'}
                data-testid="sync-error"
              >
                <p>{shownResult.errorMessage ?? 'No reason was given.'}</p>
                <p className="alert-note">
                  Everything on this device is safe; try again when the central store can be reached.
                </p>
              </Alert>
            )}
            {shownResult.conflicts > 0 && (
              <Alert
                tone="info"
                title={`${shownResult.conflicts} conflicting ${shownResult.conflicts === 1 ? 'change was' : 'changes were'} kept`}
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

      <div className="grid-sidebar sync-grid">
        <div className="stack">
          <Card
            title="Conflicts"
            data-testid="conflicts-card"
            className={open.length ? 'card-flush' : undefined}
          >
            {conflicts.error ? (
              <ErrorNote error={conflicts.error} onRetry={conflicts.reload} />
            ) : !conflicts.data ? (
              <Loading />
            ) : open.length === 0 ? (
              <EmptyState icon="check" title="No conflicts">
                When two devices change the same thing, the value that lost shows up here.
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="conflicts-table">
                  <thead>
                    <tr>
                      <th>What</th>
                      <th>Kept</th>
                      <th>Replaced</th>
                      <th>Detected</th>
                      <th>
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {open.map((c) => (
                      <tr key={c.id} data-testid="conflict-row">
                        <td>
                          <strong>{TABLE_NAMES[c.table] ?? c.table}</strong>
                          <span className="muted small block">{c.field}</span>
                        </td>
                        <td>
                          <code>{valueText(c.keptValue, c.field, fmt)}</code>
                        </td>
                        <td>
                          <code className="lost">{valueText(c.lostValue, c.field, fmt)}</code>
                          <span
                            className="muted small block"
                            title={`written on device ${c.lostDevice}`}
                            data-testid="conflict-lost-side"
                          >
                            {c.lostSide === 'local' ? 'from this device' : 'from another device'}
                          </span>
                        </td>
                        <td className="nowrap">{timestampText(c.detectedAt, locale)}</td>
                        <td>
                          <div className="row-buttons">
                            <Button
                              icon="restore"
                              onClick={() => resolve(c, 'restore')}
                              data-testid="conflict-restore"
                            >
                              Restore
                            </Button>
                            <Button
                              variant="ghost"
                              onClick={() => resolve(c, 'dismiss')}
                              data-testid="conflict-dismiss"
                            >
                              Dismiss
                            </Button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>

        <Card title="Automatic sync" data-testid="auto-sync-card">
          {settings.error ? (
            <ErrorNote error={settings.error} onRetry={settings.reload} />
          ) : (
            <>
              <SelectField
                label="Sync in the background"
                value={String(autoMinutes)}
                disabled={!settings.data || savingInterval}
                onChange={(e) => changeInterval(Number(e.target.value))}
                hint="Runs while pfm serve is running, and again after a restart; logged as Automatic."
                data-testid="auto-sync-select"
              >
                {INTERVALS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </SelectField>
              {settings.data?.central && (
                <p className="central-label">
                  <Icon name="cloud" size={16} />
                  <span>
                    Central store <code>{settings.data.central}</code>
                  </span>
                </p>
              )}
              {settings.data?.syncRunning && !running && (
                <p className="muted small">A sync is running in the background right now.</p>
              )}
            </>
          )}
        </Card>
      </div>

      <Card title="History" className="card-flush" data-testid="sync-history">
        {log.error ? (
          <div className="card-pad">
            <ErrorNote error={log.error} onRetry={log.reload} />
          </div>
        ) : !log.data ? (
          <Loading />
        ) : history.length === 0 ? (
          <EmptyState icon="sync" title="No syncs yet" />
        ) : (
          <div className="table-wrap">
            <table className="table history-table" data-testid="sync-history-table">
              <thead>
                <tr>
                  <th>Started</th>
                  <th>Type</th>
                  <th>Status</th>
                  <th className="num">Sent</th>
                  <th className="num">Received</th>
                  <th className="num">Conflicts</th>
                  <th className="num">Duration</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h, i) => (
                  <tr key={h.id ?? `${h.startTime}-${i}`} data-testid="sync-history-row">
                    <td className="nowrap">
                      {timestampText(h.startTime, locale)}
                      {h.errorMessage && (
                        <span className="small negative block history-error">{h.errorMessage}</span>
                      )}
                    </td>
                    <td>{h.syncType}</td>
                    <td>
                      <Badge tone={statusTone(h.status)}>{h.status}</Badge>
                    </td>
                    <td className="num">{numberText(h.pushed, locale)}</td>
                    <td className="num">{numberText(h.pulled, locale)}</td>
                    <td className="num">{numberText(h.conflicts, locale)}</td>
                    <td className="num nowrap">{durationText(h.durationSeconds, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function resultHeadline(r: SyncDoneEvent): string {
  if (r.status === 'Success') return r.pushed + r.pulled === 0 ? 'Everything is up to date' : 'Sync complete';
  if (r.status === 'Partial') return 'Sync partly done';
  return 'Sync failed';
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

const MONEY_FIELDS = new Set(['amount', 'limit', 'limit_amount', 'target', 'target_amount']);

function valueText(v: FieldValue, field: string, fmt: (n: number) => string): string {
  if (v === null) return '(empty)';
  if (typeof v === 'number' && MONEY_FIELDS.has(field)) return fmt(v);
  if (field === 'deleted') return v ? 'deleted' : 'kept';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}
