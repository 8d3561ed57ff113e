import { useState } from 'react';
import type { Settings } from '../../api/answers';
import { useSettings } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useToast } from '../../app/toast-context';
import { messageOf } from '../../api/client';
import { Icon } from '../../components/Icon';
import { Card, ErrorNote, SelectField } from '../../components/ui';

const INTERVALS = [
  { value: 0, label: 'Off: only when I press Sync now' },
  { value: 5, label: 'Every 5 minutes' },
  { value: 15, label: 'Every 15 minutes' },
  { value: 30, label: 'Every 30 minutes' },
  { value: 60, label: 'Every hour' },
];

type Minutes = Settings['autoSyncMinutes'];

/** How often this server syncs on its own; `running` is this page's own sync. */
export function AutoSyncCard({ running }: { running: boolean }) {
  const toast = useToast();
  const settings = useSettings();
  // The choice shows at once; a failed save puts the previous one back.
  const [chosen, setChosen] = useState<Minutes | null>(null);
  const autoMinutes = chosen ?? settings.data?.autoSyncMinutes ?? 0;
  const save = useApiMutation({
    mutationFn: (api, { minutes }: { minutes: Minutes; previous: Minutes }) =>
      api.put('/api/settings', { autoSyncMinutes: minutes }),
    success: (_, { minutes }) =>
      minutes === 0 ? 'Automatic sync is off' : `Syncing automatically every ${minutes} minutes`,
    onError: (e, { previous }) => {
      setChosen(previous);
      toast(messageOf(e), 'error');
    },
  });

  return (
    <Card title="Automatic sync" data-testid="auto-sync-card">
      {settings.error ? (
        <ErrorNote error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <SelectField
            label="Sync in the background"
            value={String(autoMinutes)}
            disabled={!settings.data || save.busy}
            onChange={(e) => {
              const minutes = Number(e.target.value) as Minutes;
              setChosen(minutes);
              save.run({ minutes, previous: autoMinutes });
            }}
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
  );
}
