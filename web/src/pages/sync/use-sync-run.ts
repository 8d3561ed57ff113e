import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SyncProgress } from '../../../../src/sync/sync-progress.js';
import { useApi } from '../../api/api-context';
import { ApiError, messageOf } from '../../api/client';
import type { SyncDoneEvent, SyncRetryEvent } from '../../api/answers';
import { useMounted } from '../../hooks';

export interface SyncRun {
  running: boolean;
  progress: SyncProgress | null;
  retry: SyncRetryEvent | null;
  result: SyncDoneEvent | null;
  /** Why the run did not finish (the server's "done" with status Failed is a result, not a failure). */
  failure: string | null;
  start: () => void;
}

/** "Sync now": the run's progress as the server streams it, then its result. */
export function useSyncRun(): SyncRun {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [result, setResult] = useState<SyncDoneEvent | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [retry, setRetry] = useState<SyncRetryEvent | null>(null);
  const abort = useRef<AbortController | null>(null);
  const mounted = useMounted();
  useEffect(() => () => abort.current?.abort(), []);

  async function run() {
    setRunning(true);
    setProgress(null);
    setResult(null);
    setFailure(null);
    setRetry(null);
    abort.current = new AbortController();
    let done: SyncDoneEvent | null = null;
    try {
      await api.stream(
        '/api/sync',
        (e) => {
          if (!mounted()) return;
          if (e.event === 'progress') {
            setProgress(e.data as SyncProgress);
            setRetry(null);
          } else if (e.event === 'retry') setRetry(e.data as SyncRetryEvent);
          else if (e.event === 'done') {
            done = e.data as SyncDoneEvent;
            setResult(done);
          } else if (e.event === 'error') {
            const data = e.data as { error?: string; message?: string } | string;
            setFailure(
              typeof data === 'string' ? data : (data.error ?? data.message ?? t('sync.failedShort')),
            );
          }
        },
        abort.current.signal,
      );
      if (!done && mounted()) setFailure((f) => f ?? t('sync.closed'));
    } catch (e) {
      if (!mounted()) return;
      if (e instanceof DOMException && e.name === 'AbortError') return;
      if (e instanceof ApiError && e.status === 409)
        setFailure(e.message || 'A sync is already running; wait for it to finish.');
      else setFailure(messageOf(e));
    } finally {
      if (mounted()) setRunning(false);
      // A sync may have brought anything from other devices.
      void queryClient.invalidateQueries();
    }
  }

  return { running, progress, retry, result, failure, start: () => void run() };
}
