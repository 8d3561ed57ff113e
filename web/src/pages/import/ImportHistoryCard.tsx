import { useTranslation } from 'react-i18next';
import { useImportHistory } from '../../api/queries';
import { useApp } from '../../context';
import { Card } from '../../components/ui';
import { numberText, timestampText } from '../../format';
import { DataTable, numeric } from '../../components/DataTable';

/** The imports made on this device, newest first; nothing until the first. */
export function ImportHistoryCard() {
  const { t } = useTranslation();
  const { locale } = useApp();
  const items = useImportHistory().data ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t('import.history')} data-testid="import-history">
      <DataTable
        columns={[
          t('import.when'),
          t('import.file'),
          numeric(t('import.added')),
          numeric(t('import.alreadyThere')),
          numeric(t('import.badSkipped')),
        ]}
      >
        {items.map((b) => (
          <tr key={b.id}>
            <td className="nowrap">{timestampText(b.importedAt, locale)}</td>
            <td title={`SHA-256 ${b.fingerprint}`}>{b.fileName}</td>
            <td className="num">{numberText(b.added, locale)}</td>
            <td className="num">{numberText(b.duplicates, locale)}</td>
            <td className="num">{numberText(b.skippedBad, locale)}</td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
