import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Settings } from '../../api/answers';
import { useSettings } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useToast } from '../../app/toast-context';
import { messageOf } from '../../api/client';
import { Icon } from '../../components/Icon';
import { Card, ErrorNote, SelectField } from '../../components/ui';

const INTERVALS = [0, 5, 15, 30, 60] as const;

type Minutes = Settings['autoSyncMinutes'];

/** How often this server syncs on its own; `running` is this page's own sync. */
export function AutoSyncCard({ running }: { running: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const settings = useSettings();
  // The choice shows at once; a failed save puts the previous one back.
  const [chosen, setChosen] = useState<Minutes | null>(null);
  const autoMinutes = chosen ?? settings.data?.autoSyncMinutes ?? 0;
  const save = useApiMutation({
    mutationFn: (api, { minutes }: { minutes: Minutes; previous: Minutes }) =>
      api.put('/api/settings', { autoSyncMinutes: minutes }),
    success: (_, { minutes }) =>
      minutes === 0 ? t('sync.autoOff') : t('sync.autoEvery', { count: minutes }),
    onError: (e, { previous }) => {
      setChosen(previous);
      toast(messageOf(e), 'error');
    },
  });

  return (
    <Card title={t('sync.auto')} data-testid="auto-sync-card">
      {settings.error ? (
        <ErrorNote error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <SelectField
            label={t('sync.background')}
            value={String(autoMinutes)}
            disabled={!settings.data || save.busy}
            onChange={(e) => {
              const minutes = Number(e.target.value) as Minutes;
              setChosen(minutes);
              save.run({ minutes, previous: autoMinutes });
            }}
            hint={t('sync.backgroundHint')}
            data-testid="auto-sync-select"
          >
            {INTERVALS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes === 0 ? t('sync.intervalOff') : t('sync.interval', { count: minutes })}
              </option>
            ))}
          </SelectField>
          {settings.data?.central && (
            <p className="central-label">
              <Icon name="cloud" size={16} />
              <span>
                {t('sync.centralStore')} <code>{settings.data.central}</code>
              </span>
            </p>
          )}
          {settings.data?.syncRunning && !running && <p className="muted small">{t('sync.runningNow')}</p>}
        </>
      )}
    </Card>
  );
}
